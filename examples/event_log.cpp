// event_log: subscribe to outcome changes with a webhook, manage the subscription, and read the
// Event Log for what already happened.
//
// Shows: WebhooksClient (create, list, update, pause, resume, remove) and EventsClient (a
// cursor-paged walk of the last day's events with a filter Close allows, and fetching one event
// by id), over one closeio::Session. The signature key arrives once, in the create answer: a
// real program stores it (it is a secret: this example never prints it) to verify deliveries.
//
//   CLOSE_API_KEY=... ./event_log WEBHOOK_URL
//   e.g. ./event_log https://hooks.example.com/close
//
// Output: one line per step, then "<n> events in <p> pages". The subscription is removed at
// the end, also when a step fails.
// Exit status: 0 on success, 1 on failure (one line on stderr), 2 on bad usage.
#include <closeio/closeio.hpp>
#include <cstddef>
#include <iostream>
#include <string>

namespace {

// Call and meeting updates that change the outcome: Close's webhook filter operators (see
// docs/guides/event-log.md) on the event's `changed_fields`.
const char* const kOutcomeChanged = R"({"type":"field_accessor","field":"changed_fields",)"
                                    R"("filter":{"type":"contains","value":"outcome_id"}})";

closeio::WebhookSubscription subscribe(const closeio::WebhooksClient& webhooks,
                                       const std::string& url) {
  closeio::WebhookCreate create;
  create.url = url;
  create.events = {{"activity.call", "updated", std::string(kOutcomeChanged)},
                   {"activity.meeting", "updated", std::string(kOutcomeChanged)}};
  closeio::WebhookSubscription sub = webhooks.create(create);  // 201, with the key
  std::cout << "created " << sub.id << " -> " << sub.url << " (" << closeio::to_string(sub.status)
            << ", " << sub.events.size() << " event kinds)\n";
  std::cout << "  signature key received: "
            << (sub.signature_key ? std::to_string(sub.signature_key->size()) + " hex characters"
                                  : std::string("no"))
            << " (store it now: other answers may leave it out)\n";
  return sub;
}

void manage(const closeio::WebhooksClient& webhooks, const closeio::WebhookSubscription& sub) {
  std::size_t count = 0;
  for (const closeio::WebhookSubscription& each : webhooks.list()) {
    (void)each;
    ++count;
  }
  std::cout << "listed " << count << " subscription(s)\n";
  closeio::WebhookUpdate changes;
  changes.verify_ssl = true;  // only this member is sent
  std::cout << "updated: verify_ssl "
            << (webhooks.update(sub.id, changes).verify_ssl ? "on" : "off") << '\n';
  std::cout << "paused: " << closeio::to_string(webhooks.pause(sub.id).status) << '\n';
  std::cout << "resumed: " << closeio::to_string(webhooks.resume(sub.id).status) << '\n';
}

void read_log(const closeio::EventsClient& events) {
  closeio::EventFilter filter;
  filter.updated_since = closeio::Timestamp(std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now() - std::chrono::hours(24)));
  closeio::EventListOptions page;
  page.limit = 10;  // at most 50
  closeio::EventRange log = events.list(filter, page);
  std::size_t count = 0;
  std::string first;
  for (const closeio::Event& event : log) {  // newest first
    if (first.empty()) first = event.id;
    if (count < 5) {
      std::cout << "  " << closeio::format_timestamp(event.date_updated) << "  "
                << event.object_type << ' ' << event.action << "  " << event.object_id << '\n';
    }
    ++count;
  }
  std::cout << count << " events in " << log.pages_fetched()
            << (log.pages_fetched() == 1 ? " page\n" : " pages\n");
  if (!first.empty()) std::cout << "fetched " << events.fetch(first).id << '\n';
  try {
    events.fetch("ev_doesnotexist");
  } catch (const closeio::NotFoundError& e) {
    std::cout << "ev_doesnotexist: HTTP " << e.status() << " (NotFoundError)\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: event_log WEBHOOK_URL\n";
    return 2;
  }
  const closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (options.credentials.empty()) {
    std::cerr << "event_log: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN\n";
    return 2;
  }
  std::string created;
  try {
    const closeio::Session session(options);
    const closeio::WebhooksClient webhooks(session);
    const closeio::EventsClient events(session);
    try {
      const closeio::WebhookSubscription sub = subscribe(webhooks, argv[1]);
      created = sub.id;
      manage(webhooks, sub);
      read_log(events);
    } catch (...) {
      if (!created.empty()) webhooks.remove(created);  // leave nothing behind
      throw;
    }
    webhooks.remove(created);
    std::cout << "removed " << created << '\n';
    return 0;
  } catch (const std::invalid_argument& e) {
    std::cerr << "event_log: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "event_log: " << e.what() << '\n';
    return 1;
  }
}
