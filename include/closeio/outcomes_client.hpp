// The Outcomes API client.
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/outcome.hpp"
#include "closeio/outcomes_connection.hpp"
#include "closeio/rate_limit.hpp"

namespace closeio {

/// A lazy input range over every outcome of a list, page after page. A page is fetched only when
/// iteration reaches it and only one page is held at a time. Iterating may throw any
/// closeio::Error. Single pass: begin() may be called once.
class CLOSEIO_EXPORT OutcomeRange {
 public:
  /// An input iterator over the range; all copies share the range's position.
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;  ///< Single pass.
    using value_type = Outcome;                         ///< Yields outcomes.
    using difference_type = std::ptrdiff_t;             ///< Unused; required by the concept.
    using pointer = const Outcome*;                     ///< Pointer to the current outcome.
    using reference = const Outcome&;                   ///< Reference to the current outcome.

    iterator() = default;              ///< The end iterator.
    reference operator*() const;       ///< The current outcome.
    pointer operator->() const;        ///< The current outcome.
    iterator& operator++();            ///< Advances; fetches the next page when needed.
    void operator++(int) { ++*this; }  ///< Advances (input iterators return nothing useful).
    /// Equal when both are at the end, or both point into the same range.
    friend bool operator==(const iterator& a, const iterator& b) {
      return a.at_end() == b.at_end();
    }
    /// Negation of operator==.
    friend bool operator!=(const iterator& a, const iterator& b) { return !(a == b); }

   private:
    friend class OutcomeRange;
    explicit iterator(OutcomeRange* range) : range_(range) {}
    bool at_end() const noexcept;
    OutcomeRange* range_ = nullptr;
  };

  /// Walks the list described by `options` through `connection`.
  OutcomeRange(std::shared_ptr<OutcomesConnection> connection, ListOptions options,
               CallOptions call);
  /// Fetches the first page. Throws std::logic_error if called twice.
  iterator begin();
  /// The end iterator.
  iterator end() { return iterator(); }
  /// Pages fetched so far.
  int pages_fetched() const noexcept { return pages_fetched_; }

 private:
  void load_next_page();
  std::shared_ptr<OutcomesConnection> connection_;
  ListOptions options_;
  CallOptions call_;
  std::vector<Outcome> page_;
  std::size_t index_ = 0;
  bool has_more_ = true;
  bool started_ = false;
  bool done_ = false;
  int pages_fetched_ = 0;
};

/// The client for Close's Outcomes API.
///
/// @par Thread safety
/// Every member is const and safe to call from many threads at once on one client.
/// @par Cost
/// A value holding a shared connection: copies share connections, retries and rate-limit state.
class CLOSEIO_EXPORT OutcomesClient {
 public:
  /// Builds a client over libcurl. Throws std::invalid_argument for missing, empty or
  /// control-character credentials, a malformed base URL, or an http:// URL to a non-loopback
  /// host without allow_insecure_http.
  explicit OutcomesClient(ClientOptions options);
  /// Builds a client over any connection, e.g. a closeio::testing::MockOutcomesConnection.
  explicit OutcomesClient(std::shared_ptr<OutcomesConnection> connection);

  /// A copy of this client whose calls use `call` (cancellation, deadline).
  OutcomesClient with_call_options(CallOptions call) const;

  /// One page: GET /outcome/?_limit=&_skip=&_fields=. Throws std::invalid_argument when
  /// `limit` < 1 or `skip` < 0.
  Page<Outcome> list_page(const ListOptions& options = {}) const;
  /// Every outcome from `options.skip` on, fetched lazily page by page (`_skip` advances by the
  /// items received; the walk stops when has_more is false or a page is empty).
  OutcomeRange list(ListOptions options = {}) const;
  /// POST /outcome/. Throws std::invalid_argument for an empty name or OutcomeType::unknown.
  Outcome create(const OutcomeCreate& outcome) const;
  /// GET /outcome/{id}/, only `fields` when non-empty. The id is sent as one percent-encoded
  /// path segment. Throws std::invalid_argument for an empty id, "." or "..".
  Outcome fetch(const std::string& id, const std::vector<std::string>& fields = {}) const;
  /// PUT /outcome/{id}/ with only what `changes` sets. Throws std::invalid_argument for an
  /// empty id, "." or "..", or OutcomeType::unknown.
  Outcome update(const std::string& id, const OutcomeUpdate& changes) const;
  /// DELETE /outcome/{id}/. Throws std::invalid_argument for an empty id, "." or "..". When an
  /// attempt may have deleted the outcome (no answer, 502/503/504) and the retry answers 404,
  /// the outcome is gone as asked and remove() returns; a 404 on the first attempt throws
  /// NotFoundError.
  void remove(const std::string& id) const;

  /// The rate-limit figures of the latest response that carried them, if any.
  std::optional<RateLimitInfo> rate_limit() const;

 private:
  std::shared_ptr<OutcomesConnection> connection_;
  CallOptions call_;
};

}  // namespace closeio
