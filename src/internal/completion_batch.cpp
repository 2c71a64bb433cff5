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
  // Closed first: what a publication defers goes to the enclosing batch (or runs at once), never
  // into the vector being walked.
  open_batch = outer_;
  for (auto& publish : deferred_) {
    try {
      publish();
    } catch (...) {
      // A future's promise cannot refuse a first value; nothing else is deferred.
    }
  }
}

}  // namespace closeio::internal
