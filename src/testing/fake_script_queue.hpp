// The FIFO of scripted answers a test queued with FakeCloseServer::script().
#pragma once

#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "closeio/testing/fake_close_server.hpp"

namespace closeio::testing::internal {

/// Thread-safe queue of ScriptedResponse. Each entry serves `times` matching requests.
class FakeScriptQueue {
 public:
  /// Appends; an entry with `times` < 1 would never serve, so it is not queued.
  void push(ScriptedResponse response);
  /// The first queued entry whose method and path match (empty ones match anything), counting
  /// one use of it; std::nullopt when none matches. Non-matching entries keep their place.
  std::optional<ScriptedResponse> take(const std::string& method, const std::string& path);
  /// Drops every entry.
  void clear();

 private:
  std::mutex mutex_;
  std::deque<ScriptedResponse> queue_;
};

}  // namespace closeio::testing::internal
