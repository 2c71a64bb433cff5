// Which pages of one offset-paged list (`_skip`/`_limit`) to request when several requests may
// be in flight, and in which order to use them, so that the items come out exactly as a walk of
// one page after the other (closeio::PageRange) would give them. No I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <set>

namespace closeio_cli {

/// The rules:
/// - the first page is requested alone; only when it comes back full (`limit` items) with
///   has_more are later pages requested ahead, `_skip` advancing by `limit`;
/// - pages are used in order of `_skip`; after a page of n items the next one used is the one
///   at `_skip` + n, as in a sequential walk; when n differs from `limit` (a server that
///   returns fewer than asked), the pages requested ahead do not line up and requests go on from
///   `_skip` + n; pages that are never used are dropped;
/// - the walk ends at the first page that is empty or says has_more is false.
/// A page is identified by its `_skip`; every page asks for `limit` items.
/// Not thread-safe: one thread drives it.
class PageCursor {
 public:
  /// A walk from `_skip` 0 with `limit` (at least 1) items per page.
  explicit PageCursor(int limit);

  /// The `_skip` of a page to request now (recorded as requested), or std::nullopt: the walk is
  /// over, or waits for the first page, or `max_ahead` pages are already requested and unused.
  std::optional<int> next_request(std::size_t max_ahead);
  /// Records that the page at `skip` has been answered (its items are held by the caller).
  void answered(int skip);
  /// The `_skip` of the answered page to use next, if it is there and the walk is not over.
  std::optional<int> next_to_use() const;
  /// Records that the page at `skip` (from next_to_use()) held `items` items and `has_more`.
  void used(int skip, std::size_t items, bool has_more);
  /// Ends the walk now (after a failure): nothing more is requested or used.
  void stop() noexcept { over_ = true; }

  /// True when the walk has ended.
  bool over() const noexcept { return over_; }
  /// Pages requested and not yet answered.
  std::size_t requests_out() const noexcept { return out_.size(); }
  /// True when the answer at `skip` will be used, i.e. the walk needs it.
  bool wanted(int skip) const { return !over_ && skip >= next_use_; }

 private:
  int limit_;
  int next_use_ = 0;        // the _skip of the next page to use
  int next_request_ = 0;    // the _skip of the next page to request
  bool long_list_ = false;  // a full page with has_more was seen: request ahead
  bool over_ = false;       // the walk has ended
  std::set<int> out_;       // requested, not answered
  std::set<int> answered_;  // answered, not used
};

}  // namespace closeio_cli
