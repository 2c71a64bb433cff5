#include "closeio/events_client.hpp"

#include <stdexcept>
#include <utility>

#include "internal/async_bridge.hpp"
#include "internal/event_filter_query.hpp"
#include "internal/webhook_requests.hpp"

namespace closeio {
namespace {

void require_valid_list(const EventFilter& filter, const EventListOptions& options) {
  internal::require_valid_event_filter(filter);
  internal::require_valid_event_list_options(options);
}

void require_event_id(const std::string& id) { internal::require_clean_id(id, "event id"); }

}  // namespace

EventsClient::EventsClient(ClientOptions options)
    : connection_(make_events_connection(std::move(options))) {}

EventsClient::EventsClient(const Session& session) : connection_(make_events_connection(session)) {}

EventsClient::EventsClient(std::shared_ptr<EventsConnection> connection)
    : connection_(std::move(connection)) {
  if (!connection_) throw std::invalid_argument("closeio: EventsClient needs a connection");
}

EventsClient EventsClient::with_call_options(CallOptions call) const {
  EventsClient copy(*this);
  copy.call_ = std::move(call);
  return copy;
}

CursorPage<Event> EventsClient::list_page(const EventFilter& filter,
                                          const EventListOptions& options) const {
  require_valid_list(filter, options);
  return connection_->list_page(filter, options, call_);
}

EventRange EventsClient::list(EventFilter filter, EventListOptions options) const {
  require_valid_list(filter, options);
  // Every page repeats the filter with the cursor: Close requires it.
  return EventRange::with_cursor(
      [connection = connection_, call = call_, filter = std::move(filter),
       limit = options.limit](const std::string& cursor) {
        EventListOptions page;
        page.limit = limit;
        page.cursor = cursor;
        return connection->list_page(filter, page, call);
      },
      std::move(options.cursor), call_.cancellation);
}

Event EventsClient::fetch(const std::string& id) const {
  require_event_id(id);
  return connection_->fetch(id, call_);
}

std::future<CursorPage<Event>> EventsClient::list_page_async(
    const EventFilter& filter, const EventListOptions& options) const {
  require_valid_list(filter, options);
  return internal::future_from<CursorPage<Event>>(
      [&](std::function<void(AsyncResult<CursorPage<Event>>)> done) {
        connection_->list_page_async(filter, options, call_, std::move(done));
      });
}

void EventsClient::list_page_async(const EventFilter& filter, const EventListOptions& options,
                                   std::function<void(AsyncResult<CursorPage<Event>>)> done) const {
  require_valid_list(filter, options);
  connection_->list_page_async(filter, options, call_, internal::guard_callback(std::move(done)));
}

std::future<Event> EventsClient::fetch_async(const std::string& id) const {
  require_event_id(id);
  return internal::future_from<Event>([&](std::function<void(AsyncResult<Event>)> done) {
    connection_->fetch_async(id, call_, std::move(done));
  });
}

void EventsClient::fetch_async(const std::string& id,
                               std::function<void(AsyncResult<Event>)> done) const {
  require_event_id(id);
  connection_->fetch_async(id, call_, internal::guard_callback(std::move(done)));
}

std::optional<RateLimitInfo> EventsClient::rate_limit() const { return connection_->rate_limit(); }

}  // namespace closeio
