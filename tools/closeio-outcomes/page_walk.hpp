// Walking several paged lists at once over the SDK's asynchronous calls (`usage` reads the
// outcomes, the calls and the meetings together), with a bound on the requests in flight. Each
// list's items are handed over in the order a page-by-page walk would give them.
#pragma once

#include <closeio/async_result.hpp>
#include <closeio/list_options.hpp>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace closeio_cli {

/// One answered page, with its items out of sight: `use` hands them to the list's visitor.
struct PageAnswer {
  std::exception_ptr error;   ///< Set when the page request failed; nothing else is.
  std::size_t items = 0;      ///< Items on the page.
  bool has_more = false;      ///< The page's has_more.
  std::function<void()> use;  ///< Visits the page's items; called at most once.
};

/// One list to walk.
struct PagedList {
  /// Starts the request of one page (`_limit`, `_skip`, `_fields` in the options) and calls
  /// `done` exactly once, from any thread, with its answer. May throw (nothing is sent then).
  std::function<void(const closeio::ListOptions&, std::function<void(PageAnswer)> done)> request;
  /// `_fields` of every page.
  std::vector<std::string> fields;
  /// Called on the walking thread after each page's items are visited, with the total so far.
  std::function<void(std::size_t visited)> progress;
};

/// A PagedList over an asynchronous list call: `start(options, callback)` is e.g.
/// `client.list_page_async(filter, options, callback)`; `visit` sees every item, on the walking
/// thread, in list order.
template <class T, class Start, class Visit>
PagedList paged_list(Start start, Visit visit) {
  PagedList list;
  list.request = [start, visit](const closeio::ListOptions& options,
                                std::function<void(PageAnswer)> done) {
    start(options, [done = std::move(done), visit](closeio::AsyncResult<closeio::Page<T>> r) {
      PageAnswer answer;
      if (!r.has_value()) {
        answer.error = r.error();
        done(std::move(answer));
        return;
      }
      auto page = std::make_shared<closeio::Page<T>>(std::move(r).value());
      answer.items = page->data.size();
      answer.has_more = page->has_more;
      answer.use = [page, visit] {
        for (const T& item : page->data) visit(item);
      };
      done(std::move(answer));
    });
  };
  return list;
}

/// Walks every list to its end with `limit` items per page and at most `max_in_flight` page
/// requests on the wire over all lists. When a page a list needs has failed, that list and every
/// later one end (nothing more is requested for them), while the earlier lists go on: the first
/// error in list order is then the one a walk of one list after the other would have met. The
/// requests in flight are always waited for. Returns, per list, the error that ended its walk
/// (the first failed page it needed), or null.
std::vector<std::exception_ptr> walk_pages(const std::vector<PagedList>& lists, int limit,
                                           std::size_t max_in_flight);

}  // namespace closeio_cli
