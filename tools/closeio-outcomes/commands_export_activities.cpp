// export calls / export meetings: every call or meeting of a date range as JSON lines, read with
// the SDK's sliced walk (date windows at once, past Close's _skip cap), with a progress bar.
#include <algorithm>
#include <closeio/calls_client.hpp>
#include <closeio/fields.hpp>
#include <closeio/meetings_client.hpp>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "date_option.hpp"
#include "file_io.hpp"
#include "progress.hpp"
#include "terminal.hpp"

namespace closeio_cli {
namespace {

constexpr int kBarWidth = 24;

std::string progress_bar(const closeio::SliceProgress& p, const std::string& noun) {
  const int filled = p.slices_total == 0 ? kBarWidth : kBarWidth * p.slices_done / p.slices_total;
  return "Exporting " + noun + " [" + std::string(static_cast<std::size_t>(filled), '#') +
         std::string(static_cast<std::size_t>(kBarWidth - filled), '.') + "] " +
         std::to_string(p.slices_done) + "/" + std::to_string(p.slices_total) + " windows, " +
         std::to_string(p.rows) + " " + noun;
}

closeio::SlicedListOptions sliced_options(const ExportArgs& args) {
  closeio::SlicedListOptions options;
  const ActivityWindow window = activity_window(args.since, args.until);
  options.from = window.from;
  options.to = window.to;
  options.slices = args.slices;
  options.max_in_flight = args.max_in_flight;
  return options;
}

// Streams every row as one JSON line to `out`; returns how many.
template <class Client>
std::int64_t export_rows(const Client& client, closeio::SlicedListOptions options,
                         const std::string& noun, std::ostream& out) {
  Progress progress;
  options.on_progress = [&](const closeio::SliceProgress& p) {
    progress.update(progress_bar(p, noun));
  };
  std::int64_t rows = 0;
  client.list_sliced({}, options, [&](auto page) {
    for (const auto& row : page) out << closeio::to_json(row) << '\n';
    rows += static_cast<std::int64_t>(page.size());
    if (!out) throw CliError(ExitCode::failure, "cannot write the export");
  });
  return rows;
}

}  // namespace

ExitCode run_export_activities(const GlobalOptions& global, const ExportArgs& args) {
  const closeio::SlicedListOptions options = sliced_options(args);
  closeio::ClientOptions client = client_options(global);
  // The session must not hold back the requests --max-in-flight allows.
  client.max_concurrent_requests = std::max(client.max_concurrent_requests, args.max_in_flight);
  const closeio::Session session = make_session(client);
  auto write = [&](std::ostream& out) {
    return args.kind == "calls"
               ? export_rows(closeio::CallsClient(session), options, "calls", out)
               : export_rows(closeio::MeetingsClient(session), options, "meetings", out);
  };
  if (args.output.empty() || args.output == "-") {
    write(std::cout);
    flush_stdout();
    return ExitCode::success;
  }
  std::int64_t rows = 0;
  write_file_atomically(args.output, [&](std::ostream& out) { rows = write(out); });
  if (stderr_is_terminal()) {
    std::cerr << "Exported " << rows << ' ' << args.kind << " to " << args.output << '\n';
  }
  return ExitCode::success;
}

}  // namespace closeio_cli
