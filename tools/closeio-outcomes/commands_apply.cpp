// apply: make the organization's outcomes match a file, by name.
#include <algorithm>
#include <iostream>

#include "apply_plan.hpp"
#include "commands.hpp"
#include "file_io.hpp"
#include "outcome_file.hpp"
#include "outcome_listing.hpp"
#include "plan_writes.hpp"
#include "progress.hpp"
#include "terminal.hpp"
#include "text.hpp"
#include "uncertain_write.hpp"

namespace closeio_cli {
namespace {

// Whether the organization, as re-read after a failure, shows `change` as carried out.
bool is_done(const PlannedChange& change, const std::vector<closeio::Outcome>& now) {
  for (const closeio::Outcome& outcome : now) {
    switch (change.kind) {
      case PlannedChange::Kind::create:
        if (desired_from(outcome) == change.desired) return true;
        break;
      case PlannedChange::Kind::update:
        if (outcome.id == change.id) return desired_from(outcome) == change.desired;
        break;
      case PlannedChange::Kind::remove:
        if (outcome.id == change.id) return false;
        break;
    }
  }
  return change.kind == PlannedChange::Kind::remove;
}

std::string verb(PlannedChange::Kind kind) {
  switch (kind) {
    case PlannedChange::Kind::create:
      return "create";
    case PlannedChange::Kind::update:
      return "update";
    case PlannedChange::Kind::remove:
      break;
  }
  return "delete";
}

const char* past_tense(PlannedChange::Kind kind) {
  switch (kind) {
    case PlannedChange::Kind::create:
      return "created";
    case PlannedChange::Kind::update:
      return "updated";
    case PlannedChange::Kind::remove:
      break;
  }
  return "deleted";
}

// The line that says what became of one change: "created NAME", "failed to update NAME:
// MESSAGE", "outcome NAME may have been deleted, but ...", "not sent: delete NAME".
std::string result_line(const PlannedChange& change, const ChangeResult& result) {
  const std::string name = display_name(change.desired.name);
  switch (result.state) {
    case ChangeResult::State::done:
      return past_tense(change.kind) + (" " + name);
    case ChangeResult::State::not_sent:
      return "not sent: " + verb(change.kind) + " " + name;
    case ChangeResult::State::failed:
      break;
  }
  if (classify_write_failure(result.error) != WriteOutcome::not_done) {
    return one_line(
        describe_write_failure(result.error, "outcome " + name, past_tense(change.kind)));
  }
  return "failed to " + verb(change.kind) + " " + name + ": " +
         one_line(describe_failure(result.error).message);
}

// What became of the changes after the first failed one: "; of the 3 changes after it, 1 had
// already been sent and 2 were not sent" (sent before the failure came back: nothing is sent
// after it). Empty when it was the last.
std::string later_changes(const std::vector<ChangeResult>& results, std::size_t failed) {
  std::size_t sent = 0;
  std::size_t not_sent = 0;
  for (std::size_t i = failed + 1; i < results.size(); ++i) {
    ++(results[i].state == ChangeResult::State::not_sent ? not_sent : sent);
  }
  const std::size_t later = sent + not_sent;
  if (later == 0) return {};
  return "; of the " + std::to_string(later) + " change" + (later == 1 ? "" : "s") + " after it, " +
         std::to_string(sent) + " had already been sent and " + std::to_string(not_sent) +
         (not_sent == 1 ? " was" : " were") + " not sent";
}

// After a failed change: re-read the organization and print, change by change, what is done
// and what is not, so the user knows where things stand. Returns what to add to the error.
std::string report_progress_after_failure(const closeio::OutcomesClient& client, const Plan& plan) {
  std::vector<closeio::Outcome> now;
  try {
    Progress progress;
    now = fetch_all_outcomes(client, {"id", "name", "description", "type"}, progress);
  } catch (...) {
    return "; the organization could not be re-read (" +
           describe_failure(std::current_exception()).message +
           "): run apply again to see what is left";
  }
  std::size_t done = 0;
  std::string lines;
  for (const PlannedChange& change : plan.changes) {
    const bool carried_out = is_done(change, now);
    done += carried_out ? 1 : 0;
    lines += std::string(carried_out ? "  done:     " : "  not done: ") + describe(change) + '\n';
  }
  std::cout << "After the failure, " << done << " of " << plan.changes.size()
            << " changes are in place:\n"
            << lines;
  flush_stdout();
  return "; " + std::to_string(done) + " of " + std::to_string(plan.changes.size()) +
         " changes are in place (listed on stdout); run apply again to finish";
}

// Deleting is as careful as `delete`: on a terminal, name what goes and ask; elsewhere (or when
// stdin holds the file) there is nobody to ask, so refuse before anything is changed.
bool confirm_deletions(const Plan& plan, const ApplyArgs& args) {
  if (!stdin_is_terminal() || args.file == "-") {
    throw CliError(ExitCode::usage, "refusing to delete " + std::to_string(plan.removes) +
                                        " outcome" + (plan.removes == 1 ? "" : "s") +
                                        " without confirmation: stdin is not a terminal; pass "
                                        "--yes (nothing was changed)");
  }
  std::vector<std::string> names;
  for (const PlannedChange& change : plan.changes) {
    if (change.kind == PlannedChange::Kind::remove) names.push_back(change.desired.name);
  }
  return confirm("Delete " + std::to_string(names.size()) + " outcome" +
                 (names.size() == 1 ? "" : "s") + " (" + name_list(names) + ")?");
}

}  // namespace

ExitCode run_apply(const GlobalOptions& global, const ApplyArgs& args) {
  // Everything that can be checked locally is checked before the first request.
  const std::string source = args.file == "-" ? std::string("<stdin>") : args.file;
  const std::vector<DesiredOutcome> desired =
      parse_outcome_file(read_input_file(args.file), source);
  closeio::ClientOptions options = client_options(global);
  // The session must not hold back the writes --max-in-flight allows.
  options.max_concurrent_requests = std::max(options.max_concurrent_requests, args.max_in_flight);
  closeio::OutcomesClient client = make_client(options);

  Progress progress;
  const std::vector<closeio::Outcome> current =
      fetch_all_outcomes(client, {"id", "name", "description", "type"}, progress);
  const Plan plan = compute_plan(desired, current, args.prune);

  if (!args.prune) {
    if (const auto kept = unmanaged_names(desired, current); !kept.empty()) {
      notice("keeping " + std::to_string(kept.size()) + " outcome" + (kept.size() == 1 ? "" : "s") +
             " not named in " + source + " (--prune deletes them): " + name_list(kept));
    }
  }
  if (plan.empty()) {
    std::cout << "no changes\n";
    flush_stdout();
    return ExitCode::success;
  }
  clear_status_line();
  for (const PlannedChange& change : plan.changes) std::cout << describe(change) << '\n';
  std::cout << plan_summary(plan) << '\n';
  if (args.dry_run) {
    std::cout << "Dry run: nothing was changed.\n";
    flush_stdout();
    return ExitCode::success;
  }
  flush_stdout();
  if (plan.removes > 0 && !args.yes && !confirm_deletions(plan, args)) {
    notice("nothing was changed");
    return ExitCode::failure;
  }

  // The writes go out several at a time; their result lines come out in plan order.
  const std::size_t total = plan.changes.size();
  const std::vector<ChangeResult> results = carry_out_plan(
      client, plan, static_cast<std::size_t>(args.max_in_flight),
      [&](std::size_t i) {
        progress.update("[" + std::to_string(i + 1) + "/" + std::to_string(total) + "] " +
                        describe(plan.changes[i]));
      },
      [&](std::size_t i, const ChangeResult& result) {
        progress.clear();
        clear_status_line();
        std::cout << result_line(plan.changes[i], result) << '\n' << std::flush;
      });
  progress.clear();
  std::size_t failed = 0;
  for (; failed < total; ++failed) {
    if (results[failed].state == ChangeResult::State::failed) break;
  }
  if (failed < total) {
    const PlannedChange& change = plan.changes[failed];
    const std::exception_ptr error = results[failed].error;
    const Failure failure = describe_failure(error);
    const std::string what = describe_write_failure(
        error, "outcome " + display_name(change.desired.name), past_tense(change.kind));
    const std::string later = later_changes(results, failed);
    const std::string status = report_progress_after_failure(client, plan);
    const ExitCode code =
        classify_write_failure(error) == WriteOutcome::not_done ? failure.code : ExitCode::server;
    throw CliError(code, "apply stopped at change " + std::to_string(failed + 1) + " of " +
                             std::to_string(total) + " (" + describe(change) + "): " + what +
                             later + status);
  }
  progress.clear();
  clear_status_line();
  std::cout << "Applied: " << plan.creates << " created, " << plan.updates << " updated, "
            << plan.removes << " deleted.\n";
  flush_stdout();
  return ExitCode::success;
}

}  // namespace closeio_cli
