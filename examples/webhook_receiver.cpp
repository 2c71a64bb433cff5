// webhook_receiver: receive Close's webhook deliveries, verify each, drop duplicates, and do the
// work off the request path.
//
// Shows: the receiver recipe of docs/guides/events.md. Each POST is verified against the raw
// body as received (verify_webhook), with the key chosen by the subscription the body names
// (several subscriptions may share this URL). A verified event seen before (same id and
// date_updated: Close delivers at least once) is acknowledged and dropped (EventDeduplicator).
// A new one goes to a queue that a worker thread empties, so the answer (204) goes back at once
// and Close's delivery never waits for the work. Refused deliveries get 401 (not authentic or
// not fresh) or 400 (authentic but not a delivery); the reason is logged, never the key or body.
//
//   export CLOSE_WEBHOOK_KEYS=whsub_A=<hex key>[,whsub_B=<hex key>...]
//   ./webhook_receiver [--host 127.0.0.1] [--port 8080 | --port 0] [--path /close-webhook]
//                      [--max-deliveries N] [--tolerance SECONDS | --tolerance off]
//   ./webhook_receiver --keys-file FILE [the options above]
//   CLOSE_API_KEY=... ./webhook_receiver --subscribe activity.call:created,activity.call:updated
//                      [--public-url URL] [the options above]
//
// The keys are each subscription's signature_key, shown once when it was created; they are
// read from the environment or from a file (one whsub_...=<hex key> per line, the owner's alone:
// chmod 600) so that they never show in `ps`, and are never printed. With --subscribe the
// receiver subscribes itself (credentials and CLOSE_API_BASE_URL as ClientOptions::from_env()
// reads them) to those object_type:action pairs at --public-url (default: the address it
// listens on, which suits closeio-fake-server), keeps that key in memory only, prints
// "subscribed whsub_..." before it serves, and removes the subscription when it stops.
//
// --port 0 picks a free port; the first line printed is "listening on http://HOST:PORT/PATH".
// With --max-deliveries the receiver stops after that many POSTs, once the queue is empty, and
// prints a summary (for tests and demos); without it, it runs until SIGINT or SIGTERM.
//
// Exit status: 0 after --max-deliveries or a signal, 2 on bad usage or keys, 1 when the port
// cannot be bound or the subscription cannot be made.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <closeio/closeio.hpp>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "webhook_receiver_keys.hpp"
#include "webhook_receiver_subscription.hpp"

namespace {

struct Settings {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string path = "/close-webhook";
  long max_deliveries = 0;  // 0: run until killed.
  closeio::WebhookVerifyOptions verify;
  std::string keys_file;                             // --keys-file; empty: CLOSE_WEBHOOK_KEYS.
  std::vector<closeio::WebhookEventSpec> subscribe;  // --subscribe; empty: none.
  std::string public_url;                            // --public-url; empty: where it listens.
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "webhook_receiver: " << why << "\n"
            << "usage: CLOSE_WEBHOOK_KEYS=whsub_A=<hex key>[,...] webhook_receiver [--host H] "
               "[--port N] [--path P] [--max-deliveries N] [--tolerance SECONDS|off]\n"
               "       webhook_receiver --keys-file FILE [options as above]\n"
               "       webhook_receiver --subscribe TYPE:ACTION[,...] [--public-url URL] "
               "[options as above]\n";
  std::exit(2);
}

Settings parse(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage("missing value after " + flag);
    const std::string value = argv[++i];
    try {
      if (flag == "--host") {
        settings.host = value;
      } else if (flag == "--port") {
        settings.port = std::stoi(value);
      } else if (flag == "--path") {
        settings.path = value;
      } else if (flag == "--keys-file") {
        settings.keys_file = value;
      } else if (flag == "--subscribe") {
        settings.subscribe = webhook_receiver::parse_event_kinds(value);
      } else if (flag == "--public-url") {
        settings.public_url = value;
      } else if (flag == "--max-deliveries") {
        settings.max_deliveries = std::stol(value);
      } else if (flag == "--tolerance") {
        if (value == "off") {
          settings.verify.tolerance = std::nullopt;
        } else {
          settings.verify.tolerance = std::chrono::seconds(std::stol(value));
        }
      } else {
        usage("unknown option " + flag);
      }
    } catch (const std::logic_error& e) {  // stoi/stol, parse_event_kinds.
      usage("bad value for " + flag + (flag == "--subscribe" ? std::string(": ") + e.what() : ""));
    }
  }
  return settings;
}

const char* reason_name(closeio::WebhookSignatureError::Reason reason) {
  using Reason = closeio::WebhookSignatureError::Reason;
  switch (reason) {
    case Reason::missing_header:
      return "missing header";
    case Reason::malformed_header:
      return "malformed header";
    case Reason::mismatch:
      return "signature mismatch";
    case Reason::too_old:
      return "too old";
    case Reason::too_new:
      return "too far in the future";
    case Reason::unknown_subscription:
      break;
  }
  return "unknown subscription";
}

