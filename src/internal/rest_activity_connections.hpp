// The CallsConnection and MeetingsConnection over the shared REST core.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/calls_connection.hpp"
#include "closeio/meetings_connection.hpp"
#include "internal/rest_caller.hpp"
#include "internal/rest_resource.hpp"

namespace closeio::internal {

/// `lead_id`, `user_id`, `date_created__gt`, `date_created__lt` for the members `filter` sets,
/// percent-encoded (a timestamp's '+' becomes %2B: a bare '+' reads as a space).
QueryPairs activity_filter_query(const ActivityFilter& filter);

class RestCallsConnection final : public CallsConnection {
 public:
  explicit RestCallsConnection(std::shared_ptr<RestCaller> caller);

  Page<Call> list_page(const ActivityFilter& filter, const ListOptions& options,
                       const CallOptions& call) override;
  Call fetch(const std::string& id, const std::vector<std::string>& fields,
             const CallOptions& call) override;
  Call log(const CallLog& log, const CallOptions& call) override;
  Call set_outcome(const std::string& id, const std::string& outcome_id,
                   const CallOptions& call) override;
  Call clear_outcome(const std::string& id, const CallOptions& call) override;
  void remove(const std::string& id, const CallOptions& call) override;
  void remove_async(const std::string& call_id, const CallOptions& call,
                    std::function<void(AsyncResult<void>)> done) override;
  void list_page_async(const ActivityFilter& filter, const ListOptions& options,
                       const CallOptions& call,
                       std::function<void(AsyncResult<Page<Call>>)> done) override;
  void fetch_async(const std::string& id, const std::vector<std::string>& fields,
                   const CallOptions& call, std::function<void(AsyncResult<Call>)> done) override;
  void log_async(const CallLog& log, const CallOptions& call,
                 std::function<void(AsyncResult<Call>)> done) override;
  void set_outcome_async(const std::string& call_id, const std::string& outcome_id,
                         const CallOptions& call,
                         std::function<void(AsyncResult<Call>)> done) override;
  void clear_outcome_async(const std::string& call_id, const CallOptions& call,
                           std::function<void(AsyncResult<Call>)> done) override;
  std::optional<RateLimitInfo> rate_limit() const override;

 private:
  std::shared_ptr<RestCaller> caller_;
};

class RestMeetingsConnection final : public MeetingsConnection {
 public:
  explicit RestMeetingsConnection(std::shared_ptr<RestCaller> caller);

  Page<Meeting> list_page(const ActivityFilter& filter, const ListOptions& options,
                          const CallOptions& call) override;
  Meeting fetch(const std::string& id, const std::vector<std::string>& fields,
                const CallOptions& call) override;
  Meeting set_outcome(const std::string& id, const std::string& outcome_id,
                      const CallOptions& call) override;
  Meeting clear_outcome(const std::string& id, const CallOptions& call) override;
  void remove(const std::string& id, const CallOptions& call) override;
  void remove_async(const std::string& meeting_id, const CallOptions& call,
                    std::function<void(AsyncResult<void>)> done) override;
  void list_page_async(const ActivityFilter& filter, const ListOptions& options,
                       const CallOptions& call,
                       std::function<void(AsyncResult<Page<Meeting>>)> done) override;
  void fetch_async(const std::string& id, const std::vector<std::string>& fields,
                   const CallOptions& call,
                   std::function<void(AsyncResult<Meeting>)> done) override;
  void set_outcome_async(const std::string& meeting_id, const std::string& outcome_id,
                         const CallOptions& call,
                         std::function<void(AsyncResult<Meeting>)> done) override;
  void clear_outcome_async(const std::string& meeting_id, const CallOptions& call,
                           std::function<void(AsyncResult<Meeting>)> done) override;
  std::optional<RateLimitInfo> rate_limit() const override;

 private:
  std::shared_ptr<RestCaller> caller_;
};

}  // namespace closeio::internal
