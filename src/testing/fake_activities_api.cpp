#include "testing/fake_activities_api.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "testing/fake_activity_events.hpp"
#include "testing/fake_activity_json.hpp"
#include "testing/fake_activity_records.hpp"
#include "testing/fake_activity_validation.hpp"
#include "testing/fake_iso_date.hpp"

namespace closeio::testing::internal {
namespace {

constexpr std::string_view kCallsPath = "/api/v1/activity/call/";
constexpr std::string_view kMeetingsPath = "/api/v1/activity/meeting/";

constexpr std::string_view kCallNotFound = "Empty query: Call matching query does not exist.";
constexpr std::string_view kMeetingNotFound = "Empty query: Meeting matching query does not exist.";
constexpr const char* kUnknownOutcome = "Outcome matching query does not exist.";
constexpr const char* kDeletedOutcome = "This outcome has been deleted and can no longer be set.";
constexpr const char* kNotForMeetings = "This outcome does not apply to meetings.";
constexpr const char* kNotChangeable =
    "Cannot be changed on a call made through Close's VoIP system.";
constexpr const char* kBadDate =
    "Not a valid ISO 8601 datetime or date (in a query string, send the offset's '+' as %2B).";

bool is_read(const RecordedRequest& request) {
  return request.method == "GET" || request.method == "HEAD";
}

ApiAnswer field_error(const std::string& field, const std::string& message) {
  return answer(400, field_error_body(field, message));
}

// "a,b" -> {"a", "b"}, empty items dropped.
std::vector<std::string> id_list(const std::string& text) {
  std::vector<std::string> ids;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string id = text.substr(start, end - start);
    if (!id.empty()) ids.push_back(std::move(id));
    start = end + 1;
  }
  return ids;
}

// The filters of a list request, or the 400 answer for a date filter that is not ISO 8601.
std::optional<ActivityQuery> parse_query(const RecordedRequest& request, ApiAnswer& bad_request) {
  ActivityQuery query;
  const std::pair<const char*, std::vector<std::string>*> lists[] = {
      {"id__in", &query.ids},
      {"lead_id", &query.lead_ids},
      {"user_id", &query.user_ids},
      {"contact_id", &query.contact_ids}};
  for (const auto& [name, out] : lists) {
    if (const std::string* text = query_value(request, name)) *out = id_list(*text);
  }
  // X-TZ-Offset says how to read dates without an offset (hours from UTC).
  const std::chrono::minutes offset =
      parse_tz_offset_header(request.header("x-tz-offset")).value_or(std::chrono::minutes(0));
  const std::pair<const char*, std::optional<Timestamp>*> bounds[] = {
      {"date_created__gt", &query.date_created.gt}, {"date_created__gte", &query.date_created.gte},
      {"date_created__lt", &query.date_created.lt}, {"date_created__lte", &query.date_created.lte},
      {"activity_at__gt", &query.activity_at.gt},   {"activity_at__gte", &query.activity_at.gte},
      {"activity_at__lt", &query.activity_at.lt},   {"activity_at__lte", &query.activity_at.lte}};
  for (const auto& [name, out] : bounds) {
    const std::string* text = query_value(request, name);
    if (text == nullptr) continue;
    *out = parse_iso_date_or_time(*text, offset);
    if (!*out) {
      bad_request = field_error(name, kBadDate);
      return std::nullopt;
    }
  }
  return query;
}

}  // namespace

FakeActivitiesApi::FakeActivitiesApi(const FakeCloseServerOptions& options,
                                     FakeActivityStore& store, const FakeOutcomeStore& outcomes,
                                     FakeEventLog& events)
    : options_(options), store_(store), outcomes_(outcomes), events_(events) {}

std::optional<ApiAnswer> FakeActivitiesApi::route(const RecordedRequest& request) const {
  if (request.path == kCallsPath) {
    if (is_read(request)) return list_calls(request);
    if (request.method == "POST") return log_call(request);
    return method_not_allowed("GET, HEAD, POST");
  }
  if (std::optional<std::string> id = item_id(request.path, kCallsPath)) {
    if (is_read(request)) return fetch_call(request, *id);
    if (request.method == "PUT") return update_call(request, *id);
    if (request.method == "DELETE") return remove_call(request, *id);
    return method_not_allowed("GET, HEAD, PUT, DELETE");
  }
  if (request.path == kMeetingsPath) {
    // Meetings come from calendars; Close's API cannot create them.
    if (is_read(request)) return list_meetings(request);
    return method_not_allowed("GET, HEAD");
  }
  if (std::optional<std::string> id = item_id(request.path, kMeetingsPath)) {
    if (is_read(request)) return fetch_meeting(request, *id);
    if (request.method == "PUT") return update_meeting(request, *id);
    if (request.method == "DELETE") return remove_meeting(request, *id);
    return method_not_allowed("GET, HEAD, PUT, DELETE");
  }
  return std::nullopt;
}

ApiAnswer FakeActivitiesApi::list_calls(const RecordedRequest& request) const {
  ApiAnswer bad_request;
  std::optional<Paging> paging = parse_paging(request, options_.max_limit, bad_request);
  if (!paging) return bad_request;
  std::optional<ActivityQuery> query = parse_query(request, bad_request);
  if (!query) return bad_request;
  return answer(200, encode_page(store_.calls(*query, paging->skip, paging->limit),
                                 field_selection(request)));
}

