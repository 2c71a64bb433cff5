#include "internal/rest_activity_connections.hpp"

#include <utility>

#include "closeio/timestamp.hpp"
#include "internal/argument_checks.hpp"
#include "internal/async_bridge.hpp"
#include "internal/session_access.hpp"
#include "internal/unimplemented.hpp"
#include "internal/url.hpp"

namespace closeio::internal {
namespace {

constexpr std::string_view kCalls = "activity/call/";
constexpr std::string_view kMeetings = "activity/meeting/";

// PUT {"outcome_id": ...} to one activity; the answer is the whole activity.
template <class T>
T assign_outcome(RestCaller& caller, std::string_view collection, const std::string& id,
                 std::string_view what, const std::optional<std::string>& outcome_id,
                 const CallOptions& call) {
  std::string path = item_path(collection, id, what);
  return write_item<T>(caller, "PUT", std::move(path), encode_outcome_assignment(outcome_id), call);
}

template <class T>
Page<T> list_activities(RestCaller& caller, std::string_view collection,
                        const ActivityFilter& filter, const ListOptions& options,
                        const CallOptions& call) {
  require_valid_list_options(options);
  require_valid_filter(filter);
  return list_items<T>(caller, collection, activity_filter_query(filter), options, call);
}

template <class T>
RestPlan<Page<T>> list_activities_plan(std::string_view collection, const ActivityFilter& filter,
                                       const ListOptions& options) {
  require_valid_list_options(options);
  require_valid_filter(filter);
  return list_plan<T>(collection, activity_filter_query(filter), options);
}

template <class T>
RestPlan<T> assign_outcome_plan(std::string_view collection, const std::string& id,
                                std::string_view what,
                                const std::optional<std::string>& outcome_id) {
  return write_plan<T>("PUT", item_path(collection, id, what),
                       encode_outcome_assignment(outcome_id));
}

// Like an outcome's delete: 200 with `{}` or 204 with nothing; RestCaller treats the 404 of a
// retry after an attempt that may have deleted the activity as done.
RestPlan<void> remove_activity_plan(std::string_view collection, const std::string& id,
                                    std::string_view what) {
  return RestPlan<void>{RestRequest{"DELETE", item_path(collection, id, what), "", std::nullopt},
                        [](const std::string& body) { check_delete_body(body); }};
}

void remove_activity(RestCaller& caller, std::string_view collection, const std::string& id,
                     std::string_view what, const CallOptions& call) {
  RestPlan<void> plan = remove_activity_plan(collection, id, what);
  caller.send_and_decode(plan.request, call, std::move(plan.decode));
}

}  // namespace

QueryPairs activity_filter_query(const ActivityFilter& filter) {
  QueryPairs query;
  if (!filter.lead_id.empty()) query.emplace_back("lead_id", percent_encode(filter.lead_id));
  if (!filter.user_id.empty()) query.emplace_back("user_id", percent_encode(filter.user_id));
  if (filter.created_after) {
    query.emplace_back("date_created__gt", percent_encode(format_timestamp(*filter.created_after)));
  }
  if (filter.created_before) {
    query.emplace_back("date_created__lt",
                       percent_encode(format_timestamp(*filter.created_before)));
  }
  return query;
}

RestCallsConnection::RestCallsConnection(std::shared_ptr<RestCaller> caller)
    : caller_(std::move(caller)) {}

Page<Call> RestCallsConnection::list_page(const ActivityFilter& filter, const ListOptions& options,
                                          const CallOptions& call) {
  return list_activities<Call>(*caller_, kCalls, filter, options, call);
}

Call RestCallsConnection::fetch(const std::string& id, const std::vector<std::string>& fields,
                                const CallOptions& call) {
  return fetch_item<Call>(*caller_, item_path(kCalls, id, "call id"), fields, call);
}

Call RestCallsConnection::log(const CallLog& log, const CallOptions& call) {
  // Close answers 200 (not 201) with the new call; any 2xx is accepted.
  return write_item<Call>(*caller_, "POST", std::string(kCalls), encode_call_log(log), call);
}

Call RestCallsConnection::set_outcome(const std::string& id, const std::string& outcome_id,
                                      const CallOptions& call) {
  return assign_outcome<Call>(*caller_, kCalls, id, "call id", outcome_id, call);
}

Call RestCallsConnection::clear_outcome(const std::string& id, const CallOptions& call) {
  return assign_outcome<Call>(*caller_, kCalls, id, "call id", std::nullopt, call);
}

void RestCallsConnection::remove(const std::string& id, const CallOptions& call) {
  remove_activity(*caller_, kCalls, id, "call id", call);
}

void RestCallsConnection::list_page_async(const ActivityFilter& filter, const ListOptions& options,
                                          const CallOptions& call,
                                          std::function<void(AsyncResult<Page<Call>>)> done) {
  run_plan_async<Page<Call>>(
      *caller_, [&] { return list_activities_plan<Call>(kCalls, filter, options); }, call,
      std::move(done));
}

void RestCallsConnection::fetch_async(const std::string& id, const std::vector<std::string>& fields,
                                      const CallOptions& call,
                                      std::function<void(AsyncResult<Call>)> done) {
  run_plan_async<Call>(
      *caller_, [&] { return fetch_plan<Call>(item_path(kCalls, id, "call id"), fields); }, call,
      std::move(done));
}

void RestCallsConnection::log_async(const CallLog& log, const CallOptions& call,
                                    std::function<void(AsyncResult<Call>)> done) {
  run_plan_async<Call>(
      *caller_, [&] { return write_plan<Call>("POST", std::string(kCalls), encode_call_log(log)); },
      call, std::move(done));
}

void RestCallsConnection::set_outcome_async(const std::string& call_id,
                                            const std::string& outcome_id, const CallOptions& call,
                                            std::function<void(AsyncResult<Call>)> done) {
  run_plan_async<Call>(
      *caller_, [&] { return assign_outcome_plan<Call>(kCalls, call_id, "call id", outcome_id); },
      call, std::move(done));
}

void RestCallsConnection::clear_outcome_async(const std::string& call_id, const CallOptions& call,
                                              std::function<void(AsyncResult<Call>)> done) {
  run_plan_async<Call>(
      *caller_, [&] { return assign_outcome_plan<Call>(kCalls, call_id, "call id", std::nullopt); },
      call, std::move(done));
}

void RestCallsConnection::remove_async(const std::string& call_id, const CallOptions& call,
                                       std::function<void(AsyncResult<void>)> done) {
  run_plan_async<void>(
      *caller_, [&] { return remove_activity_plan(kCalls, call_id, "call id"); }, call,
      std::move(done));
}

std::optional<RateLimitInfo> RestCallsConnection::rate_limit() const {
  return caller_->rate_limit();
}

RestMeetingsConnection::RestMeetingsConnection(std::shared_ptr<RestCaller> caller)
    : caller_(std::move(caller)) {}

Page<Meeting> RestMeetingsConnection::list_page(const ActivityFilter& filter,
                                                const ListOptions& options,
                                                const CallOptions& call) {
  return list_activities<Meeting>(*caller_, kMeetings, filter, options, call);
}

Meeting RestMeetingsConnection::fetch(const std::string& id, const std::vector<std::string>& fields,
                                      const CallOptions& call) {
  return fetch_item<Meeting>(*caller_, item_path(kMeetings, id, "meeting id"), fields, call);
}

Meeting RestMeetingsConnection::set_outcome(const std::string& id, const std::string& outcome_id,
                                            const CallOptions& call) {
  return assign_outcome<Meeting>(*caller_, kMeetings, id, "meeting id", outcome_id, call);
}

Meeting RestMeetingsConnection::clear_outcome(const std::string& id, const CallOptions& call) {
  return assign_outcome<Meeting>(*caller_, kMeetings, id, "meeting id", std::nullopt, call);
}

void RestMeetingsConnection::remove(const std::string& id, const CallOptions& call) {
  remove_activity(*caller_, kMeetings, id, "meeting id", call);
}

void RestMeetingsConnection::list_page_async(const ActivityFilter& filter,
                                             const ListOptions& options, const CallOptions& call,
                                             std::function<void(AsyncResult<Page<Meeting>>)> done) {
  run_plan_async<Page<Meeting>>(
      *caller_, [&] { return list_activities_plan<Meeting>(kMeetings, filter, options); }, call,
      std::move(done));
}

void RestMeetingsConnection::fetch_async(const std::string& id,
                                         const std::vector<std::string>& fields,
                                         const CallOptions& call,
                                         std::function<void(AsyncResult<Meeting>)> done) {
  run_plan_async<Meeting>(
      *caller_, [&] { return fetch_plan<Meeting>(item_path(kMeetings, id, "meeting id"), fields); },
      call, std::move(done));
}

void RestMeetingsConnection::set_outcome_async(const std::string& meeting_id,
                                               const std::string& outcome_id,
                                               const CallOptions& call,
                                               std::function<void(AsyncResult<Meeting>)> done) {
  run_plan_async<Meeting>(
      *caller_,
      [&] { return assign_outcome_plan<Meeting>(kMeetings, meeting_id, "meeting id", outcome_id); },
      call, std::move(done));
}

void RestMeetingsConnection::clear_outcome_async(const std::string& meeting_id,
                                                 const CallOptions& call,
                                                 std::function<void(AsyncResult<Meeting>)> done) {
  run_plan_async<Meeting>(
      *caller_,
      [&] {
        return assign_outcome_plan<Meeting>(kMeetings, meeting_id, "meeting id", std::nullopt);
      },
      call, std::move(done));
}

void RestMeetingsConnection::remove_async(const std::string& meeting_id, const CallOptions& call,
                                          std::function<void(AsyncResult<void>)> done) {
  run_plan_async<void>(
      *caller_, [&] { return remove_activity_plan(kMeetings, meeting_id, "meeting id"); }, call,
      std::move(done));
}

std::optional<RateLimitInfo> RestMeetingsConnection::rate_limit() const {
  return caller_->rate_limit();
}

}  // namespace closeio::internal

