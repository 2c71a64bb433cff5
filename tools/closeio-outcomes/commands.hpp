// The subcommands. Each takes the global options and its own arguments, writes its results to
// stdout, and returns the exit code; failures are thrown (see exit_codes.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "client_factory.hpp"
#include "exit_codes.hpp"
#include "in_flight_option.hpp"

namespace closeio_cli {

struct ListArgs {
  std::vector<std::string> fields;  ///< --fields; empty: the format's default.
  std::optional<std::string> format;
};
struct GetArgs {
  std::string id;
  std::vector<std::string> fields;
  std::optional<std::string> format;
};
struct CreateArgs {
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> type;
  std::optional<std::string> format;
};
struct UpdateArgs {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> description;
  bool clear_description = false;
  std::optional<std::string> type;
  std::optional<std::string> format;
};
struct DeleteArgs {
  std::string id;
  bool yes = false;
};
struct ExportArgs {
  std::string kind = "outcomes";            ///< "outcomes", "calls" or "meetings".
  std::string output;                       ///< Empty: stdout.
  std::optional<std::string> since;         ///< calls/meetings: date_created at or after DATE.
  std::optional<std::string> until;         ///< calls/meetings: date_created before DATE.
  int slices = 16;                          ///< calls/meetings: date windows walked concurrently.
  int max_in_flight = kDefaultMaxInFlight;  ///< calls/meetings: page requests at once, 1..32.
};
struct ApplyArgs {
  std::string file;  ///< "-" reads stdin.
  bool dry_run = false;
  bool prune = false;
  bool yes = false;  ///< --yes: delete without asking (required with --prune off a terminal).
  int max_in_flight = kDefaultMaxInFlight;  ///< --max-in-flight: writes sent at once, 1..32.
};

/// Which kind of activity assign and unassign work on.
enum class ActivityKind { call, meeting };

struct AssignArgs {
  std::string kind;     ///< "call" or "meeting".
  std::string id;       ///< The activity's id ("acti_...").
  std::string outcome;  ///< Outcome id or exact name; unused by unassign.
  std::optional<std::string> format;
};
struct UsageArgs {
  std::optional<std::string> since;  ///< --since DATE: date_created at or after.
  std::optional<std::string> until;  ///< --until DATE: date_created before.
  std::string lead_id;               ///< --lead; empty: every lead.
  std::string user_id;               ///< --user; empty: every user.
  std::optional<std::string> format;
  int max_in_flight = kDefaultMaxInFlight;  ///< --max-in-flight: page requests at once, 1..32.
};

struct EventsArgs {
  bool follow = false;                       ///< --follow: keep polling until SIGINT or SIGTERM.
  std::optional<std::string> position_file;  ///< --position-file; nullopt: none.
  std::optional<std::string> since;          ///< --since DATE: when no stored position.
  int interval_seconds = 10;                 ///< --interval: seconds between passes, 1..86400.
  long batch = 10000;                        ///< --batch: most events a pass delivers, 1..100000.
  std::string lead_id;                       ///< --lead; empty: every lead.
  std::string user_id;                       ///< --user; empty: every user.
  std::optional<std::string> format;
};

ExitCode run_list(const GlobalOptions& global, const ListArgs& args);
ExitCode run_get(const GlobalOptions& global, const GetArgs& args);
ExitCode run_create(const GlobalOptions& global, const CreateArgs& args);
ExitCode run_update(const GlobalOptions& global, const UpdateArgs& args);
ExitCode run_delete(const GlobalOptions& global, const DeleteArgs& args);
ExitCode run_export(const GlobalOptions& global, const ExportArgs& args);
/// export calls / export meetings (run_export hands them over).
ExitCode run_export_activities(const GlobalOptions& global, const ExportArgs& args);
ExitCode run_apply(const GlobalOptions& global, const ApplyArgs& args);
ExitCode run_assign(const GlobalOptions& global, const AssignArgs& args);
ExitCode run_unassign(const GlobalOptions& global, const AssignArgs& args);
ExitCode run_usage(const GlobalOptions& global, const UsageArgs& args);
ExitCode run_events(const GlobalOptions& global, const EventsArgs& args);

}  // namespace closeio_cli
