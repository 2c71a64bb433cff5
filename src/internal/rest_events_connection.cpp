#include "internal/rest_events_connection.hpp"

#include <utility>

#include "internal/async_bridge.hpp"
#include "internal/event_codec.hpp"
#include "internal/event_filter_query.hpp"
#include "internal/rest_resource.hpp"
#include "internal/session_access.hpp"
#include "internal/unimplemented.hpp"
#include "internal/url.hpp"
#include "internal/webhook_requests.hpp"

namespace closeio::internal {
namespace {

constexpr std::string_view kEventCollection = "event/";
constexpr std::string_view kEventIdName = "event id";

RestPlan<CursorPage<Event>> event_list_plan(const EventFilter& filter,
                                            const EventListOptions& options) {
  return {RestRequest{"GET", std::string(kEventCollection),
                      query_string(event_list_query(filter, options)), std::nullopt},
          [](const std::string& body) {
            EventLogPage page = decode_event_page(body);
            CursorPage<Event> out;
            out.data = std::move(page.data);
            out.cursor_next = std::move(page.cursor_next);
            out.cursor_previous = std::move(page.cursor_previous);
            return out;
          }};
}

RestPlan<Event> event_fetch_plan(const std::string& id) {
  require_clean_id(id, kEventIdName);
  return {RestRequest{"GET", item_path(kEventCollection, id, kEventIdName), "", std::nullopt},
          [](const std::string& body) { return decode_event(body); }};
}

}  // namespace

RestEventsConnection::RestEventsConnection(std::shared_ptr<RestCaller> caller)
    : caller_(std::move(caller)) {}

CursorPage<Event> RestEventsConnection::list_page(const EventFilter& filter,
                                                  const EventListOptions& options,
                                                  const CallOptions& call) {
  return run_plan(*caller_, event_list_plan(filter, options), call);
}

Event RestEventsConnection::fetch(const std::string& id, const CallOptions& call) {
  return run_plan(*caller_, event_fetch_plan(id), call);
}

void RestEventsConnection::list_page_async(
    const EventFilter& filter, const EventListOptions& options, const CallOptions& call,
    std::function<void(AsyncResult<CursorPage<Event>>)> done) {
  run_plan_async<CursorPage<Event>>(
      *caller_, [&] { return event_list_plan(filter, options); }, call, std::move(done));
}

void RestEventsConnection::fetch_async(const std::string& id, const CallOptions& call,
                                       std::function<void(AsyncResult<Event>)> done) {
  run_plan_async<Event>(
      *caller_, [&] { return event_fetch_plan(id); }, call, std::move(done));
}

std::optional<RateLimitInfo> RestEventsConnection::rate_limit() const {
  return caller_->rate_limit();
}

}  // namespace closeio::internal

namespace closeio {

namespace {
constexpr const char* kEventsConnection = "EventsConnection";
}  // namespace

EventsConnection::~EventsConnection() = default;
CursorPage<Event> EventsConnection::list_page(const EventFilter& /*unused*/,
                                              const EventListOptions& /*unused*/,
                                              const CallOptions& /*unused*/) {
  internal::throw_unimplemented(kEventsConnection, "list_page()");
}
Event EventsConnection::fetch(const std::string& /*unused*/, const CallOptions& /*unused*/) {
  internal::throw_unimplemented(kEventsConnection, "fetch()");
}
void EventsConnection::list_page_async(const EventFilter& filter, const EventListOptions& options,
                                       const CallOptions& call,
                                       std::function<void(AsyncResult<CursorPage<Event>>)> done) {
  internal::complete_now<CursorPage<Event>>(std::move(done),
                                            [&] { return this->list_page(filter, options, call); });
}
void EventsConnection::fetch_async(const std::string& id, const CallOptions& call,
                                   std::function<void(AsyncResult<Event>)> done) {
  internal::complete_now<Event>(std::move(done), [&] { return this->fetch(id, call); });
}
std::optional<RateLimitInfo> EventsConnection::rate_limit() const { return std::nullopt; }

std::shared_ptr<EventsConnection> make_events_connection(ClientOptions options) {
  return make_events_connection(Session(std::move(options)));
}
std::shared_ptr<EventsConnection> make_events_connection(const Session& session) {
  return std::make_shared<internal::RestEventsConnection>(internal::SessionAccess::core(session));
}

}  // namespace closeio
