// export: every outcome as a stable, diff-friendly JSON file (calls and meetings:
// commands_export_activities.cpp).
#include <iostream>

#include "commands.hpp"
#include "file_io.hpp"
#include "outcome_file.hpp"
#include "outcome_listing.hpp"
#include "progress.hpp"
#include "terminal.hpp"

namespace closeio_cli {

ExitCode run_export(const GlobalOptions& global, const ExportArgs& args) {
  if (args.kind != "outcomes") return run_export_activities(global, args);
  closeio::OutcomesClient client = make_client(client_options(global));
  Progress progress;
  std::vector<DesiredOutcome> outcomes;
  for_each_outcome(
      client, {"name", "description", "type"}, progress,
      [&](const closeio::Outcome& outcome) { outcomes.push_back(desired_from(outcome)); });
  const std::size_t count = outcomes.size();
  const std::string text = render_outcome_file(std::move(outcomes));
  if (args.output.empty() || args.output == "-") {
    std::cout << text;
    flush_stdout();
  } else {
    write_file_atomically(args.output, text);
    if (stderr_is_terminal()) {
      std::cerr << "Exported " << count << " outcomes to " << args.output << '\n';
    }
  }
  return ExitCode::success;
}

}  // namespace closeio_cli