namespace closeio {

using internal::throw_unimplemented;

CallsConnection::~CallsConnection() = default;
Page<Call> CallsConnection::list_page(const ActivityFilter& /*unused*/,
                                      const ListOptions& /*unused*/,
                                      const CallOptions& /*unused*/) {
  throw_unimplemented("CallsConnection", "list_page()");
}
Call CallsConnection::fetch(const std::string& /*unused*/,
                            const std::vector<std::string>& /*unused*/,
                            const CallOptions& /*unused*/) {
  throw_unimplemented("CallsConnection", "fetch()");
}
Call CallsConnection::log(const CallLog& /*unused*/, const CallOptions& /*unused*/) {
  throw_unimplemented("CallsConnection", "log()");
}
Call CallsConnection::set_outcome(const std::string& /*unused*/, const std::string& /*unused*/,
                                  const CallOptions& /*unused*/) {
  throw_unimplemented("CallsConnection", "set_outcome()");
}
Call CallsConnection::clear_outcome(const std::string& /*unused*/, const CallOptions& /*unused*/) {
  throw_unimplemented("CallsConnection", "clear_outcome()");
}
void CallsConnection::remove(const std::string& /*unused*/, const CallOptions& /*unused*/) {
  throw_unimplemented("CallsConnection", "remove()");
}
void CallsConnection::list_page_async(const ActivityFilter& filter, const ListOptions& options,
                                      const CallOptions& call,
                                      std::function<void(AsyncResult<Page<Call>>)> done) {
  internal::complete_now<Page<Call>>(std::move(done),
                                     [&] { return this->list_page(filter, options, call); });
}
void CallsConnection::fetch_async(const std::string& id, const std::vector<std::string>& fields,
                                  const CallOptions& call,
                                  std::function<void(AsyncResult<Call>)> done) {
  internal::complete_now<Call>(std::move(done), [&] { return this->fetch(id, fields, call); });
}
void CallsConnection::log_async(const CallLog& log, const CallOptions& call,
                                std::function<void(AsyncResult<Call>)> done) {
  internal::complete_now<Call>(std::move(done), [&] { return this->log(log, call); });
}
void CallsConnection::set_outcome_async(const std::string& call_id, const std::string& outcome_id,
                                        const CallOptions& call,
                                        std::function<void(AsyncResult<Call>)> done) {
  internal::complete_now<Call>(std::move(done),
                               [&] { return this->set_outcome(call_id, outcome_id, call); });
}
void CallsConnection::clear_outcome_async(const std::string& call_id, const CallOptions& call,
                                          std::function<void(AsyncResult<Call>)> done) {
  internal::complete_now<Call>(std::move(done), [&] { return this->clear_outcome(call_id, call); });
}
void CallsConnection::remove_async(const std::string& call_id, const CallOptions& call,
                                   std::function<void(AsyncResult<void>)> done) {
  internal::complete_now<void>(std::move(done), [&] { this->remove(call_id, call); });
}
std::optional<RateLimitInfo> CallsConnection::rate_limit() const { return std::nullopt; }

MeetingsConnection::~MeetingsConnection() = default;
Page<Meeting> MeetingsConnection::list_page(const ActivityFilter& /*unused*/,
                                            const ListOptions& /*unused*/,
                                            const CallOptions& /*unused*/) {
  throw_unimplemented("MeetingsConnection", "list_page()");
}
Meeting MeetingsConnection::fetch(const std::string& /*unused*/,
                                  const std::vector<std::string>& /*unused*/,
                                  const CallOptions& /*unused*/) {
  throw_unimplemented("MeetingsConnection", "fetch()");
}
Meeting MeetingsConnection::set_outcome(const std::string& /*unused*/,
                                        const std::string& /*unused*/,
                                        const CallOptions& /*unused*/) {
  throw_unimplemented("MeetingsConnection", "set_outcome()");
}
Meeting MeetingsConnection::clear_outcome(const std::string& /*unused*/,
                                          const CallOptions& /*unused*/) {
  throw_unimplemented("MeetingsConnection", "clear_outcome()");
}
void MeetingsConnection::remove(const std::string& /*unused*/, const CallOptions& /*unused*/) {
  throw_unimplemented("MeetingsConnection", "remove()");
}
void MeetingsConnection::list_page_async(const ActivityFilter& filter, const ListOptions& options,
                                         const CallOptions& call,
                                         std::function<void(AsyncResult<Page<Meeting>>)> done) {
  internal::complete_now<Page<Meeting>>(std::move(done),
                                        [&] { return this->list_page(filter, options, call); });
}
void MeetingsConnection::fetch_async(const std::string& id, const std::vector<std::string>& fields,
                                     const CallOptions& call,
                                     std::function<void(AsyncResult<Meeting>)> done) {
  internal::complete_now<Meeting>(std::move(done), [&] { return this->fetch(id, fields, call); });
}
void MeetingsConnection::set_outcome_async(const std::string& meeting_id,
                                           const std::string& outcome_id, const CallOptions& call,
                                           std::function<void(AsyncResult<Meeting>)> done) {
  internal::complete_now<Meeting>(std::move(done),
                                  [&] { return this->set_outcome(meeting_id, outcome_id, call); });
}
void MeetingsConnection::clear_outcome_async(const std::string& meeting_id, const CallOptions& call,
                                             std::function<void(AsyncResult<Meeting>)> done) {
  internal::complete_now<Meeting>(std::move(done),
                                  [&] { return this->clear_outcome(meeting_id, call); });
}
void MeetingsConnection::remove_async(const std::string& meeting_id, const CallOptions& call,
                                      std::function<void(AsyncResult<void>)> done) {
  internal::complete_now<void>(std::move(done), [&] { this->remove(meeting_id, call); });
}
std::optional<RateLimitInfo> MeetingsConnection::rate_limit() const { return std::nullopt; }

std::shared_ptr<CallsConnection> make_calls_connection(ClientOptions options) {
  return make_calls_connection(Session(std::move(options)));
}
std::shared_ptr<CallsConnection> make_calls_connection(const Session& session) {
  return std::make_shared<internal::RestCallsConnection>(internal::SessionAccess::core(session));
}
std::shared_ptr<MeetingsConnection> make_meetings_connection(ClientOptions options) {
  return make_meetings_connection(Session(std::move(options)));
}
std::shared_ptr<MeetingsConnection> make_meetings_connection(const Session& session) {
  return std::make_shared<internal::RestMeetingsConnection>(internal::SessionAccess::core(session));
}

}  // namespace closeio
