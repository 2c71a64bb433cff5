// The EventsConnection over the shared REST core.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "closeio/events_connection.hpp"
#include "internal/rest_caller.hpp"

namespace closeio::internal {

class RestEventsConnection final : public EventsConnection {
 public:
  explicit RestEventsConnection(std::shared_ptr<RestCaller> caller);

  CursorPage<Event> list_page(const EventFilter& filter, const EventListOptions& options,
                              const CallOptions& call) override;
  Event fetch(const std::string& id, const CallOptions& call) override;
  void list_page_async(const EventFilter& filter, const EventListOptions& options,
                       const CallOptions& call,
                       std::function<void(AsyncResult<CursorPage<Event>>)> done) override;
  void fetch_async(const std::string& id, const CallOptions& call,
                   std::function<void(AsyncResult<Event>)> done) override;
  std::optional<RateLimitInfo> rate_limit() const override;

 private:
  std::shared_ptr<RestCaller> caller_;
};

}  // namespace closeio::internal
