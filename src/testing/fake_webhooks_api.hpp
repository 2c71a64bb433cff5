// What Close answers to the webhook subscription endpoints (`/webhook/`): list, create (201,
// with the new signature key), get, partial update (status active/paused), delete.
#pragma once

#include <optional>
#include <string>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_api_support.hpp"
#include "testing/fake_webhook_store.hpp"

namespace closeio::testing::internal {

/// A subscription as Close answers it: id, url, events, verify_ssl, status, the health fields
/// and dates; `signature_key` only when `with_key` is true.
std::string encode_webhook(const StoredWebhook& webhook, bool with_key);

/// Serves `/api/v1/webhook/` (GET, POST) and `/api/v1/webhook/{id}/` (GET, PUT, DELETE).
class FakeWebhooksApi final : public FakeResourceApi {
 public:
  /// Keeps references: both must outlive this object.
  FakeWebhooksApi(const FakeCloseServerOptions& options, FakeWebhookStore& store);

  std::optional<ApiAnswer> route(const RecordedRequest& request) const override;

 private:
  ApiAnswer list(const RecordedRequest& request) const;
  ApiAnswer create(const RecordedRequest& request) const;
  ApiAnswer fetch(const std::string& id) const;
  ApiAnswer update(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer remove(const std::string& id) const;

  const FakeCloseServerOptions& options_;
  FakeWebhookStore& store_;
};

}  // namespace closeio::testing::internal
