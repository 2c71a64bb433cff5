// closeio-outcomes: manage Close outcomes from the command line. This file wires the command
// line (CLI11) to the commands and turns every failure into one line on stderr and an exit code.
#include <CLI/CLI.hpp>
#include <closeio/version.hpp>
#include <exception>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "in_flight_option.hpp"
#include "progress.hpp"
#include "text.hpp"

namespace {

using closeio_cli::ExitCode;

constexpr const char* kProgram = "closeio-outcomes";

void add_format_option(CLI::App& command, std::optional<std::string>& format) {
  command
      .add_option("--format", format,
                  "Output format: table, json (one JSON object per line) or csv. "
                  "Default: table on a terminal, json otherwise. Control characters never "
                  "reach the terminal; a CSV cell starting with = + - @ tab or CR gets a "
                  "leading ' so a spreadsheet cannot run it as a formula")
      ->check(CLI::IsMember({"table", "json", "csv"}));
}

void add_type_option(CLI::App& command, std::optional<std::string>& type) {
  command.add_option("--type", type, "Outcome type: custom or vm-dropped")
      ->check(CLI::IsMember({"custom", "vm-dropped"}));
}

void add_max_in_flight_option(CLI::App& command, int& value, const std::string& what) {
  command
      .add_option("--max-in-flight", value,
                  "At most N " + what + " on the wire at once, 1 to " +
                      std::to_string(closeio_cli::kLargestMaxInFlight) + "; default " +
                      std::to_string(closeio_cli::kDefaultMaxInFlight))
      ->type_name("N")
      ->check(CLI::Validator(closeio_cli::check_max_in_flight, "", "1-32"));
}

constexpr const char* kGlobalOptionsHelp =
    "Global options (before or after the command):\n"
    "  --base-url URL              API root, e.g. https://api.close.com/api/v1/ (default: "
    "CLOSE_API_BASE_URL, else Close production)\n"
    "  --api-key-file FILE         Read the API key from the first line of FILE (default: "
    "CLOSE_API_KEY, else CLOSE_ACCESS_TOKEN)\n"
    "  --max-retries N             Retries of a failed request (429, 502-504, network); "
    "default 3\n"
    "  -v,--verbose                Log every HTTP request on stderr\n"
    "Exit codes: see closeio-outcomes --help.";

// A key given as an option would be visible to every user of the machine (ps, shell history):
// refuse it before CLI11 would echo it back in an "unexpected argument" error.
bool gives_key_on_command_line(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    for (const char* option : {"--api-key", "--access-token", "--token"}) {
      if (arg == option || arg.rfind(std::string(option) + "=", 0) == 0) return true;
    }
  }
  return false;
}

int report(const closeio_cli::Failure& failure) {
  closeio_cli::clear_status_line();
  // CLI11's parse errors quote the command line, which may hold anything: one safe line.
  std::cerr << kProgram << ": " << closeio_cli::one_line(failure.message, 500) << '\n';
  return closeio_cli::to_int(failure.code);
}

