/// @file
/// Cooperative cancellation of calls from another thread.
#pragma once

#include <chrono>
#include <memory>

#include "closeio/export.hpp"

namespace closeio {
namespace internal {
struct CancellationState;
struct CancellationAccess;
}  // namespace internal

/// Observes a CancellationSource. Default-constructed tokens are never cancelled. Cheap to copy;
/// thread-safe.
class CLOSEIO_EXPORT CancellationToken {
 public:
  /// A token that is never cancelled.
  CancellationToken() = default;
  /// True once the source has been cancelled.
  bool cancelled() const noexcept;
  /// False for a default-constructed token, which no source can ever cancel.
  bool can_be_cancelled() const noexcept { return state_ != nullptr; }
  /// Sleeps up to `duration`, waking early on cancellation. Returns false if cancelled.
  bool sleep_for(std::chrono::milliseconds duration) const;

 private:
  friend class CancellationSource;
  friend struct internal::CancellationAccess;
  explicit CancellationToken(std::shared_ptr<internal::CancellationState> state)
      : state_(std::move(state)) {}
  std::shared_ptr<internal::CancellationState> state_;
};

/// Cancels the calls that use its tokens: an in-flight HTTP transfer is aborted, a retry wait is
/// cut short, a list() walk stops; each raises closeio::CancelledError. Thread-safe.
class CLOSEIO_EXPORT CancellationSource {
 public:
  /// A fresh, not yet cancelled source.
  CancellationSource();
  /// Cancels every call using this source's tokens. Idempotent.
  void cancel() noexcept;
  /// True once cancel() has been called.
  bool cancelled() const noexcept;
  /// A token observing this source.
  CancellationToken token() const { return CancellationToken(state_); }

 private:
  std::shared_ptr<internal::CancellationState> state_;
};

}  // namespace closeio
