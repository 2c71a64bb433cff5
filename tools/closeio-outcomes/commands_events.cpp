// events: the outcome changes of calls and meetings from Close's Event Log, once or --follow,
// resumable with --position-file.
#include <closeio/errors.hpp>
#include <closeio/event_follower.hpp>
#include <closeio/events_client.hpp>
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "date_option.hpp"
#include "outcome_events.hpp"
#include "position_file.hpp"
#include "record_printer.hpp"
#include "stop_signals.hpp"
#include "terminal.hpp"

namespace closeio_cli {
namespace {

closeio::EventPosition start_position(const EventsArgs& args) {
  if (args.position_file) {
    if (auto stored = read_position_file(*args.position_file)) return *stored;
  }
  if (args.since) return closeio::EventPosition::since(parse_date_option(*args.since, "--since"));
  // Once: the whole log (Close keeps 30 days). Following: what happens from now on.
  return args.follow ? closeio::EventPosition() : closeio::EventPosition::since({});
}

// Prints the outcome changes of one batch; a table is one table per batch.
class BatchPrinter {
 public:
  explicit BatchPrinter(Format format) : format_(format) {
    if (format_ != Format::table) printer_.emplace(std::cout, format_, outcome_event_columns());
  }
  void print(const std::vector<closeio::Event>& batch) {
    std::optional<RecordPrinter> table;
    if (format_ == Format::table) table.emplace(std::cout, format_, outcome_event_columns());
    RecordPrinter& out = table ? *table : *printer_;
    bool any = false;
    for (const closeio::Event& event : batch) {
      if (auto row = outcome_event_row(event)) {
        out.add(*row);
        any = true;
      }
    }
    if (table && any) table->finish();
    std::cout.flush();
  }
  void finish() {
    if (printer_) printer_->finish();
  }

 private:
  Format format_;
  std::optional<RecordPrinter> printer_;
};

}  // namespace

ExitCode run_events(const GlobalOptions& global, const EventsArgs& args) {
  const Format format = resolve_format(args.format, stdout_is_terminal());
  if (args.interval_seconds < 1 || args.interval_seconds > 86400) {
    throw CliError(ExitCode::usage, "--interval must be 1 to 86400 seconds");
  }
  if (args.batch < 1 || args.batch > 100000) {
    throw CliError(ExitCode::usage, "--batch must be 1 to 100000 events");
  }
  closeio::EventPosition position = start_position(args);
  // Before the session starts its I/O thread, so that every thread leaves the signals to it.
  std::optional<StopSignals> signals;
  if (args.follow) signals.emplace();
  const closeio::Session session = make_session(client_options(global));
  closeio::CallOptions call;
  if (signals) call.cancellation = signals->token();
  closeio::FollowOptions options;
  options.interval = std::chrono::seconds(args.interval_seconds);
  options.max_batch = static_cast<std::size_t>(args.batch);
  closeio::EventFollower follower(session, closeio::EventsClient(session).with_call_options(call),
                                  outcome_event_filters(args.lead_id, args.user_id), position,
                                  options);

  BatchPrinter printer(format);
  const auto save = [&] {
    if (args.position_file) write_position_file(*args.position_file, follower.position());
  };
  // Once: passes until the follower has caught up (a long log comes in batches, and a batch of
  // a catch-up may be short of max_batch: behind() says whether more are waiting).
  // --follow: the same, then the interval, and again, until SIGINT or SIGTERM.
  while (true) {
    std::vector<closeio::Event> batch;
    try {
      batch = follower.poll();
    } catch (const closeio::CancelledError&) {
      if (signals && signals->received() != 0) break;
      throw;
    }
    printer.print(batch);
    save();
    if (follower.behind()) continue;
    if (!args.follow) break;
    if (!signals->token().sleep_for(options.interval)) break;
  }
  save();
  printer.finish();
  flush_stdout();
  return ExitCode::success;
}

}  // namespace closeio_cli
