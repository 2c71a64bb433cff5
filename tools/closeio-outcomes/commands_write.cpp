// create, update and delete.
#include <iostream>

#include "commands.hpp"
#include "outcome_printer.hpp"
#include "progress.hpp"
#include "terminal.hpp"
#include "text.hpp"
#include "uncertain_write.hpp"

namespace closeio_cli {
namespace {

// --type has already been checked by the parser; anything else is a usage error.
closeio::OutcomeType parse_type(const std::string& text) {
  const closeio::OutcomeType type = closeio::outcome_type_from_string(text);
  if (type == closeio::OutcomeType::unknown) {
    throw CliError(ExitCode::usage, "unknown type '" + text + "' (use custom or vm-dropped)");
  }
  return type;
}

// A blank name cannot be told apart from no name where users pick outcomes; refuse it before
// anything is sent.
void require_visible_name(const std::string& name) {
  if (is_blank_name(name)) {
    throw CliError(ExitCode::validation,
                   "--name is empty or only whitespace: an outcome needs a visible name; nothing "
                   "was sent");
  }
}

void print_one(const closeio::Outcome& outcome, const std::optional<std::string>& format) {
  OutcomePrinter printer(std::cout, resolve_format(format, stdout_is_terminal()));
  printer.add(outcome);
  printer.finish();
  flush_stdout();
}

}  // namespace

ExitCode run_create(const GlobalOptions& global, const CreateArgs& args) {
  resolve_format(args.format, false);  // Reject a bad --format before anything is sent.
  require_visible_name(args.name);
  closeio::OutcomeCreate create;
  create.name = args.name;
  create.description = args.description;
  if (args.type) create.type = parse_type(*args.type);
  closeio::OutcomesClient client = make_client(client_options(global));
  closeio::Outcome created;
  try {
    created = client.create(create);
  } catch (...) {
    rethrow_write_failure(std::current_exception(), "outcome " + display_name(args.name), "created",
                          "check with: closeio-outcomes list");
  }
  print_one(created, args.format);
  return ExitCode::success;
}

ExitCode run_update(const GlobalOptions& global, const UpdateArgs& args) {
  resolve_format(args.format, false);
  closeio::OutcomeUpdate changes;
  if (args.name) {
    require_visible_name(*args.name);
    changes.set_name(*args.name);
  }
  if (args.description && args.clear_description) {
    throw CliError(ExitCode::usage, "--description and --clear-description exclude each other");
  }
  if (args.description) changes.set_description(*args.description);
  if (args.clear_description) changes.clear_description();
  if (args.type) changes.set_type(parse_type(*args.type));
  if (changes.empty()) {
    throw CliError(ExitCode::usage,
                   "nothing to update: give --name, --description, --clear-description or --type");
  }
  closeio::OutcomesClient client = make_client(client_options(global));
  closeio::Outcome updated;
  try {
    updated = client.update(args.id, changes);
  } catch (...) {
    rethrow_write_failure(std::current_exception(), "outcome " + args.id, "updated",
                          "check with: closeio-outcomes get " + args.id);
  }
  print_one(updated, args.format);
  return ExitCode::success;
}

ExitCode run_delete(const GlobalOptions& global, const DeleteArgs& args) {
  if (!args.yes && !stdin_is_terminal()) {
    // Never wait for an answer that cannot come (cron, CI, pipes).
    throw CliError(ExitCode::usage,
                   "refusing to delete without confirmation: stdin is not a terminal; pass --yes");
  }
  closeio::OutcomesClient client = make_client(client_options(global));
  if (!args.yes) {
    // Fetch first so the prompt names what is deleted (and an unknown id fails before asking).
    const closeio::Outcome outcome = client.fetch(args.id, {"id", "name"});
    if (!confirm("Delete outcome " + display_name(outcome.name) + " (" + outcome.id + ")?")) {
      std::cerr << "closeio-outcomes: not deleted\n";
      return ExitCode::failure;
    }
  }
  try {
    client.remove(args.id);
  } catch (...) {
    rethrow_write_failure(std::current_exception(), "outcome " + args.id, "deleted",
                          "check with: closeio-outcomes get " + args.id);
  }
  clear_status_line();
  std::cout << "deleted " << without_control_chars(args.id) << '\n';
  flush_stdout();
  return ExitCode::success;
}

}  // namespace closeio_cli
