#include "testing/fake_script_queue.hpp"

#include <utility>

namespace closeio::testing::internal {

void FakeScriptQueue::push(ScriptedResponse response) {
  if (response.times < 1) return;
  std::lock_guard<std::mutex> lock(mutex_);
  queue_.push_back(std::move(response));
}

std::optional<ScriptedResponse> FakeScriptQueue::take(const std::string& method,
                                                      const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = queue_.begin(); it != queue_.end(); ++it) {
    if (!it->method.empty() && it->method != method) continue;
    if (!it->path.empty() && it->path != path) continue;
    ScriptedResponse taken = *it;
    if (--it->times == 0) queue_.erase(it);
    return taken;
  }
  return std::nullopt;
}

void FakeScriptQueue::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_.clear();
}

}  // namespace closeio::testing::internal
