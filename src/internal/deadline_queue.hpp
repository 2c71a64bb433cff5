// The asynchronous engine's queue of transfers waiting for a slot: first in, first out, and
// indexed by deadline, so that the I/O thread finds the earliest deadline (its poll timeout)
// and the transfers whose deadline passed without scanning the queue on every pass. A scan cost
// O(queue) per pass: a burst of 100,000 calls with a deadline took 5 s more CPU than without.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace closeio::internal {

/// A FIFO queue of owned items, some with a deadline. Every operation but take_where() costs
/// O(log n) per item it touches. Not thread-safe.
template <class T>
class DeadlineQueue {
 public:
  using Clock = std::chrono::steady_clock;

  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }

  /// The oldest item. The queue must not be empty.
  T& front() { return *items_.begin()->second.item; }

  /// Adds `item` at the back, with its deadline when it has one.
  void push_back(std::unique_ptr<T> item, std::optional<Clock::time_point> deadline) {
    const std::uint64_t place = next_place_++;
    Entry& entry = items_.emplace_hint(items_.end(), place, Entry{})->second;
    entry.item = std::move(item);
    if (deadline) entry.by_deadline = by_deadline_.emplace(*deadline, place);
  }

  /// Takes out the oldest item. The queue must not be empty.
  std::unique_ptr<T> pop_front() { return take(items_.begin()); }

  /// The earliest deadline of the items queued; none when no item has one.
  std::optional<Clock::time_point> earliest_deadline() const {
    if (by_deadline_.empty()) return std::nullopt;
    return by_deadline_.begin()->first;
  }

  /// Takes out, in queue order, the items whose deadline `due` accepts. `due` must accept every
  /// deadline earlier than one it accepts (as "at or before t" does): the index is read from
  /// the earliest deadline until `due` first refuses one.
  template <class Due>
  std::vector<std::unique_ptr<T>> take_due(const Due& due) {
    std::vector<std::uint64_t> places;
    for (auto it = by_deadline_.begin(); it != by_deadline_.end() && due(it->first); ++it) {
      places.push_back(it->second);
    }
    std::sort(places.begin(), places.end());
    return take_all(places);
  }

  /// Takes out, in queue order, the items `pick` selects: a scan of the whole queue, for rare
  /// events (a cancellation).
  template <class Pick>
  std::vector<std::unique_ptr<T>> take_where(const Pick& pick) {
    std::vector<std::uint64_t> places;
    for (const auto& [place, entry] : items_) {
      if (pick(static_cast<const T&>(*entry.item))) places.push_back(place);
    }
    return take_all(places);
  }

 private:
  using Index = std::multimap<Clock::time_point, std::uint64_t>;
  struct Entry {
    std::unique_ptr<T> item;
    std::optional<typename Index::iterator> by_deadline;
  };
  // By place in the queue: the order in which they were pushed.
  using Items = std::map<std::uint64_t, Entry>;

  std::unique_ptr<T> take(typename Items::iterator it) {
    if (it->second.by_deadline) by_deadline_.erase(*it->second.by_deadline);
    std::unique_ptr<T> item = std::move(it->second.item);
    items_.erase(it);
    return item;
  }

  std::vector<std::unique_ptr<T>> take_all(const std::vector<std::uint64_t>& places) {
    std::vector<std::unique_ptr<T>> taken;
    taken.reserve(places.size());
    for (const std::uint64_t place : places) taken.push_back(take(items_.find(place)));
    return taken;
  }

  Items items_;
  Index by_deadline_;
  std::uint64_t next_place_ = 0;
};

}  // namespace closeio::internal
