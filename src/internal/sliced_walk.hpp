// list_sliced(): a call or meeting list split into date windows, walked concurrently on the
// async engine, delivered on the calling thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "closeio/activity_filter.hpp"
#include "closeio/async_result.hpp"
#include "closeio/cancellation.hpp"
#include "closeio/errors.hpp"
#include "closeio/sliced_list.hpp"
#include "internal/activity_walk.hpp"

namespace closeio::internal {

/// The date windows of a sliced walk: [from, to) narrowed by the filter's own bounds, split into
/// `slices` spans of whole microseconds, each as an ActivityFilter (`__gt` start - 1 µs, `__lt`
/// end). Empty when the bounds leave nothing. Throws std::invalid_argument for bad options.
std::vector<ActivityFilter> slice_windows(const ActivityFilter& filter,
                                          const SlicedListOptions& options);

/// Starts one page request; the callback runs on the session's I/O thread.
template <class T>
using StartPage = std::function<void(const ActivityFilter&, const ListOptions&,
                                     std::function<void(AsyncResult<Page<T>>)>)>;

/// Walks every window with at most options.max_in_flight pages requested at once, handing each
/// page's new rows to `on_rows` on the calling thread. The first failure (a request's error, a
/// throw from on_rows or on_progress, cancellation) stops new requests; the walk then waits for
/// those in flight and rethrows it.
template <class T>
void run_sliced_walk(const ActivityFilter& filter, const SlicedListOptions& options,
                     const StartPage<T>& start_page,
                     const std::function<void(std::vector<T>)>& on_rows,
                     const CancellationToken& cancellation) {
  struct Answer {
    std::size_t slice;
    AsyncResult<Page<T>> result;
  };
  std::vector<ActivityWalk<T>> slices;
  ListOptions paging;
  paging.limit = options.limit;
  paging.fields = options.fields;
  for (ActivityFilter& window : slice_windows(filter, options)) {
    slices.emplace_back(std::move(window), paging);
  }
  // Answers travel from the I/O thread to this one; the shared state outlives this frame only
  // while requests are in flight, and the walk does not return before they end.
  struct Mailbox {
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<Answer> answers;
  };
  auto mailbox = std::make_shared<Mailbox>();
  SliceProgress progress;
  progress.slices_total = static_cast<int>(slices.size());
  int in_flight = 0;
  std::size_t next_slice = 0;  // slices before it were started at least once
  std::exception_ptr failure;

  auto launch = [&](std::size_t index) {
    auto [page_filter, page_options] = slices[index].next_request();
    start_page(page_filter, page_options, [mailbox, index](AsyncResult<Page<T>> result) {
      {
        std::lock_guard<std::mutex> lock(mailbox->mutex);
        mailbox->answers.push_back(Answer{index, std::move(result)});
      }
      mailbox->ready.notify_one();
    });
    // Counted once started: a request refused before sending (it throws) has no answer to wait
    // for. Only this thread reads the count; answers only touch the mailbox.
    ++in_flight;
  };
  // Slices ready for their next page, in the order they became ready: a walk of few windows
  // keeps every window busy, one of many windows works through them in date order.
  std::deque<std::size_t> ready;
  auto fill = [&] {
    while (!failure && in_flight < options.max_in_flight) {
      if (cancellation.cancelled()) {
        failure = std::make_exception_ptr(CancelledError("closeio: list_sliced() cancelled", 0));
        break;
      }
      std::size_t index;
      if (!ready.empty()) {
        index = ready.front();
        ready.pop_front();
      } else if (next_slice < slices.size()) {
        index = next_slice++;
      } else {
        break;
      }
      try {
        launch(index);
      } catch (...) {
        failure = std::current_exception();
      }
    }
  };

  fill();
  while (in_flight > 0) {
    Answer answer = [&] {
      std::unique_lock<std::mutex> lock(mailbox->mutex);
      mailbox->ready.wait(lock, [&] { return !mailbox->answers.empty(); });
      Answer front = std::move(mailbox->answers.front());
      mailbox->answers.pop_front();
      return front;
    }();
    --in_flight;
    ActivityWalk<T>& walk = slices[answer.slice];
    if (!failure) {
      try {
        Page<T> page;
        try {
          page = std::move(answer.result).value();
        } catch (const BadRequestError& error) {
          if (!walk.adopt_cap_from(error)) throw;
          ready.push_front(answer.slice);
          fill();
          continue;
        }
        std::vector<T> rows = walk.accept(std::move(page));
        progress.rows += static_cast<std::int64_t>(rows.size());
        ++progress.pages;
        if (walk.has_more()) {
          ready.push_back(answer.slice);
        } else {
          ++progress.slices_done;
        }
        if (!rows.empty()) on_rows(std::move(rows));
        if (options.on_progress) options.on_progress(progress);
      } catch (...) {
        failure = std::current_exception();
      }
    }
    fill();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace closeio::internal
