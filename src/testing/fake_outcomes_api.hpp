// What Close answers to an Outcomes API request: routing, validation, state changes.
// Transport-free (a RecordedRequest in, an ApiAnswer out) so HTTP concerns stay elsewhere.
#pragma once

#include <optional>
#include <string>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_api_support.hpp"
#include "testing/fake_outcome_store.hpp"

namespace closeio::testing::internal {

/// Serves `/api/v1/outcome/` and `/api/v1/outcome/{id}/` against a store.
class FakeOutcomesApi final : public FakeResourceApi {
 public:
  /// Keeps references: both must outlive this object.
  FakeOutcomesApi(const FakeCloseServerOptions& options, FakeOutcomeStore& store);

  std::optional<ApiAnswer> route(const RecordedRequest& request) const override;

 private:
  ApiAnswer list(const RecordedRequest& request) const;
  ApiAnswer create(const RecordedRequest& request) const;
  ApiAnswer fetch(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer update(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer remove(const std::string& id) const;

  const FakeCloseServerOptions& options_;
  FakeOutcomeStore& store_;
};

}  // namespace closeio::testing::internal