ApiAnswer FakeActivitiesApi::list_meetings(const RecordedRequest& request) const {
  ApiAnswer bad_request;
  std::optional<Paging> paging = parse_paging(request, options_.max_limit, bad_request);
  if (!paging) return bad_request;
  std::optional<ActivityQuery> query = parse_query(request, bad_request);
  if (!query) return bad_request;
  return answer(200, encode_page(store_.meetings(*query, paging->skip, paging->limit),
                                 field_selection(request)));
}

ApiAnswer FakeActivitiesApi::log_call(const RecordedRequest& request) const {
  Validated<CallChanges> body = validate_call_log(
      request.body, [this](const std::string& id) { return outcome_problem(id, false); });
  if (!body.value) return answer(400, std::move(body.error_body));
  const StoredCall stored = store_.add_call(new_call(*body.value, options_, now_utc()));
  record_call_created(events_, stored, origin_of(request, options_, events_));
  ApiAnswer result = answer(200, encode_call(stored));  // Close answers 200, not 201
  result.created = true;
  result.wrote = true;
  return result;
}

ApiAnswer FakeActivitiesApi::fetch_call(const RecordedRequest& request,
                                        const std::string& id) const {
  std::optional<StoredCall> call = store_.find_call(id);
  if (!call) return answer(404, error_body(kCallNotFound));
  return answer(200, encode_call(*call, field_selection(request)));
}

ApiAnswer FakeActivitiesApi::fetch_meeting(const RecordedRequest& request,
                                           const std::string& id) const {
  std::optional<StoredMeeting> meeting = store_.find_meeting(id);
  if (!meeting) return answer(404, error_body(kMeetingNotFound));
  return answer(200, encode_meeting(*meeting, field_selection(request)));
}

ApiAnswer FakeActivitiesApi::update_call(const RecordedRequest& request,
                                         const std::string& id) const {
  // Close looks the object up before it validates the changes.
  std::optional<StoredCall> existing = store_.find_call(id);
  if (!existing) return answer(404, error_body(kCallNotFound));
  Validated<CallChanges> body = validate_call_update(
      request.body, [this](const std::string& outcome) { return outcome_problem(outcome, false); });
  if (!body.value) return answer(400, std::move(body.error_body));
  if (existing->source == "Close.io") {
    if (body.value->status.sent) return field_error("status", kNotChangeable);
    if (body.value->duration.sent) return field_error("duration", kNotChangeable);
  }
  const Timestamp now = now_utc();
  std::optional<StoredCall> before;
  std::optional<StoredCall> updated = store_.update_call(id, [&](StoredCall& call) {
    before = call;
    apply_call_update(*body.value, options_, now, call);
  });
  if (!updated) return answer(404, error_body(kCallNotFound));
  record_call_updated(events_, *before, *updated, origin_of(request, options_, events_));
  ApiAnswer result = answer(200, encode_call(*updated));
  result.wrote = true;
  return result;
}

ApiAnswer FakeActivitiesApi::update_meeting(const RecordedRequest& request,
                                            const std::string& id) const {
  if (!store_.find_meeting(id)) return answer(404, error_body(kMeetingNotFound));
  Validated<MeetingChanges> body = validate_meeting_update(
      request.body, [this](const std::string& outcome) { return outcome_problem(outcome, true); });
  if (!body.value) return answer(400, std::move(body.error_body));
  const Timestamp now = now_utc();
  std::optional<StoredMeeting> before;
  std::optional<StoredMeeting> updated = store_.update_meeting(id, [&](StoredMeeting& meeting) {
    before = meeting;
    apply_meeting_update(*body.value, options_, now, meeting);
  });
  if (!updated) return answer(404, error_body(kMeetingNotFound));
  record_meeting_updated(events_, *before, *updated, origin_of(request, options_, events_));
  ApiAnswer result = answer(200, encode_meeting(*updated));
  result.wrote = true;
  return result;
}

ApiAnswer FakeActivitiesApi::remove_call(const RecordedRequest& request,
                                         const std::string& id) const {
  const std::optional<StoredCall> removed = store_.remove_call(id);
  if (!removed) return answer(404, error_body(kCallNotFound));
  record_call_deleted(events_, *removed, origin_of(request, options_, events_));
  ApiAnswer result = answer(200, "{}");
  result.wrote = true;
  return result;
}

ApiAnswer FakeActivitiesApi::remove_meeting(const RecordedRequest& request,
                                            const std::string& id) const {
  const std::optional<StoredMeeting> removed = store_.remove_meeting(id);
  if (!removed) return answer(404, error_body(kMeetingNotFound));
  record_meeting_deleted(events_, *removed, origin_of(request, options_, events_));
  ApiAnswer result = answer(200, "{}");
  result.wrote = true;
  return result;
}

std::optional<std::string> FakeActivitiesApi::outcome_problem(const std::string& outcome_id,
                                                              bool on_meeting) const {
  // Assumed, not documented by Close: its usual validation error for each case (FACTS.md).
  if (std::optional<Outcome> outcome = outcomes_.find(outcome_id)) {
    const bool applies =
        std::find(outcome->applies_to.begin(), outcome->applies_to.end(),
                  on_meeting ? AppliesTo::meetings : AppliesTo::calls) != outcome->applies_to.end();
    if (!applies)
      return std::string(on_meeting ? kNotForMeetings : "This outcome does not apply to calls.");
    return std::nullopt;
  }
  if (outcomes_.was_deleted(outcome_id)) return std::string(kDeletedOutcome);
  return std::string(kUnknownOutcome);
}

}  // namespace closeio::testing::internal
