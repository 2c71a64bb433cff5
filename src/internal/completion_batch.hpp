// Futures that become ready on a session's I/O thread are made ready together, at the end of the
// engine's pass, rather than one by one as each answer is decoded.
//
// Why: a caller waiting on several futures (get() on each in turn) is woken by the first that is
// fulfilled. Fulfilled one by one, with the next answer still being decoded, its next get()
// sleeps again: about one sleep and one cross-CPU wake-up per call. Fulfilled together, the
// caller finds the others ready. Completion callbacks are not deferred: they run as before.
#pragma once

#include <functional>
#include <vector>

namespace closeio::internal {

class CompletionBatch {
 public:
  /// Runs `publish` when the innermost open Scope on this thread closes, or at once when none is
  /// open (a call completed outside the I/O thread's pass). `publish` must not throw.
  static void defer(std::function<void()> publish);

  /// Opened by the I/O thread around one pass of its loop; runs what was deferred, in order,
  /// when it closes.
  class Scope {
   public:
    Scope();
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    std::vector<std::function<void()>> deferred_;
    std::vector<std::function<void()>>* outer_;
  };
};

}  // namespace closeio::internal
