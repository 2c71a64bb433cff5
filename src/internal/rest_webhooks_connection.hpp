// The WebhooksConnection over the shared REST core.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/webhooks_connection.hpp"
#include "internal/rest_caller.hpp"

namespace closeio::internal {

class RestWebhooksConnection final : public WebhooksConnection {
 public:
  explicit RestWebhooksConnection(std::shared_ptr<RestCaller> caller);

  Page<WebhookSubscription> list_page(const ListOptions& options, const CallOptions& call) override;
  WebhookSubscription fetch(const std::string& id, const std::vector<std::string>& fields,
                            const CallOptions& call) override;
  WebhookSubscription create(const WebhookCreate& subscription, const CallOptions& call) override;
  WebhookSubscription update(const std::string& id, const WebhookUpdate& changes,
                             const CallOptions& call) override;
  void remove(const std::string& id, const CallOptions& call) override;
  void list_page_async(const ListOptions& options, const CallOptions& call,
                       std::function<void(AsyncResult<Page<WebhookSubscription>>)> done) override;
  void fetch_async(const std::string& id, const std::vector<std::string>& fields,
                   const CallOptions& call,
                   std::function<void(AsyncResult<WebhookSubscription>)> done) override;
  void create_async(const WebhookCreate& subscription, const CallOptions& call,
                    std::function<void(AsyncResult<WebhookSubscription>)> done) override;
  void update_async(const std::string& id, const WebhookUpdate& changes, const CallOptions& call,
                    std::function<void(AsyncResult<WebhookSubscription>)> done) override;
  void remove_async(const std::string& id, const CallOptions& call,
                    std::function<void(AsyncResult<void>)> done) override;
  std::optional<RateLimitInfo> rate_limit() const override;

 private:
  std::shared_ptr<RestCaller> caller_;
};

}  // namespace closeio::internal
