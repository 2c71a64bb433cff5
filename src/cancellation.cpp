#include "closeio/cancellation.hpp"

#include "internal/cancellation_state.hpp"

namespace closeio {

bool CancellationToken::cancelled() const noexcept {
  return state_ && state_->cancelled.load(std::memory_order_acquire);
}

bool CancellationToken::sleep_for(std::chrono::milliseconds duration) const {
  if (!state_) {
    // Never cancelled: a plain sleep is all there is to do.
    internal::CancellationState never;
    return never.wait_for(duration);
  }
  return state_->wait_for(duration);
}

CancellationSource::CancellationSource()
    : state_(std::make_shared<internal::CancellationState>()) {}

void CancellationSource::cancel() noexcept { state_->cancel(); }

bool CancellationSource::cancelled() const noexcept {
  return state_->cancelled.load(std::memory_order_acquire);
}

}  // namespace closeio
