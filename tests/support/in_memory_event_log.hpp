// An Event Log in memory that answers page requests as Close's /event/ does: newest first by
// date_updated, at most `page_size` per page, `date_updated__gte` and `__lte` as bounds, and
// cursors that are positions in the answer at the time of the request (so, like Close's, not a
// stream: an event added between two pages shifts what the next page holds). For the follower's
// unit tests and its benchmark; not a mock of the HTTP part, which the end-to-end tests cover.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "closeio/event.hpp"
#include "internal/event_follower_core.hpp"

namespace closeio::testing_support {

class InMemoryEventLog {
 public:
  explicit InMemoryEventLog(std::size_t page_size = 50) : page_size_(page_size) {}

  /// Adds an event (or a consolidated version of one: the same id with a newer date_updated
  /// replaces it, as Close's log does).
  void put(Event event) {
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (events_[i].id == event.id) {
        events_[i] = std::move(event);
        sequence_[i] = next_sequence_++;
        sorted_ = false;
        return;
      }
    }
    events_.push_back(std::move(event));
    sequence_.push_back(next_sequence_++);
    sorted_ = false;
  }
  /// Adds many new events at once (no id already in the log).
  void put_new(std::vector<Event> events) {
    for (Event& e : events) {
      events_.push_back(std::move(e));
      sequence_.push_back(next_sequence_++);
    }
    sorted_ = false;
  }

  /// Answers one page request.
  internal::FollowerPage page(const internal::FollowerPageRequest& request) {
    ++pages_served_;
    sort();
    std::size_t start = request.cursor.empty() ? 0 : std::stoul(request.cursor);
    if (request.updated_until && honour_upper_bound_) {
      // Newest first: skip what is newer than the bound.
      const auto first = std::partition_point(
          events_.begin() + static_cast<std::ptrdiff_t>(std::min(start, events_.size())),
          events_.end(), [&](const Event& e) { return e.date_updated > *request.updated_until; });
      start = static_cast<std::size_t>(first - events_.begin());
    }
    internal::FollowerPage out;
    std::size_t i = start;
    for (; i < events_.size() && out.events.size() < page_size_; ++i) {
      if (request.updated_since && events_[i].date_updated < *request.updated_since) {
        i = events_.size();  // Older than the bound: no more.
        break;
      }
      out.events.push_back(events_[i]);
    }
    events_served_ += out.events.size();
    if (i < events_.size() &&
        !(request.updated_since && events_[i].date_updated < *request.updated_since)) {
      out.cursor_next = std::to_string(i);
    }
    return out;
  }

  /// Drops the events updated before `t` (a retention, for long benchmarks).
  void forget_before(Timestamp t) {
    std::vector<Event> events;
    std::vector<std::size_t> sequence;
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (events_[i].date_updated < t) continue;
      events.push_back(std::move(events_[i]));
      sequence.push_back(sequence_[i]);
    }
    events_ = std::move(events);
    sequence_ = std::move(sequence);
  }
  /// Sorts now (page() otherwise sorts on the first request after a change).
  void settle() { sort(); }

  std::size_t pages_served() const { return pages_served_; }
  /// false: answer as a server that ignores `date_updated__lte` would.
  void honour_upper_bound(bool honour) { honour_upper_bound_ = honour; }
  /// Events in all the pages served so far.
  std::size_t events_served() const { return events_served_; }
  std::size_t size() const { return events_.size(); }

 private:
  void sort() {
    if (sorted_) return;
    // Newest first; among equal dates, the later-added first (as Close orders one object's
    // events).
    std::vector<std::size_t> order(events_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
      if (events_[a].date_updated != events_[b].date_updated) {
        return events_[a].date_updated > events_[b].date_updated;
      }
      return sequence_[a] > sequence_[b];
    });
    std::vector<Event> events;
    std::vector<std::size_t> sequence;
    events.reserve(order.size());
    sequence.reserve(order.size());
    for (std::size_t i : order) {
      events.push_back(std::move(events_[i]));
      sequence.push_back(sequence_[i]);
    }
    events_ = std::move(events);
    sequence_ = std::move(sequence);
    sorted_ = true;
  }

  std::size_t page_size_;
  std::vector<Event> events_;
  std::vector<std::size_t> sequence_;  // Order of arrival, to order equal dates.
  std::size_t next_sequence_ = 0;
  bool sorted_ = true;
  std::size_t pages_served_ = 0;
  std::size_t events_served_ = 0;
  bool honour_upper_bound_ = true;
};

/// An event of object `object_id` updated at `at`.
inline Event make_event(std::string id, Timestamp at, std::string object_id = "acti_1") {
  Event e;
  e.id = std::move(id);
  e.object_type = "activity.call";
  e.object_id = std::move(object_id);
  e.action = "updated";
  e.date_created = at;
  e.date_updated = at;
  return e;
}

}  // namespace closeio::testing_support