// One line at a time from any thread.
std::mutex output_mutex;
void say(const std::string& line) {
  const std::lock_guard<std::mutex> lock(output_mutex);
  std::cout << line << std::endl;
}

// The work queue between the request threads and the worker.
class WorkQueue {
 public:
  void push(closeio::WebhookDelivery delivery) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      items_.push_back(std::move(delivery));
    }
    changed_.notify_one();
  }
  // The next delivery, or nullopt once closed and empty.
  std::optional<closeio::WebhookDelivery> pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    closeio::WebhookDelivery next = std::move(items_.front());
    items_.pop_front();
    return next;
  }
  void close() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<closeio::WebhookDelivery> items_;
  bool closed_ = false;
};

// The application's work: here, say what happened. A real handler would update its own
// records (idempotently: dropping duplicates here is best effort, bounded in memory).
void handle(const closeio::WebhookDelivery& delivery) {
  const closeio::Event& event = delivery.event;
  std::string line = "processed " + event.id + ": " + event.object_type + " " + event.action +
                     " (" + delivery.subscription_id + ")";
  try {
    if (const std::optional<closeio::Call> call = event.as_call()) {
      line += ", call " + call->id + " outcome " + call->outcome_id.value_or("(none)");
    } else if (const std::optional<closeio::Meeting> meeting = event.as_meeting()) {
      line += ", meeting " + meeting->id + " outcome " + meeting->outcome_id.value_or("(none)");
    }
  } catch (const closeio::DecodeError& e) {
    line += std::string(", data unreadable: ") + e.what();
  }
  say(line);
}

// The keys from --keys-file, else from CLOSE_WEBHOOK_KEYS (optional with --subscribe); exits
// with usage() when they are unusable.
webhook_receiver::KeyMap load_keys(const Settings& settings) {
  try {
    if (!settings.keys_file.empty()) {
      webhook_receiver::KeyMap keys = webhook_receiver::read_keys_file(settings.keys_file);
      if (keys.empty() && settings.subscribe.empty()) {
        usage("keys file " + settings.keys_file + " holds no key (and there is no --subscribe)");
      }
      return keys;
    }
    const char* text = std::getenv("CLOSE_WEBHOOK_KEYS");
    if (text == nullptr || *text == '\0') {
      if (!settings.subscribe.empty()) return {};
      usage("set CLOSE_WEBHOOK_KEYS, pass --keys-file or --subscribe");
    }
    return webhook_receiver::parse_keys(text, ',', "CLOSE_WEBHOOK_KEYS", /*allow_empty=*/false);
  } catch (const webhook_receiver::BadKeys& e) {
    usage(e.what());
  }
}

// SIGINT and SIGTERM, blocked in every thread and taken by sigwait() in one: they stop the
// server cleanly (and so remove the receiver's own subscription).
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);  // Before any thread starts: they inherit it.
  }
  // Calls `stop` on the first signal, from a thread of its own.
  template <class Stop>
  void on_signal(Stop stop) {
    waiter_ = std::thread([this, stop] {
      int signal = 0;
      sigwait(&set_, &signal);
      if (!done_) stop();
    });
  }
  // Stops listening: once it returns, `stop` is not called any more. Call it while what `stop`
  // uses is still alive.
  void finish() {
    if (!waiter_.joinable()) return;
    done_ = true;
    pthread_kill(waiter_.native_handle(), SIGTERM);  // Wakes sigwait(); it then does nothing.
    waiter_.join();
  }
  ~StopSignals() { finish(); }

 private:
  sigset_t set_{};
  std::atomic<bool> done_{false};
  std::thread waiter_;
};

// Runs the accept loop of the bound `server` on a new thread and returns once it accepts.
// Waiting matters: httplib's stop() does nothing before the loop has started
// (yhirose/cpp-httplib#1645), so a signal in that instant would leave the loop running and the
// join below waiting forever. httplib creates its task queue once it accepts: that is the sign.
std::thread serve(httplib::Server& server) {
  auto ready = std::make_shared<std::pair<std::mutex, std::condition_variable>>();
  auto state = std::make_shared<int>(0);  // 0 starting, 1 accepting, 2 ended; under ready->first.
  server.new_task_queue = [ready, state]() -> httplib::TaskQueue* {
    {
      const std::lock_guard<std::mutex> lock(ready->first);
      *state = 1;
    }
    ready->second.notify_all();
    return new httplib::ThreadPool(CPPHTTPLIB_THREAD_POOL_COUNT);
  };
  std::thread listener([&server, ready, state] {
    server.listen_after_bind();
    {
      const std::lock_guard<std::mutex> lock(ready->first);
      *state = 2;
    }
    ready->second.notify_all();
  });
  std::unique_lock<std::mutex> lock(ready->first);
  ready->second.wait(lock, [&] { return *state != 0; });
  return listener;
}

}  // namespace

