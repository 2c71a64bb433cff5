// What Close answers to the Call and Meeting activity endpoints: routing, list filters,
// validation (outcome_id checked against the outcomes), state changes.
#pragma once

#include <optional>
#include <string>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_activity_store.hpp"
#include "testing/fake_api_support.hpp"
#include "testing/fake_event_log.hpp"
#include "testing/fake_outcome_store.hpp"

namespace closeio::testing::internal {

/// Serves `/api/v1/activity/call/` (GET, POST), `/api/v1/activity/call/{id}/` (GET, PUT, DELETE),
/// `/api/v1/activity/meeting/` (GET) and `/api/v1/activity/meeting/{id}/` (GET, PUT, DELETE).
class FakeActivitiesApi final : public FakeResourceApi {
 public:
  /// Keeps references: all four must outlive this object. `outcomes` is only read; every
  /// change of a call or meeting is recorded in `events`.
  FakeActivitiesApi(const FakeCloseServerOptions& options, FakeActivityStore& store,
                    const FakeOutcomeStore& outcomes, FakeEventLog& events);

  std::optional<ApiAnswer> route(const RecordedRequest& request) const override;

 private:
  ApiAnswer list_calls(const RecordedRequest& request) const;
  ApiAnswer list_meetings(const RecordedRequest& request) const;
  ApiAnswer log_call(const RecordedRequest& request) const;
  ApiAnswer fetch_call(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer fetch_meeting(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer update_call(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer update_meeting(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer remove_call(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer remove_meeting(const RecordedRequest& request, const std::string& id) const;
  /// Why `outcome_id` cannot go on a call (or a meeting); std::nullopt when it can.
  std::optional<std::string> outcome_problem(const std::string& outcome_id, bool on_meeting) const;

  const FakeCloseServerOptions& options_;
  FakeActivityStore& store_;
  const FakeOutcomeStore& outcomes_;
  FakeEventLog& events_;
};

}  // namespace closeio::testing::internal
