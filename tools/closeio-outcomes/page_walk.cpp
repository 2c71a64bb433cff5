#include "page_walk.hpp"

#include <algorithm>
#include <map>

#include "completion_queue.hpp"
#include "page_cursor.hpp"

namespace closeio_cli {
namespace {

// An answered page: which list, which `_skip`, and the answer.
struct Arrival {
  std::size_t list = 0;
  int skip = 0;
  PageAnswer answer;
};
using Arrivals = CompletionQueue<Arrival>;

}  // namespace

std::vector<std::exception_ptr> walk_pages(const std::vector<PagedList>& lists, int limit,
                                           std::size_t max_in_flight) {
  std::vector<PageCursor> cursors(lists.size(), PageCursor(limit));
  std::vector<std::map<int, PageAnswer>> held(lists.size());
  std::vector<std::size_t> visited(lists.size(), 0);
  std::vector<std::exception_ptr> errors(lists.size());
  auto queue = std::make_shared<Arrivals>();
  std::size_t in_flight = 0;
  // Lists from this one on are over: one of them failed. The lists before it go on, as a
  // sequential walk would have read them first and may yet meet an earlier failure.
  std::size_t stopped_from = lists.size();

  auto fail = [&](std::size_t list, std::exception_ptr error) {
    errors[list] = std::move(error);
    for (std::size_t j = list; j < stopped_from; ++j) cursors[j].stop();
    stopped_from = std::min(stopped_from, list);
  };

  // Requests pages, the lists taking turns, until the bound is reached or no list wants more.
  auto request_more = [&] {
    bool asked = true;
    while (asked && in_flight < max_in_flight) {
      asked = false;
      for (std::size_t i = 0; i < stopped_from && in_flight < max_in_flight; ++i) {
        const std::optional<int> skip = cursors[i].next_request(max_in_flight);
        if (!skip) continue;
        asked = true;
        ++in_flight;
        closeio::ListOptions options;
        options.limit = limit;
        options.skip = *skip;
        options.fields = lists[i].fields;
        try {
          lists[i].request(options, [queue, i, skip = *skip](PageAnswer answer) {
            queue->push({i, skip, std::move(answer)});
          });
        } catch (...) {
          PageAnswer refused;
          refused.error = std::current_exception();
          queue->push({i, *skip, std::move(refused)});
        }
      }
    }
  };

  // Uses the answered pages of list `i` that are next in its order.
  auto use_ready = [&](std::size_t i) {
    while (const std::optional<int> skip = cursors[i].next_to_use()) {
      PageAnswer answer = std::move(held[i].at(*skip));
      held[i].erase(*skip);
      if (answer.error) {
        fail(i, answer.error);
        return;
      }
      if (answer.use) answer.use();
      visited[i] += answer.items;
      cursors[i].used(*skip, answer.items, answer.has_more);
      if (lists[i].progress) lists[i].progress(visited[i]);
    }
  };

  request_more();
  while (in_flight > 0) {
    Arrival arrival = queue->pop();
    --in_flight;
    PageCursor& cursor = cursors[arrival.list];
    const bool wanted = cursor.wanted(arrival.skip);
    cursor.answered(arrival.skip);
    if (wanted) {
      held[arrival.list][arrival.skip] = std::move(arrival.answer);
      use_ready(arrival.list);
    }
    request_more();
  }
  return errors;
}

}  // namespace closeio_cli
