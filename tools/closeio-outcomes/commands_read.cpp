// list and get.
#include <iostream>

#include "commands.hpp"
#include "outcome_fields.hpp"
#include "outcome_listing.hpp"
#include "outcome_printer.hpp"
#include "progress.hpp"
#include "terminal.hpp"

namespace closeio_cli {

ExitCode run_list(const GlobalOptions& global, const ListArgs& args) {
  const Format format = resolve_format(args.format, stdout_is_terminal());
  const std::vector<Field> fields = parse_fields(args.fields);
  closeio::OutcomesClient client = make_client(client_options(global));

  OutcomePrinter printer(std::cout, format, fields);
  // Lines streamed to the same terminal would be garbled by the rewriting status line.
  Progress progress(stderr_is_terminal() && !(stdout_is_terminal() && format != Format::table));
  for_each_outcome(client, field_names(fields), progress,
                   [&](const closeio::Outcome& outcome) { printer.add(outcome); });
  printer.finish();
  flush_stdout();
  return ExitCode::success;
}

ExitCode run_get(const GlobalOptions& global, const GetArgs& args) {
  const Format format = resolve_format(args.format, stdout_is_terminal());
  const std::vector<Field> fields = parse_fields(args.fields);
  closeio::OutcomesClient client = make_client(client_options(global));

  const closeio::Outcome outcome = client.fetch(args.id, field_names(fields));
  OutcomePrinter printer(std::cout, format, fields);
  printer.add(outcome);
  printer.finish();
  flush_stdout();
  return ExitCode::success;
}

}  // namespace closeio_cli
