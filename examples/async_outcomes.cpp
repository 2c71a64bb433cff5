// async_outcomes: fetches every outcome of the first page at once from an event loop that never
// blocks on the network.
//
// Shows: the completion-callback form of the asynchronous calls (list_page_async,
// fetch_async). Callbacks run on the session's I/O thread, so they only hand their result to
// the loop's queue; the loop (this program's main thread) does the work. The same pattern fits
// asio (post to an io_context), libuv (uv_async_send) or a game-style tick.
//
//   CLOSE_API_KEY=... ./async_outcomes
//
// Output: "<id>  <name>" per outcome in id order, then "fetched <n> outcomes, up to 8 at once".
// Exit status: 0 on success, 1 on failure (one line on stderr), 2 without credentials.
#include <closeio/closeio.hpp>
#include <condition_variable>
#include <deque>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <string>

namespace {

// A minimal event loop: other threads post work, the loop's thread runs it.
class EventLoop {
 public:
  void post(std::function<void()> work) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(std::move(work));
    }
    ready_.notify_one();
  }
  // Runs posted work until `done()` holds after one of them.
  void run(const std::function<bool()>& done) {
    while (!done()) {
      std::function<void()> work;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return !queue_.empty(); });
        work = std::move(queue_.front());
        queue_.pop_front();
      }
      work();
    }
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
};

}  // namespace

int main() {
  closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (options.credentials.empty()) {
    std::cerr << "async_outcomes: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN\n";
    return 2;
  }
  options.max_concurrent_requests = 8;  // the default, stated: more calls wait in a queue
  try {
    const closeio::OutcomesClient client(options);
    EventLoop loop;
    std::map<std::string, std::string> names;  // touched only on the loop's thread
    std::size_t pending = 1;                   // the list call
    std::string failure;

    client.list_page_async({}, [&](closeio::AsyncResult<closeio::Page<closeio::Outcome>> page) {
      // On the I/O thread: hand over, do not work here.
      loop.post([&, page = std::move(page)]() mutable {
        --pending;
        if (!page.has_value()) {
          try {
            page.value();
          } catch (const std::exception& e) {
            failure = e.what();
          }
          return;
        }
        for (const closeio::Outcome& listed : page.value().data) {
          ++pending;
          client.fetch_async(listed.id, {}, [&](closeio::AsyncResult<closeio::Outcome> one) {
            loop.post([&, one = std::move(one)]() mutable {
              --pending;
              try {
                const closeio::Outcome& outcome = one.value();
                names[outcome.id] = outcome.name;
              } catch (const std::exception& e) {
                failure = e.what();
              }
            });
          });
        }
      });
    });

    loop.run([&] { return pending == 0; });
    if (!failure.empty()) {
      std::cerr << "async_outcomes: " << failure << '\n';
      return 1;
    }
    for (const auto& [id, name] : names) std::cout << id << "  " << name << '\n';
    std::cout << "fetched " << names.size() << " outcomes, up to "
              << options.max_concurrent_requests << " at once\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "async_outcomes: " << e.what() << '\n';
    return 1;
  }
}
