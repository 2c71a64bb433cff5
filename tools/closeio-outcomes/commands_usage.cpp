// usage: how many calls and meetings carry each outcome.
#include <closeio/calls_client.hpp>
#include <closeio/errors.hpp>
#include <closeio/meetings_client.hpp>
#include <iostream>

#include "commands.hpp"
#include "date_option.hpp"
#include "outcome_listing.hpp"
#include "outcome_usage.hpp"
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

template <class Range, class Visit>
void walk(Range range, const char* what, Progress& progress, Visit visit) {
  std::size_t count = 0;
  progress.update(std::string("Counting ") + what + "...");
  for (auto it = range.begin(); it != range.end(); ++it) {
    visit(*it);
    if (++count % 100 == 0) {
      progress.update(std::string("Counting ") + what + "... " + std::to_string(count));
    }
  }
  progress.clear();
}

}  // namespace

ExitCode run_usage(const GlobalOptions& global, const UsageArgs& args) {
  const Format format = resolve_format(args.format, stdout_is_terminal());
  const closeio::ActivityFilter filter = make_filter(args);
  const closeio::Session session = make_session(client_options(global));
  Progress progress(stderr_is_terminal() && !(stdout_is_terminal() && format != Format::table));

  const std::vector<closeio::Outcome> outcomes =
      fetch_all_outcomes(closeio::OutcomesClient(session), {"id", "name"}, progress);
  OutcomeTally tally;
  closeio::ListOptions options;
  options.fields = {"id", "outcome_id"};
  const char* listing = "calls";
  try {
    walk(closeio::CallsClient(session).list(filter, options), "calls", progress,
         [&](const closeio::Call& call) { tally.add_call(call.outcome_id); });
    listing = "meetings";
    walk(closeio::MeetingsClient(session).list(filter, options), "meetings", progress,
         [&](const closeio::Meeting& meeting) { tally.add_meeting(meeting.outcome_id); });
  } catch (const closeio::BadRequestError& e) {
    const std::string filters = refused_filters(e, args);
    if (filters.empty()) throw;
    throw CliError(ExitCode::validation, std::string("Close refused the filter of the ") + listing +
                                             " list (" + filters + ")" +
                                             (e.message().empty() ? "" : ": " + e.message()));
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
