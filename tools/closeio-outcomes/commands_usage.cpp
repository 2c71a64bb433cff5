// usage: how many calls and meetings carry each outcome.
#include <algorithm>
#include <chrono>
#include <closeio/calls_client.hpp>
#include <closeio/errors.hpp>
#include <closeio/meetings_client.hpp>
#include <closeio/sliced_list.hpp>
#include <exception>
#include <iostream>
#include <vector>

#include "commands.hpp"
#include "date_option.hpp"
#include "outcome_usage.hpp"
#include "page_walk.hpp"
#include "progress.hpp"
#include "record_printer.hpp"
#include "terminal.hpp"
#include "text.hpp"

namespace closeio_cli {
namespace {

closeio::ActivityFilter make_filter(const UsageArgs& args) {
  closeio::ActivityFilter filter;
  filter.lead_id = args.lead_id;
  filter.user_id = args.user_id;
  std::optional<closeio::Timestamp> since;
  if (args.since) {
    since = parse_date_option(*args.since, "--since");
    // The API's bound is strict (date_created__gt); --since includes its instant.
    filter.created_after = *since - std::chrono::microseconds(1);
  }
  if (args.until) {
    filter.created_before = parse_date_option(*args.until, "--until");
    if (since && *filter.created_before <= *since) {
      throw CliError(ExitCode::usage, "--until must be later than --since");
    }
  }
  return filter;
}

// The options of the filters Close named in its 400, or of every filter given.
std::string refused_filters(const closeio::BadRequestError& e, const UsageArgs& args) {
  const std::pair<const char*, const char*> names[] = {{"lead_id", "--lead"},
                                                       {"user_id", "--user"},
                                                       {"date_created__gt", "--since"},
                                                       {"date_created__lt", "--until"}};
  std::string named;
  for (const auto& [wire, option] : names) {
    if (e.field_errors().count(wire) != 0) {
      named += (named.empty() ? "" : ", ") + std::string(option) + ": " + e.field_errors().at(wire);
    }
  }
  if (!named.empty()) return named;
  std::string given;
  auto add = [&](bool set, const char* option) {
    if (set) given += (given.empty() ? "" : ", ") + std::string(option);
  };
  add(!args.lead_id.empty(), "--lead");
  add(!args.user_id.empty(), "--user");
  add(args.since.has_value(), "--since");
  add(args.until.has_value(), "--until");
  return given;
}

// The sliced walk over the --since/--until window (the filter holds it too).
closeio::SlicedListOptions sliced_options(const UsageArgs& args) {
  const ActivityWindow window = activity_window(args.since, args.until);
  closeio::SlicedListOptions options;
  options.from = window.from;
  options.to = window.to;
  options.max_in_flight = args.max_in_flight;
  options.fields = {"id", "outcome_id"};
  return options;
}

}  // namespace

ExitCode run_usage(const GlobalOptions& global, const UsageArgs& args) {
  const Format format = resolve_format(args.format, stdout_is_terminal());
  const closeio::ActivityFilter filter = make_filter(args);
  closeio::ClientOptions options = client_options(global);
  // The session must not hold back the requests --max-in-flight allows.
  options.max_concurrent_requests = std::max(options.max_concurrent_requests, args.max_in_flight);
  const closeio::Session session = make_session(options);
  Progress progress(stderr_is_terminal() && !(stdout_is_terminal() && format != Format::table));

  // The outcomes first (one list, pages ahead up to the bound), then the calls and the meetings
  // each by the SDK's sliced walk: date windows read at once, each past Close's `_skip` cap
  // (250,000 rows), so an organization of any size is counted. A tally needs no order.
  std::vector<closeio::Outcome> outcomes;
  OutcomeTally tally;
  const closeio::OutcomesClient outcomes_client(session);
  const closeio::CallsClient calls_client(session);
  const closeio::MeetingsClient meetings_client(session);
  std::vector<PagedList> lists;
  lists.push_back(paged_list<closeio::Outcome>(
      [&](const closeio::ListOptions& o, auto done) {
        outcomes_client.list_page_async(o, std::move(done));
      },
      [&](const closeio::Outcome& outcome) { outcomes.push_back(outcome); }));
  lists.back().fields = {"id", "name"};
  lists.back().progress = [&progress](std::size_t visited) {
    progress.update("Fetching outcomes... " + std::to_string(visited));
  };
  progress.update("Fetching outcomes...");
  std::vector<std::exception_ptr> errors =
      walk_pages(lists, closeio::ListOptions().limit, static_cast<std::size_t>(args.max_in_flight));
  if (errors[0]) {
    progress.clear();
    std::rethrow_exception(errors[0]);
  }
  closeio::SlicedListOptions sliced = sliced_options(args);
  const auto count_with = [&](const char* label, const auto& client, auto add) {
    sliced.on_progress = [&progress, label](const closeio::SliceProgress& p) {
      progress.update(std::string(label) + std::to_string(p.rows));
    };
    progress.update(label);
    try {
      client.list_sliced(filter, sliced, [&](auto rows) {
        for (const auto& row : rows) add(row.outcome_id);
      });
    } catch (...) {
      return std::current_exception();
    }
    return std::exception_ptr();
  };
  // A failed calls walk ends the command before the meetings are read, as one walk would.
  errors.push_back(count_with("Counting calls... ", calls_client,
                              [&](const auto& outcome_id) { tally.add_call(outcome_id); }));
  if (!errors.back()) {
    errors.push_back(count_with("Counting meetings... ", meetings_client,
                                [&](const auto& id) { tally.add_meeting(id); }));
  }
  progress.clear();

  // The calls' error first, then the meetings'.
  for (std::size_t i = 1; i < errors.size(); ++i) {
    if (!errors[i]) continue;
    const char* listing = i == 1 ? "calls" : "meetings";
    try {
      std::rethrow_exception(errors[i]);
    } catch (const closeio::BadRequestError& e) {
      const std::string filters = refused_filters(e, args);
      if (filters.empty()) throw;
      throw CliError(ExitCode::validation, std::string("Close refused the filter of the ") +
                                               listing + " list (" + filters + ")" +
                                               (e.message().empty() ? "" : ": " + e.message()));
    }
  }

  RecordPrinter printer(std::cout, format,
                        {{"outcome_id", "OUTCOME_ID"},
                         {"name", "NAME"},
                         {"deleted", "DELETED"},
                         {"calls", "CALLS"},
                         {"meetings", "MEETINGS"}});
  for (const auto& row : tally.rows(outcomes)) {
    printer.add(
        {row.outcome_id ? nlohmann::ordered_json(*row.outcome_id) : nlohmann::ordered_json(nullptr),
         row.name, row.deleted, row.calls, row.meetings});
  }
  printer.finish();
  flush_stdout();
  return ExitCode::success;
}

}  // namespace closeio_cli
