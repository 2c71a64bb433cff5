// assign and unassign: put an outcome on a call or meeting, or take it off.
#include <closeio/calls_client.hpp>
#include <closeio/errors.hpp>
#include <closeio/meetings_client.hpp>
#include <iostream>

#include "commands.hpp"
#include "outcome_listing.hpp"
#include "outcome_resolver.hpp"
#include "record_printer.hpp"
#include "terminal.hpp"
#include "text.hpp"

namespace closeio_cli {
namespace {

ActivityKind parse_kind(const std::string& kind) {
  if (kind == "call") return ActivityKind::call;
  if (kind == "meeting") return ActivityKind::meeting;
  throw CliError(ExitCode::usage,
                 "unknown activity '" + one_line(kind, 40) + "' (use call or meeting)");
}

// The id and outcome of the activity as Close answered the PUT.
struct Updated {
  std::string id;
  std::optional<std::string> outcome_id;
};

// Sends the PUT. Both set and clear are idempotent, so the SDK may retry them safely.
Updated put_outcome(const closeio::Session& session, ActivityKind kind, const std::string& id,
                    const std::optional<std::string>& outcome_id) {
  if (kind == ActivityKind::call) {
    closeio::CallsClient calls(session);
    const closeio::Call call =
        outcome_id ? calls.set_outcome(id, *outcome_id) : calls.clear_outcome(id);
    return {call.id, call.outcome_id};
  }
  closeio::MeetingsClient meetings(session);
  const closeio::Meeting meeting =
      outcome_id ? meetings.set_outcome(id, *outcome_id) : meetings.clear_outcome(id);
  return {meeting.id, meeting.outcome_id};
}

// A 400 that names outcome_id is about the outcome the user chose (unknown, deleted, or not for
// this kind of activity): say that in one sentence rather than as a generic rejection.
[[noreturn]] void explain_refusal(const closeio::BadRequestError& e, const std::string& what) {
  const auto& field_errors = e.field_errors();
  const auto it = field_errors.find("outcome_id");
  if (it == field_errors.end()) throw;
  throw CliError(ExitCode::validation,
                 "Close refused " + what + " (HTTP 400): " + it->second + "; nothing was changed");
}

void print_updated(const Updated& updated, ActivityKind kind,
                   const std::vector<closeio::Outcome>& outcomes,
                   const std::optional<std::string>& format) {
  std::optional<std::string> name;
  if (updated.outcome_id) {
    name = "(deleted) " + *updated.outcome_id;
    for (const auto& outcome : outcomes) {
      if (outcome.id == *updated.outcome_id) name = outcome.name;
    }
  }
  RecordPrinter printer(
      std::cout, resolve_format(format, stdout_is_terminal()),
      {{"id", "ID"}, {"type", "TYPE"}, {"outcome_id", "OUTCOME_ID"}, {"outcome_name", "OUTCOME"}});
  auto optional_json = [](const std::optional<std::string>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
  };
  printer.add({updated.id, kind == ActivityKind::call ? "call" : "meeting",
               optional_json(updated.outcome_id), optional_json(name)});
  printer.finish();
  flush_stdout();
}

}  // namespace

ExitCode run_assign(const GlobalOptions& global, const AssignArgs& args) {
  resolve_format(args.format, false);  // Reject a bad --format before anything is sent.
  const ActivityKind kind = parse_kind(args.kind);
  const closeio::Session session = make_session(client_options(global));
  Progress progress(stderr_is_terminal());
  const std::vector<closeio::Outcome> outcomes =
      fetch_all_outcomes(closeio::OutcomesClient(session), {"id", "name"}, progress);
  const ResolvedOutcome outcome = resolve_outcome(outcomes, args.outcome);
  const std::string what =
      "outcome " +
      (outcome.name.empty() ? outcome.id : display_name(outcome.name) + " (" + outcome.id + ")") +
      " on " + args.kind + " " + one_line(args.id, 80);
  Updated updated;
  try {
    updated = put_outcome(session, kind, args.id, outcome.id);
  } catch (const closeio::BadRequestError& e) {
    explain_refusal(e, what);
  }
  print_updated(updated, kind, outcomes, args.format);
  return ExitCode::success;
}

ExitCode run_unassign(const GlobalOptions& global, const AssignArgs& args) {
  resolve_format(args.format, false);
  const ActivityKind kind = parse_kind(args.kind);
  const closeio::Session session = make_session(client_options(global));
  const Updated updated = put_outcome(session, kind, args.id, std::nullopt);
  print_updated(updated, kind, {}, args.format);
  return ExitCode::success;
}

}  // namespace closeio_cli
