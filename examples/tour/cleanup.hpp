// What the tour made and has not deleted yet, deleted when the tour ends early.
#pragma once

#include <closeio/closeio.hpp>
#include <string>

namespace tour {

/// Deletes, when destroyed, the call and then the outcome the tour made and did not get as far
/// as deleting itself, so a failed step leaves nothing behind. The call goes first: it refers to
/// the outcome.
class Cleanup {
 public:
  Cleanup(const closeio::OutcomesClient& outcomes, const closeio::CallsClient& calls)
      : outcomes_(outcomes), calls_(calls) {}
  Cleanup(const Cleanup&) = delete;
  Cleanup& operator=(const Cleanup&) = delete;
  ~Cleanup();

  /// The tour created outcome `id`.
  void track_outcome(std::string id) { outcome_id_ = std::move(id); }
  /// The tour deleted its outcome itself.
  void outcome_deleted() { outcome_id_.clear(); }
  /// The tour logged call `id`.
  void track_call(std::string id) { call_id_ = std::move(id); }
  /// The tour deleted its call itself.
  void call_deleted() { call_id_.clear(); }

 private:
  const closeio::OutcomesClient& outcomes_;
  const closeio::CallsClient& calls_;
  std::string outcome_id_;
  std::string call_id_;
};

}  // namespace tour
