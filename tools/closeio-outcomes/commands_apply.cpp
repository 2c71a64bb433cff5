// apply: make the organization's outcomes match a file, by name.
#include <iostream>

#include "apply_plan.hpp"
#include "commands.hpp"
#include "file_io.hpp"
#include "outcome_file.hpp"
#include "outcome_listing.hpp"
#include "progress.hpp"
#include "terminal.hpp"
#include "text.hpp"
#include "uncertain_write.hpp"

namespace closeio_cli {
namespace {

void carry_out(const closeio::OutcomesClient& client, const PlannedChange& change) {
  switch (change.kind) {
    case PlannedChange::Kind::create: {
      closeio::OutcomeCreate create;
      create.name = change.desired.name;
      create.description = change.desired.description;
      create.type = change.desired.type;
      client.create(create);
      return;
    }
    case PlannedChange::Kind::update: {
      closeio::OutcomeUpdate update;
      if (change.description_changes) {
        if (change.desired.description) {
          update.set_description(*change.desired.description);
        } else {
          update.clear_description();
        }
      }
      if (change.old_type) update.set_type(change.desired.type);
      client.update(change.id, update);
      return;
    }
    case PlannedChange::Kind::remove:
      client.remove(change.id);
      return;
  }
}

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
  closeio::OutcomesClient client = make_client(client_options(global));

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

  const std::size_t total = plan.changes.size();
  for (std::size_t i = 0; i < total; ++i) {
    const PlannedChange& change = plan.changes[i];
    progress.update("[" + std::to_string(i + 1) + "/" + std::to_string(total) + "] " +
                    describe(change));
    try {
      carry_out(client, change);
    } catch (...) {
      progress.clear();
      const std::exception_ptr error = std::current_exception();
      const Failure failure = describe_failure(error);
      const std::string what = describe_write_failure(
          error, "outcome " + display_name(change.desired.name), past_tense(change.kind));
      const std::string status = report_progress_after_failure(client, plan);
      const ExitCode code =
          classify_write_failure(error) == WriteOutcome::not_done ? failure.code : ExitCode::server;
      throw CliError(code, "apply stopped at change " + std::to_string(i + 1) + " of " +
                               std::to_string(total) + " (" + describe(change) + "): " + what +
                               status);
    }
  }
  progress.clear();
  clear_status_line();
  std::cout << "Applied: " << plan.creates << " created, " << plan.updates << " updated, "
            << plan.removes << " deleted.\n";
  flush_stdout();
  return ExitCode::success;
}

}  // namespace closeio_cli
