// What Close answers to the lead endpoints, minimally: enough of `/lead/` for raw requests
// (closeio::RawClient) to have a resource beyond the typed ones.
#pragma once

#include <optional>
#include <string>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_api_support.hpp"
#include "testing/fake_lead_store.hpp"

namespace closeio::testing::internal {

/// Serves `/api/v1/lead/` (GET, POST) and `/api/v1/lead/{id}/` (GET, PUT, DELETE).
class FakeLeadsApi final : public FakeResourceApi {
 public:
  /// Keeps references: both must outlive this object.
  FakeLeadsApi(const FakeCloseServerOptions& options, FakeLeadStore& store);

  std::optional<ApiAnswer> route(const RecordedRequest& request) const override;

 private:
  ApiAnswer list(const RecordedRequest& request) const;
  ApiAnswer create(const RecordedRequest& request) const;
  ApiAnswer fetch(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer update(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer remove(const std::string& id) const;

  const FakeCloseServerOptions& options_;
  FakeLeadStore& store_;
};

}  // namespace closeio::testing::internal
