// The order rules of apply's concurrent writes, without any I/O: which change may be sent now,
// and which results may be reported, so that several writes are in flight while the output
// stays in plan order.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace closeio_cli {

/// Decides, for `count` changes numbered in plan order, when each may be sent and when its
/// result may be reported. The rules:
/// - changes are sent in plan order, at most `max_in_flight` at once;
/// - the change at `barrier` (and every later one) is sent only when every change before it has
///   succeeded: apply puts its deletes there, so a failed apply never deleted anything;
/// - after the first failure nothing more is sent; the changes already in flight finish (a write
///   on the wire cannot be recalled, only left with an unknown fate) and the rest are not sent;
/// - results are reported in plan order: a change is reported once it and every change before
///   it are settled (done, failed, or known never to be sent).
/// Not thread-safe: one thread drives it.
class WriteScheduler {
 public:
  /// What became of one change.
  enum class State { waiting, in_flight, done, failed, not_sent };

  /// `max_in_flight` is at least 1; `barrier` may be `count` (no barrier).
  WriteScheduler(std::size_t count, std::size_t max_in_flight, std::size_t barrier);

  /// The change to send now (marked in flight), or std::nullopt when none may be sent yet.
  std::optional<std::size_t> next_to_send();
  /// Records that the change `index`, in flight, succeeded (`ok`) or failed.
  void finished(std::size_t index, bool ok);
  /// The changes that may be reported now, in plan order; each is returned once.
  std::vector<std::size_t> take_reportable();
  /// True when nothing is in flight and nothing more will be sent.
  bool all_settled() const;
  /// Changes in flight now.
  std::size_t in_flight() const noexcept { return in_flight_; }
  /// The state of change `index`.
  State state(std::size_t index) const { return states_.at(index); }
  /// The first failed change in plan order, if any.
  std::optional<std::size_t> first_failure() const;

 private:
  bool sending_over() const;

  std::vector<State> states_;
  std::size_t max_in_flight_;
  std::size_t barrier_;
  std::size_t next_ = 0;       // the next change to send
  std::size_t in_flight_ = 0;  // changes sent and not finished
  std::size_t reported_ = 0;   // changes reported so far (a prefix)
  bool failed_ = false;        // a change failed: send nothing more
};

}  // namespace closeio_cli