int main(int argc, char** argv) {
  StopSignals signals;
  const Settings settings = parse(argc, argv);
  webhook_receiver::KeyMap keys = load_keys(settings);
  closeio::EventDeduplicator seen(10'000);
  WorkQueue queue;
  std::thread worker([&queue] {
    while (std::optional<closeio::WebhookDelivery> delivery = queue.pop()) handle(*delivery);
  });
  const auto stop_worker = [&] {
    queue.close();  // The worker finishes what was queued, then stops.
    worker.join();
  };

  std::mutex count_mutex;
  std::condition_variable count_changed;
  long received = 0;
  long accepted = 0;
  long duplicates = 0;
  long refused = 0;
  bool stopping = false;

  // Filled before the server serves, read-only afterwards.
  const closeio::WebhookKeyLookup key_for =
      [&keys](std::string_view subscription_id) -> std::optional<std::string> {
    const auto found = keys.find(subscription_id);
    if (found == keys.end()) return std::nullopt;
    return found->second;
  };

  httplib::Server server;
  server.Post(settings.path, [&](const httplib::Request& request, httplib::Response& response) {
    enum { kAccepted, kDuplicate, kRefused } outcome = kRefused;
    try {
      // The raw body exactly as received; headers looked up case-insensitively.
      closeio::WebhookDelivery delivery = closeio::verify_webhook(
          key_for, request.get_header_value("close-sig-timestamp"),
          request.get_header_value("close-sig-hash"), request.body, settings.verify);
      if (seen.first_time(delivery.event)) {
        say("accepted " + delivery.event.id);
        queue.push(std::move(delivery));
        outcome = kAccepted;
      } else {
        say("duplicate " + delivery.event.id + " dropped");
        outcome = kDuplicate;
      }
      response.status = 204;  // Close needs only the acknowledgement.
    } catch (const closeio::WebhookSignatureError& e) {
      say(std::string("refused (") + reason_name(e.reason()) + ")");
      response.status = 401;
    } catch (const closeio::DecodeError& e) {
      say(std::string("refused (authentic, but not a delivery): ") + e.what());
      response.status = 400;
    }
    {
      const std::lock_guard<std::mutex> lock(count_mutex);
      ++received;
      accepted += outcome == kAccepted;
      duplicates += outcome == kDuplicate;
      refused += outcome == kRefused;
    }
    count_changed.notify_all();
  });

  // Bound (and listening: connections wait in the backlog) before subscribing, so that the
  // subscription's URL has the port and no delivery is turned away.
  const int port = settings.port == 0
                       ? server.bind_to_any_port(settings.host)
                       : (server.bind_to_port(settings.host, settings.port) ? settings.port : -1);
  if (port < 0) {
    std::cerr << "webhook_receiver: cannot listen on " << settings.host << ":" << settings.port
              << "\n";
    stop_worker();
    return 1;
  }
  const std::string own_url =
      "http://" + settings.host + ":" + std::to_string(port) + settings.path;
  say("listening on " + own_url);

  std::unique_ptr<webhook_receiver::OwnSubscription> subscription;
  if (!settings.subscribe.empty()) {
    const std::string url = settings.public_url.empty() ? own_url : settings.public_url;
    try {
      subscription = std::make_unique<webhook_receiver::OwnSubscription>(
          closeio::ClientOptions::from_env(), url, settings.subscribe);
    } catch (const std::exception& e) {  // closeio::Error, or std::invalid_argument for the URL.
      std::cerr << "webhook_receiver: cannot subscribe " << url << ": " << e.what() << "\n";
      stop_worker();
      return 1;
    }
    keys[subscription->id()] = subscription->key();
    std::string kinds;
    for (const closeio::WebhookEventSpec& spec : settings.subscribe) {
      kinds += (kinds.empty() ? "" : ", ") + spec.object_type + " " + spec.action;
    }
    say("subscribed " + subscription->id() + " to " + kinds + " at " + url);
  }

  signals.on_signal([&] {
    {
      const std::lock_guard<std::mutex> lock(count_mutex);
      stopping = true;
    }
    count_changed.notify_all();
  });
  std::thread listener = serve(server);
  {
    std::unique_lock<std::mutex> lock(count_mutex);
    count_changed.wait(lock, [&] {
      return stopping || (settings.max_deliveries > 0 && received >= settings.max_deliveries);
    });
  }
  signals.finish();  // Before the state its handler touches goes.
  server.stop();
  listener.join();
  stop_worker();
  subscription.reset();  // Removes it: nothing more is delivered to this URL.
  say(std::to_string(received) + " deliveries: " + std::to_string(accepted) + " accepted, " +
      std::to_string(duplicates) + " duplicates, " + std::to_string(refused) + " refused");
  return 0;
}
