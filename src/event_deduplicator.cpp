// EventDeduplicator: a hash map for the O(1) lookup and a FIFO list of the same keys for the
// eviction order. The map's keys are views into the list's strings, which a std::list never
// moves, and its values the list positions, so forgetting one event is O(1) too.
#include <cstdint>
#include <iterator>
#include <list>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "closeio/webhooks.hpp"

namespace closeio {
namespace {

// date_updated's microseconds as 8 fixed bytes, then the id: a fixed-width prefix keeps every
// (id, date) pair distinct whatever bytes the id holds.
std::string dedup_key(std::string_view event_id, Timestamp date_updated) {
  const auto micros = static_cast<std::uint64_t>(date_updated.time_since_epoch().count());
  std::string key(8 + event_id.size(), '\0');
  for (int i = 0; i < 8; ++i)
    key[static_cast<std::size_t>(i)] = static_cast<char>(micros >> (8 * i));
  key.replace(8, event_id.size(), event_id);
  return key;
}

}  // namespace

struct EventDeduplicator::State {
  mutable std::mutex mutex;
  std::list<std::string> order;                                                 // Oldest first.
  std::unordered_map<std::string_view, std::list<std::string>::iterator> keys;  // Into `order`.
};

EventDeduplicator::EventDeduplicator(std::size_t capacity)
    : capacity_(capacity), state_(std::make_unique<State>()) {
  if (capacity == 0) throw std::invalid_argument("EventDeduplicator: capacity must be at least 1");
  // Up front for a typical size only: a huge capacity grows its table as it fills.
  state_->keys.reserve(capacity < 65'536 ? capacity : 65'536);
}

EventDeduplicator::~EventDeduplicator() = default;

bool EventDeduplicator::first_time(const Event& event) {
  return first_time(event.id, event.date_updated);
}

bool EventDeduplicator::first_time(std::string_view event_id, Timestamp date_updated) {
  std::string key = dedup_key(event_id, date_updated);
  const std::lock_guard<std::mutex> lock(state_->mutex);
  if (state_->keys.count(key) != 0) return false;
  if (state_->order.size() == capacity_) {
    state_->keys.erase(state_->order.front());
    state_->order.pop_front();
  }
  state_->order.push_back(std::move(key));
  state_->keys.emplace(state_->order.back(), std::prev(state_->order.end()));
  return true;
}

bool EventDeduplicator::seen(const Event& event) const {
  return seen(event.id, event.date_updated);
}

bool EventDeduplicator::seen(std::string_view event_id, Timestamp date_updated) const {
  const std::string key = dedup_key(event_id, date_updated);
  const std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->keys.count(key) != 0;
}

bool EventDeduplicator::forget(std::string_view event_id, Timestamp date_updated) {
  const std::string key = dedup_key(event_id, date_updated);
  const std::lock_guard<std::mutex> lock(state_->mutex);
  const auto found = state_->keys.find(key);
  if (found == state_->keys.end()) return false;
  const auto position = found->second;
  state_->keys.erase(found);  // Before the string its key views goes.
  state_->order.erase(position);
  return true;
}

std::size_t EventDeduplicator::size() const {
  const std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->order.size();
}

}  // namespace closeio
