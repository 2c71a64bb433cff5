// What Close answers to the Event Log endpoints: `GET /event/` with its filters, the
// combinations of them Close allows, `_limit` and opaque cursors; `GET /event/{id}/`.
#pragma once

#include <optional>
#include <string>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_api_support.hpp"
#include "testing/fake_event_log.hpp"

namespace closeio::testing::internal {

/// Serves `/api/v1/event/` and `/api/v1/event/{id}/` (GET, HEAD).
class FakeEventsApi final : public FakeResourceApi {
 public:
  /// Keeps a reference: `log` must outlive this object.
  explicit FakeEventsApi(const FakeEventLog& log);

  std::optional<ApiAnswer> route(const RecordedRequest& request) const override;

 private:
  ApiAnswer list(const RecordedRequest& request) const;
  ApiAnswer fetch(const std::string& id) const;

  const FakeEventLog& log_;
};

}  // namespace closeio::testing::internal
