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
/// `_skip` advances by the items actually received, and the walk stops when a page says
/// has_more is false or comes back empty (so a server that keeps answering has_more with no
/// items cannot make it loop forever).
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
      : state_(std::make_unique<State>(std::move(loader), std::move(options),
                                       std::move(cancellation))) {}
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
  struct State {
    State(PageLoader l, ListOptions o, CancellationToken c)
        : loader(std::move(l)), options(std::move(o)), cancellation(std::move(c)) {}

    PageLoader loader;
    ListOptions options;
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
        Page<T> next = loader(options);
        ++pages_fetched;
        // The next page starts after what was received, not after what was asked for.
        options.skip += static_cast<int>(next.data.size());
        has_more = next.has_more && !next.data.empty();
        page = std::move(next.data);
      }
    }
  };
  std::unique_ptr<State> state_;
};

}  // namespace closeio
