#include "internal/completion_batch.hpp"

#include <utility>

namespace closeio::internal {
namespace {

thread_local std::vector<std::function<void()>>* open_batch = nullptr;

}  // namespace

void CompletionBatch::defer(std::function<void()> publish) {
  if (open_batch) {
    open_batch->push_back(std::move(publish));
  } else {
    publish();
  }
}

CompletionBatch::Scope::Scope() : outer_(open_batch) { open_batch = &deferred_; }

CompletionBatch::Scope::~Scope() {
  open_batch = outer_;
  // Not a range-for: publishing cannot defer more into this batch (it is closed), but keep
  // indices valid whatever a publication does.
  for (std::size_t i = 0; i < deferred_.size(); ++i) {
    try {
      deferred_[i]();
    } catch (...) {
      // A future's promise cannot refuse a first value; nothing else is deferred.
    }
  }
}

}  // namespace closeio::internal
