// The walk of a call or meeting list past Close's `_skip` cap: offset paging until the cap, then
// a new segment that starts from the last date_created seen.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "closeio/activity_filter.hpp"
#include "closeio/client_options.hpp"
#include "closeio/errors.hpp"
#include "closeio/list_options.hpp"
#include "closeio/page_range.hpp"
#include "closeio/timestamp.hpp"

namespace closeio::internal {

/// Close refuses a `_skip` above this on the activity lists (400, "max_skip = 250000").
inline constexpr int kActivityMaxSkip = 250000;

/// The cap a 400 names ("... (max_skip = N) ..."), if it names one: the walk then crosses at the
/// cap Close enforces, even if Close changes it.
std::optional<int> max_skip_named_in(const std::string& message);

/// The state of one walk over a list that Close returns newest first (date_created descending).
/// Offset paging (`_skip`) runs until the next offset would pass the cap; the walk then starts a
/// new segment with `date_created <= B` (B the oldest date_created seen, sent as `__lt` B + 1 µs,
/// Close's resolution) from offset 0, and drops the rows at B it already delivered. Memory: the
/// ids of the rows sharing the oldest date_created seen, nothing else.
///
/// The order is checked, not assumed: a segment whose rows were not newest first cannot be
/// continued safely, and crossing it throws PaginationError instead of skipping rows.
template <class T>
class ActivityWalk {
 public:
  /// A walk of `filter` from `options.skip` on, `options.limit` rows per page.
  ActivityWalk(ActivityFilter filter, ListOptions options, int max_skip = kActivityMaxSkip)
      : filter_(std::move(filter)), options_(std::move(options)), max_skip_(max_skip) {
    // The walk reads id and date_created of every row to cross the cap.
    if (!options_.fields.empty()) {
      for (const char* needed : {"id", "date_created"}) {
        if (std::find(options_.fields.begin(), options_.fields.end(), needed) ==
            options_.fields.end()) {
          options_.fields.emplace_back(needed);
        }
      }
    }
  }

  /// False once a page said there is nothing after it.
  bool has_more() const noexcept { return has_more_; }

  /// The filter and paging of the next page to ask for; starts a new segment when the next
  /// offset would pass the cap. Throws PaginationError when a segment cannot be continued.
  std::pair<ActivityFilter, ListOptions> next_request() {
    if (options_.skip > max_skip_) start_segment();
    return {filter_, options_};
  }

  /// A 400 to the request next_request() gave: true when it named a smaller cap than the walk
  /// knew and the same page can be asked for again in a new segment (a GET, safe to repeat).
  bool adopt_cap_from(const BadRequestError& error) {
    std::optional<int> cap = max_skip_named_in(error.message());
    if (!cap || *cap < 0 || *cap >= max_skip_ || options_.skip <= *cap) return false;
    max_skip_ = *cap;
    return true;
  }

  /// Takes the answer to the request next_request() gave; returns its rows that were not
  /// delivered before, in server order.
  std::vector<T> accept(Page<T> page) {
    options_.skip += static_cast<int>(page.data.size());
    has_more_ = page.has_more && !page.data.empty();
    std::vector<T> fresh;
    fresh.reserve(page.data.size());
    for (T& row : page.data) {
      if (!delivered_at_start_.empty() && row.date_created == start_boundary_ &&
          delivered_at_start_.count(row.id) != 0) {
        continue;  // delivered by the segment before, at the date it ended on
      }
      note(row);
      fresh.push_back(std::move(row));
    }
    return fresh;
  }

 private:
  void note(const T& row) {
    if (!oldest_ || row.date_created < *oldest_) {
      oldest_ = row.date_created;
      at_oldest_.clear();
    } else if (row.date_created > *oldest_) {
      in_order_ = false;
    }
    at_oldest_.insert(row.id);
  }

  void start_segment() {
    const std::string cap = "closeio: list() cannot continue past Close's _skip cap (" +
                            std::to_string(max_skip_) + "): ";
    if (!oldest_) {
      throw PaginationError(
          cap + (segments_ == 0
                     ? "the walk started past it, with no row to continue from; start at a "
                       "_skip of at most the cap"
                     : "more rows than the cap share one date_created, so a new segment would "
                       "start where this one did; narrow the list by date_created"));
    }
    if (!in_order_) {
      throw PaginationError(cap +
                            "the answers were not newest first, so a new segment could skip or "
                            "repeat rows; narrow the list by date_created or use list_sliced()");
    }
    // Rows at the boundary already delivered come again in the new segment: they are dropped
    // there. Rows of the old boundary not in this segment's set were delivered too, so the sets
    // join when the boundary did not move.
    if (segments_ > 0 && *oldest_ == start_boundary_) {
      at_oldest_.insert(delivered_at_start_.begin(), delivered_at_start_.end());
    }
    start_boundary_ = *oldest_;
    delivered_at_start_ = std::move(at_oldest_);
    at_oldest_.clear();
    oldest_.reset();
    in_order_ = true;
    ++segments_;
    const Timestamp bound = start_boundary_ + std::chrono::microseconds(1);
    if (!filter_.created_before || bound < *filter_.created_before) filter_.created_before = bound;
    options_.skip = 0;
  }

  ActivityFilter filter_;
  ListOptions options_;
  int max_skip_;
  bool has_more_ = true;
  int segments_ = 0;
  // This segment: the oldest date_created seen, the ids seen at it, and whether rows came
  // newest first.
  std::optional<Timestamp> oldest_;
  std::unordered_set<std::string> at_oldest_;
  bool in_order_ = true;
  // Where this segment started: the previous segment's oldest date and the ids delivered at it.
  Timestamp start_boundary_{};
  std::unordered_set<std::string> delivered_at_start_;
};

/// The page loader of CallsClient::list() and MeetingsClient::list(): pages of an ActivityWalk
/// over `connection`, each with only the rows not delivered before (never an empty page while
/// rows remain).
template <class T, class Connection>
typename PageRange<T>::PageLoader activity_walk_loader(std::shared_ptr<Connection> connection,
                                                       CallOptions call, ActivityFilter filter,
                                                       const ListOptions& options) {
  auto walk = std::make_shared<ActivityWalk<T>>(std::move(filter), options);
  return [connection = std::move(connection), call = std::move(call), walk = std::move(walk)](
             const ListOptions& /*PageRange's offset: the walk keeps its own*/) {
    for (;;) {
      if (call.cancellation.cancelled()) {
        throw CancelledError("closeio: list() cancelled", 0);
      }
      auto [page_filter, page_options] = walk->next_request();
      Page<T> page;
      try {
        page = connection->list_page(page_filter, page_options, call);
      } catch (const BadRequestError& error) {
        if (!walk->adopt_cap_from(error)) throw;
        continue;
      }
      std::vector<T> rows = walk->accept(std::move(page));
      if (!rows.empty() || !walk->has_more()) return Page<T>{std::move(rows), walk->has_more()};
    }
  };
}

}  // namespace closeio::internal