int run(int argc, char** argv) {
  closeio_cli::GlobalOptions global;
  closeio_cli::ListArgs list_args;
  closeio_cli::GetArgs get_args;
  closeio_cli::CreateArgs create_args;
  closeio_cli::UpdateArgs update_args;
  closeio_cli::DeleteArgs delete_args;
  closeio_cli::ExportArgs export_args;
  closeio_cli::ApplyArgs apply_args;
  closeio_cli::AssignArgs assign_args;
  closeio_cli::AssignArgs unassign_args;
  closeio_cli::UsageArgs usage_args;
  closeio_cli::EventsArgs events_args;

  CLI::App app{"Manage the outcomes of a Close organization (Close Outcomes API).", kProgram};
  app.footer(closeio_cli::exit_codes_help());
  app.set_version_flag("--version", std::string(kProgram) + " " + closeio::version());
  app.require_subcommand(0, 1);  // "No command" is reported below, after unknown options.
  // Global options are accepted after the subcommand too: `closeio-outcomes list --base-url X`.
  app.fallthrough();

  app.add_option("--base-url", global.base_url,
                 "API root, e.g. https://api.close.com/api/v1/ (default: CLOSE_API_BASE_URL, "
                 "else Close production)");
  app.add_option("--api-key-file", global.api_key_file,
                 "Read the API key from the first line of FILE (default: CLOSE_API_KEY, else "
                 "CLOSE_ACCESS_TOKEN as an OAuth token)")
      ->type_name("FILE");
  app.add_option("--max-retries", global.max_retries,
                 "Retries of a failed request (429, 502-504, network); default 3")
      ->check(CLI::Range(0, 10));
  app.add_flag("-v,--verbose", global.verbose, "Log every HTTP request on stderr");

  std::vector<std::pair<CLI::App*, std::function<ExitCode()>>> commands;
  auto add_command = [&](const char* name, const char* description,
                         std::function<ExitCode()> runner) {
    CLI::App* command = app.add_subcommand(name, description);
    // The global options once (CLI11 shows only the command's own); exit codes only at the top.
    command->footer(kGlobalOptionsHelp);
    commands.emplace_back(command, std::move(runner));
    return command;
  };

  CLI::App* list = add_command("list", "List every outcome",
                               [&] { return closeio_cli::run_list(global, list_args); });
  list->add_option("--fields", list_args.fields,
                   "Only these fields, comma-separated, e.g. id,name (default: all; a table "
                   "shows id,name,type,description)")
      ->delimiter(',');
  add_format_option(*list, list_args.format);

  CLI::App* get = add_command("get", "Show one outcome",
                              [&] { return closeio_cli::run_get(global, get_args); });
  get->add_option("id", get_args.id, "Outcome id (outcome_...)")->required();
  get->add_option("--fields", get_args.fields, "Only these fields, comma-separated")
      ->delimiter(',');
  add_format_option(*get, get_args.format);

  CLI::App* create = add_command("create", "Create an outcome and print it",
                                 [&] { return closeio_cli::run_create(global, create_args); });
  create->add_option("--name", create_args.name, "Name (required)")->required();
  create->add_option("--description", create_args.description, "Description");
  add_type_option(*create, create_args.type);
  add_format_option(*create, create_args.format);

  CLI::App* update = add_command("update", "Change an outcome and print it",
                                 [&] { return closeio_cli::run_update(global, update_args); });
  update->add_option("id", update_args.id, "Outcome id (outcome_...)")->required();
  update->add_option("--name", update_args.name, "New name");
  CLI::Option* description =
      update->add_option("--description", update_args.description, "New description");
  CLI::Option* clear = update->add_flag("--clear-description", update_args.clear_description,
                                        "Remove the description");
  description->excludes(clear);
  add_type_option(*update, update_args.type);
  add_format_option(*update, update_args.format);

  CLI::App* remove = add_command("delete", "Delete an outcome (asks first on a terminal)",
                                 [&] { return closeio_cli::run_delete(global, delete_args); });
  remove->add_option("id", delete_args.id, "Outcome id (outcome_...)")->required();
  remove->add_flag("-y,--yes", delete_args.yes,
                   "Do not ask for confirmation (required when stdin is not a terminal)");

  CLI::App* exporter = add_command(
      "export",
      "Write every outcome as JSON (name, description, type; sorted by name), or with `calls` or "
      "`meetings` every call or meeting created in [--since, --until) as JSON lines, read in "
      "--slices date windows at once (each row once; windows interleave, so lines are not in "
      "date order); a progress bar on a terminal",
      [&] { return closeio_cli::run_export(global, export_args); });
  exporter->add_option("what", export_args.kind, "outcomes (default), calls or meetings")
      ->check(CLI::IsMember({"outcomes", "calls", "meetings"}));
  exporter->add_option("-o,--output", export_args.output, "Write to FILE instead of stdout")
      ->type_name("FILE");
  exporter
      ->add_option("--since", export_args.since,
                   "calls/meetings: only those created at or after DATE (YYYY-MM-DD or ISO 8601). "
                   "Default: 2012-01-01, before Close stored any activity")
      ->type_name("DATE");
  exporter
      ->add_option("--until", export_args.until,
                   "calls/meetings: only those created before DATE. Default: a minute from now")
      ->type_name("DATE");
  exporter
      ->add_option("--slices", export_args.slices,
                   "calls/meetings: date windows of equal length, 1 to 10000. Default: 16")
      ->check(CLI::Range(1, 10000));
  add_max_in_flight_option(*exporter, export_args.max_in_flight, "page requests (calls/meetings)");

  CLI::App* apply = add_command(
      "apply",
      "Make the organization's outcomes match FILE (as written by export), matching by name. "
      "Prints the plan, then carries it out with up to --max-in-flight writes at once (deletes "
      "only after every create and update succeeded), printing each change's result in plan "
      "order. After a failure nothing more is sent: writes already in flight finish and are "
      "reported, the organization is re-read and what is in place is listed",
      [&] { return closeio_cli::run_apply(global, apply_args); });
  apply->add_option("file", apply_args.file, "Outcomes file, or - for stdin")->required();
  apply->add_flag("--dry-run", apply_args.dry_run, "Print the plan and change nothing");
  apply->add_flag("--prune", apply_args.prune,
                  "Also delete outcomes the file does not name (otherwise nothing is deleted); "
                  "lists them and asks first on a terminal");
  apply->add_flag("-y,--yes", apply_args.yes,
                  "Delete without asking (required for --prune deletions when stdin is not a "
                  "terminal)");
  add_max_in_flight_option(*apply, apply_args.max_in_flight, "writes");

  CLI::App* assign = add_command(
      "assign",
      "Put an outcome on a call or meeting and print the activity (id, outcome id and name). "
      "OUTCOME is an outcome id or an exact name; a name no outcome has, or several share, is "
      "refused before anything is sent",
      [&] { return closeio_cli::run_assign(global, assign_args); });
  assign->add_option("kind", assign_args.kind, "call or meeting")
      ->required()
      ->check(CLI::IsMember({"call", "meeting"}));
  assign->add_option("id", assign_args.id, "Activity id (acti_...)")->required();
  assign->add_option("outcome", assign_args.outcome, "Outcome id (outcome_...) or exact name")
      ->required();
  add_format_option(*assign, assign_args.format);

  CLI::App* unassign =
      add_command("unassign", "Take the outcome off a call or meeting and print the activity",
                  [&] { return closeio_cli::run_unassign(global, unassign_args); });
  unassign->add_option("kind", unassign_args.kind, "call or meeting")
      ->required()
      ->check(CLI::IsMember({"call", "meeting"}));
  unassign->add_option("id", unassign_args.id, "Activity id (acti_...)")->required();
  add_format_option(*unassign, unassign_args.format);

  CLI::App* usage = add_command(
      "usage",
      "Count the calls and meetings that carry each outcome (by date_created), including "
      "outcomes since deleted (\"(deleted) outcome_...\") and activities without an outcome",
      [&] { return closeio_cli::run_usage(global, usage_args); });
  usage
      ->add_option("--since", usage_args.since,
                   "Only activities created at or after DATE: YYYY-MM-DD (midnight UTC) or an "
                   "ISO 8601 timestamp such as 2026-03-01T09:00:00+01:00")
      ->type_name("DATE");
  usage
      ->add_option("--until", usage_args.until,
                   "Only activities created before DATE (same forms; a day means its "
                   "midnight UTC, so that day itself is excluded)")
      ->type_name("DATE");
  usage->add_option("--lead", usage_args.lead_id, "Only this lead's activities (lead_...)")
      ->type_name("ID");
  usage
      ->add_option("--user", usage_args.user_id,
                   "Only this user's activities (user_...); Close documents it together with "
                   "--lead, and a refused filter is reported as such")
      ->type_name("ID");
  add_format_option(*usage, usage_args.format);
  add_max_in_flight_option(*usage, usage_args.max_in_flight,
                           "page requests (outcomes, calls and meetings are read together)");

  CLI::App* events = add_command(
      "events",
      "Show the outcome changes of calls and meetings from Close's Event Log (30 days): an "
      "outcome set on creation or changed later, oldest first, each event once",
      [&] { return closeio_cli::run_events(global, events_args); });
  events->add_flag("--follow", events_args.follow,
                   "Keep polling (see --interval) until interrupted (SIGINT or SIGTERM end it "
                   "cleanly, writing the position). Without a stored position or --since it "
                   "starts from now; without --follow, from the start of the log");
  events
      ->add_option("--position-file", events_args.position_file,
                   "Resume from the position stored in FILE, and store the new one there after "
                   "each pass (written atomically); a missing FILE is created")
      ->type_name("FILE");
  events
      ->add_option("--since", events_args.since,
                   "When there is no stored position: events updated at or after DATE "
                   "(YYYY-MM-DD or an ISO 8601 timestamp)")
      ->type_name("DATE");
  events
      ->add_option("--interval", events_args.interval_seconds,
                   "Seconds between passes with --follow, 1 to 86400; default 10")
      ->type_name("SECONDS");
  events
      ->add_option("--batch", events_args.batch,
                   "Most events one pass reads before printing them, 1 to 100000; default "
                   "10000 (a long backlog comes in passes of this size)")
      ->type_name("N");
  events->add_option("--lead", events_args.lead_id, "Only this lead's activities (lead_...)")
      ->type_name("ID");
  events->add_option("--user", events_args.user_id, "Only this user's changes (user_...)")
      ->type_name("ID");
  add_format_option(*events, events_args.format);

  if (gives_key_on_command_line(argc, argv)) {
    return report({ExitCode::usage,
                   "keys are not accepted on the command line, where other users can see them: "
                   "set CLOSE_API_KEY (or CLOSE_ACCESS_TOKEN) in the environment, or use "
                   "--api-key-file FILE"});
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0; CLI11 prints them.
    if (e.get_exit_code() == 0) return app.exit(e);
    // Every other parse error is a usage error, whatever CLI11's own code (100+) is.
    return report({ExitCode::usage, std::string(e.what()) + " (see " + kProgram + " --help)"});
  }

  try {
    for (auto& [command, runner] : commands) {
      if (command->parsed()) {
        const ExitCode code = runner();
        closeio_cli::clear_status_line();  // e.g. a retry wait shown while stdout is a pipe
        return closeio_cli::to_int(code);
      }
    }
    return report({ExitCode::usage, "no command given (see closeio-outcomes --help)"});
  } catch (...) {
    return report(closeio_cli::describe_failure(std::current_exception()));
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (...) {
    // Last resort (e.g. out of memory while building the parser): still one line, still mapped.
    return report(closeio_cli::describe_failure(std::current_exception()));
  }
}
