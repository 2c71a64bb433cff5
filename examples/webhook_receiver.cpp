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
//
// The keys are each subscription's signature_key, shown once when it was created; they are
// read from the environment so that they never show in `ps` and are never printed. --port 0
// picks a free port; the first line printed is "listening on http://HOST:PORT/PATH". With
// --max-deliveries the receiver stops after that many POSTs, once the queue is empty, and
// prints a summary (for tests and demos); without it, it runs until killed.
//
// Exit status: 0 after --max-deliveries, 2 on bad usage or keys, 1 when the port cannot be
// bound.
#include <httplib.h>

#include <closeio/closeio.hpp>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

struct Settings {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string path = "/close-webhook";
  long max_deliveries = 0;  // 0: run until killed.
  closeio::WebhookVerifyOptions verify;
  std::map<std::string, std::string, std::less<>> keys;  // subscription id -> signature key
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "webhook_receiver: " << why << "\n"
            << "usage: CLOSE_WEBHOOK_KEYS=whsub_A=<hex key>[,...] webhook_receiver [--host H] "
               "[--port N] [--path P] [--max-deliveries N] [--tolerance SECONDS|off]\n";
  std::exit(2);
}

// "whsub_A=key,whsub_B=key". Each key is checked now (verify_webhook would reject a bad one on
// every delivery); the message names the subscription, never the key.
std::map<std::string, std::string, std::less<>> read_keys(const char* text) {
  if (text == nullptr || *text == '\0') usage("set CLOSE_WEBHOOK_KEYS");
  std::map<std::string, std::string, std::less<>> keys;
  std::string list = text;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string item = list.substr(start, comma - start);
    const std::size_t equals = item.find('=');
    if (equals == std::string::npos || equals == 0) {
      usage("CLOSE_WEBHOOK_KEYS: expected subscription_id=key pairs separated by commas");
    }
    const std::string id = item.substr(0, equals);
    const std::string key = item.substr(equals + 1);
    try {
      // A delivery nobody could sign: it only checks the key's form.
      (void)closeio::verify_webhook(key, "", "", "");
    } catch (const std::invalid_argument&) {
      usage("CLOSE_WEBHOOK_KEYS: the key of " + id + " is not 64 hexadecimal digits");
    } catch (const closeio::WebhookSignatureError&) {
      // Expected: the key is well formed.
    }
    keys[id] = key;
    start = comma + 1;
  }
  return keys;
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
    } catch (const std::logic_error&) {  // stoi/stol: not a number, out of range.
      usage("bad value for " + flag);
    }
  }
  settings.keys = read_keys(std::getenv("CLOSE_WEBHOOK_KEYS"));
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

}  // namespace

int main(int argc, char** argv) {
  const Settings settings = parse(argc, argv);
  closeio::EventDeduplicator seen(10'000);
  WorkQueue queue;
  std::thread worker([&queue] {
    while (std::optional<closeio::WebhookDelivery> delivery = queue.pop()) handle(*delivery);
  });

  std::mutex count_mutex;
  std::condition_variable count_changed;
  long received = 0;
  long accepted = 0;
  long duplicates = 0;
  long refused = 0;

  const closeio::WebhookKeyLookup key_for =
      [&settings](std::string_view subscription_id) -> std::optional<std::string> {
    const auto found = settings.keys.find(subscription_id);
    if (found == settings.keys.end()) return std::nullopt;
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

  const int port = settings.port == 0
                       ? server.bind_to_any_port(settings.host)
                       : (server.bind_to_port(settings.host, settings.port) ? settings.port : -1);
  if (port < 0) {
    std::cerr << "webhook_receiver: cannot listen on " << settings.host << ":" << settings.port
              << "\n";
    queue.close();
    worker.join();
    return 1;
  }
  say("listening on http://" + settings.host + ":" + std::to_string(port) + settings.path);
  std::thread listener([&server] { server.listen_after_bind(); });

  if (settings.max_deliveries <= 0) {
    listener.join();  // Until killed.
    return 0;
  }
  {
    std::unique_lock<std::mutex> lock(count_mutex);
    count_changed.wait(lock, [&] { return received >= settings.max_deliveries; });
  }
  server.stop();
  listener.join();
  queue.close();  // The worker finishes what was queued, then stops.
  worker.join();
  say(std::to_string(received) + " deliveries: " + std::to_string(accepted) + " accepted, " +
      std::to_string(duplicates) + " duplicates, " + std::to_string(refused) + " refused");
  return 0;
}
