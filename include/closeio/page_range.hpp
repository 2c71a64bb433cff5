/// @file
/// A lazy, single-pass range over every item of a paged list, for any resource.
#pragma once

#include <cstddef>
#include <functional>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "closeio/cancellation.hpp"
#include "closeio/errors.hpp"
#include "closeio/list_options.hpp"

namespace closeio {

/// A lazy input range over every item of a list, page after page: a page is fetched only when
/// iteration reaches it and only one page is held at a time. Iterating may throw any
/// closeio::Error the page loader throws, and CancelledError once `cancellation` fires.
///
/// Two ways of paging, chosen by how the range is made:
/// - `_skip` (the constructor): `_skip` advances by the items actually received, and the walk
///   stops when a page says has_more is false or comes back empty (so a server that keeps
///   answering has_more with no items cannot make it loop forever).
/// - a cursor (with_cursor()): each page names the next one's cursor; the walk stops when a page
///   has no `cursor_next`, comes back empty, or names the cursor it was fetched with.
///
/// @par Ownership
/// Move-only: no two ranges share a position. Iterators stay valid when the range is moved.
/// Single pass: begin() may be called once.
template <class T>
class PageRange {
  struct State;

 public:
  /// Loads one page: called with `_limit`, `_skip` and `_fields` for the page wanted.
  using PageLoader = std::function<Page<T>(const ListOptions&)>;
  /// Loads one cursor-paged page: called with the cursor of the page wanted ("" for the first).
  using CursorPageLoader = std::function<CursorPage<T>(const std::string& cursor)>;

  /// An input iterator over the range; all copies share the range's position.
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;  ///< Single pass.
    using value_type = T;                               ///< The resource.
    using difference_type = std::ptrdiff_t;             ///< Unused; required by the concept.
    using pointer = const T*;                           ///< Pointer to the current item.
    using reference = const T&;                         ///< Reference to the current item.

    iterator() = default;                                      ///< The end iterator.
    reference operator*() const { return state_->current(); }  ///< The current item.
    pointer operator->() const { return &state_->current(); }  ///< The current item.
    /// Advances; fetches the next page when the current one is used up.
    iterator& operator++() {
      state_->advance();
      return *this;
    }
    void operator++(int) { ++*this; }  ///< Advances (input iterators return nothing useful).
    /// Equal when both are at the end, or both point into the same range.
    friend bool operator==(const iterator& a, const iterator& b) {
      return a.at_end() == b.at_end();
    }
    /// Negation of operator==.
    friend bool operator!=(const iterator& a, const iterator& b) { return !(a == b); }

   private:
    friend class PageRange;
    explicit iterator(State* state) : state_(state) {}
    bool at_end() const noexcept { return state_ == nullptr || state_->done; }
    State* state_ = nullptr;
  };

  /// A range that walks the list from `options.skip` on, `options.limit` items per page.
  /// `cancellation` is checked before each page is fetched.
  PageRange(PageLoader loader, ListOptions options, CancellationToken cancellation = {})
      : state_(std::make_unique<State>(skip_pages(std::move(loader), std::move(options)),
                                       std::move(cancellation))) {}
  /// A range that walks a cursor-paged list from `cursor` on ("" for the start), following each
  /// page's `cursor_next`. `cancellation` is checked before each page is fetched.
  static PageRange with_cursor(CursorPageLoader loader, std::string cursor = {},
                               CancellationToken cancellation = {}) {
    return PageRange(cursor_pages(std::move(loader), std::move(cursor)), std::move(cancellation));
  }
  PageRange(PageRange&&) noexcept = default;             ///< Takes over the position.
  PageRange& operator=(PageRange&&) noexcept = default;  ///< Takes over the position.
  PageRange(const PageRange&) = delete;                  ///< Move-only.
  PageRange& operator=(const PageRange&) = delete;       ///< Move-only.
  ~PageRange() = default;                                ///< Drops the page held.

  /// Fetches the first page. Throws std::logic_error if called twice.
  iterator begin() {
    if (state_->started) {
      throw std::logic_error("closeio: a list range is single-pass; begin() called twice");
    }
    state_->started = true;
    state_->load_next_page();
    return iterator(state_.get());
  }
  /// The end iterator.
  iterator end() { return iterator(); }
  /// Pages fetched so far.
  int pages_fetched() const noexcept { return state_->pages_fetched; }

 private:
  // Fetches the next page into its argument; returns whether another page may follow. It holds
  // the position (a `_skip` or a cursor), so State knows nothing of how the list pages.
  using NextPage = std::function<bool(std::vector<T>&)>;

  static NextPage skip_pages(PageLoader loader, ListOptions options) {
    return [loader = std::move(loader), options = std::move(options)](std::vector<T>& out) mutable {
      Page<T> next = loader(options);
      // The next page starts after what was received, not after what was asked for.
      options.skip += static_cast<int>(next.data.size());
      out = std::move(next.data);
      return next.has_more && !out.empty();
    };
  }

  static NextPage cursor_pages(CursorPageLoader loader, std::string cursor) {
    return [loader = std::move(loader), cursor = std::move(cursor)](std::vector<T>& out) mutable {
      CursorPage<T> next = loader(cursor);
      out = std::move(next.data);
      // A cursor that names the page just read would loop forever.
      const bool more = next.cursor_next && !next.cursor_next->empty() &&
                        *next.cursor_next != cursor && !out.empty();
      if (more) cursor = std::move(*next.cursor_next);
      return more;
    };
  }

  PageRange(NextPage next, CancellationToken cancellation)
      : state_(std::make_unique<State>(std::move(next), std::move(cancellation))) {}

  struct State {
    State(NextPage n, CancellationToken c) : next_page(std::move(n)), cancellation(std::move(c)) {}

    NextPage next_page;
    CancellationToken cancellation;
    std::vector<T> page;
    std::size_t index = 0;
    bool has_more = true;
    bool started = false;
    bool done = false;
    int pages_fetched = 0;

    const T& current() const { return page[index]; }
    void advance() {
      if (++index >= page.size()) load_next_page();
    }
    void load_next_page() {
      page.clear();  // Only one page is held at a time.
      index = 0;
      while (page.empty()) {
        if (!has_more) {
          done = true;
          return;
        }
        if (cancellation.cancelled()) {
          throw CancelledError(
              "closeio: list() cancelled after " + std::to_string(pages_fetched) + " pages", 0);
        }
        has_more = next_page(page);
        ++pages_fetched;
      }
    }
  };
  std::unique_ptr<State> state_;
};

}  // namespace closeio
