#include "testing/fake_activity_events.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>
#include <vector>

#include "testing/fake_activity_json.hpp"

namespace closeio::testing::internal {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr const char* kCall = "activity.call";
constexpr const char* kMeeting = "activity.meeting";

// Keys every write rewrites; a change of only these is not worth an event.
bool is_bookkeeping(const std::string& key) {
  return key == "date_updated" || key == "updated_by" || key == "updated_by_name";
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

EventRecord record_of(const char* type, const std::string& id, const char* action,
                      const std::optional<std::string>& lead_id, const EventOrigin& origin) {
  EventRecord record;
  record.object_type = type;
  record.object_id = id;
  record.action = action;
  record.lead_id = lead_id;
  record.user_id = origin.user_id;
  record.request_id = origin.request_id;
  record.api_key_id = origin.api_key_id;
  record.meta = origin.meta;
  return record;
}

// An `updated` event from the API answers before and after; std::nullopt when nothing but
// bookkeeping changed.
std::optional<EventRecord> update_of(const char* type, const std::string& id,
                                     const std::optional<std::string>& lead_id,
                                     const std::string& before_text, const std::string& after_text,
                                     const EventOrigin& origin) {
  const OrderedJson before = OrderedJson::parse(before_text);
  OrderedJson after = OrderedJson::parse(after_text);
  std::vector<std::string> changed;
  OrderedJson previous = OrderedJson::object();
  bool substantive = false;
  for (const auto& [key, value] : after.items()) {
    const auto old = before.find(key);
    const OrderedJson old_value = old == before.end() ? OrderedJson(nullptr) : *old;
    if (old_value == value) continue;
    changed.push_back(key);
    substantive = substantive || !is_bookkeeping(key);
  }
  if (!substantive) return std::nullopt;
  std::sort(changed.begin(), changed.end());  // Close's examples list them sorted
  for (const std::string& key : changed) {
    const auto old = before.find(key);
    previous[key] = old == before.end() ? OrderedJson(nullptr) : *old;
  }
  EventRecord record = record_of(type, id, "updated", lead_id, origin);
  record.changed_fields = std::move(changed);
  record.previous_data = std::move(previous);
  record.data = std::move(after);
  return record;
}

bool call_ongoing(const std::optional<CallStatus>& status) {
  return status == CallStatus::created || status == CallStatus::in_progress;
}

}  // namespace

EventOrigin origin_of(const RecordedRequest& request, const FakeCloseServerOptions& options,
                      FakeEventLog& log) {
  EventOrigin origin;
  origin.request_id = log.new_request_id();
  origin.user_id = options.user_id;
  if (starts_with_ci(request.header("authorization"), "basic ")) {
    origin.api_key_id = options.api_key_id;
  }
  origin.meta = {{"request_method", request.method}, {"request_path", request.path}};
  return origin;
}

void record_call_created(FakeEventLog& log, const StoredCall& call, const EventOrigin& origin) {
  EventRecord record = record_of(kCall, call.call.id, "created", call.call.lead_id, origin);
  record.data = OrderedJson::parse(encode_call(call));
  log.append(std::move(record));
}

void record_call_updated(FakeEventLog& log, const StoredCall& before, const StoredCall& after,
                         const EventOrigin& origin) {
  const std::string after_text = encode_call(after);
  std::optional<EventRecord> update =
      update_of(kCall, after.call.id, after.call.lead_id, encode_call(before), after_text, origin);
  if (!update) return;
  log.append(std::move(*update));
  const char* action = nullptr;
  if (before.call.status == CallStatus::created && after.call.status == CallStatus::in_progress) {
    action = "answered";
  } else if (call_ongoing(before.call.status) && !call_ongoing(after.call.status)) {
    action = "completed";
  }
  if (action == nullptr) return;
  EventRecord record = record_of(kCall, after.call.id, action, after.call.lead_id, origin);
  record.data = OrderedJson::parse(after_text);
  log.append(std::move(record));
}

void record_call_deleted(FakeEventLog& log, const StoredCall& call, const EventOrigin& origin) {
  EventRecord record = record_of(kCall, call.call.id, "deleted", call.call.lead_id, origin);
  record.previous_data = OrderedJson::parse(encode_call(call));
  log.append(std::move(record));
}

void record_meeting_created(FakeEventLog& log, const StoredMeeting& meeting,
                            const EventOrigin& origin) {
  const std::string text = encode_meeting(meeting);
  EventRecord record =
      record_of(kMeeting, meeting.meeting.id, "created", meeting.meeting.lead_id, origin);
  record.data = OrderedJson::parse(text);
  log.append(std::move(record));
  if (meeting.meeting.status != MeetingStatus::upcoming) return;
  EventRecord scheduled =
      record_of(kMeeting, meeting.meeting.id, "scheduled", meeting.meeting.lead_id, origin);
  scheduled.data = OrderedJson::parse(text);
  log.append(std::move(scheduled));
}

void record_meeting_updated(FakeEventLog& log, const StoredMeeting& before,
                            const StoredMeeting& after, const EventOrigin& origin) {
  const std::string after_text = encode_meeting(after);
  std::optional<EventRecord> update = update_of(kMeeting, after.meeting.id, after.meeting.lead_id,
                                                encode_meeting(before), after_text, origin);
  if (!update) return;
  log.append(std::move(*update));
  if (before.meeting.status == after.meeting.status || !after.meeting.status) return;
  const char* action = nullptr;
  switch (*after.meeting.status) {
    case MeetingStatus::upcoming:
      action = "scheduled";
      break;
    case MeetingStatus::in_progress:
      action = "started";
      break;
    case MeetingStatus::completed:
      action = "completed";
      break;
    case MeetingStatus::canceled:
      action = "canceled";  // Close's spelling is unconfirmed (EVENTS.md §4); the status's
      break;
    default:
      return;
  }
  EventRecord record = record_of(kMeeting, after.meeting.id, action, after.meeting.lead_id, origin);
  record.data = OrderedJson::parse(after_text);
  log.append(std::move(record));
}

void record_meeting_deleted(FakeEventLog& log, const StoredMeeting& meeting,
                            const EventOrigin& origin) {
  EventRecord record =
      record_of(kMeeting, meeting.meeting.id, "deleted", meeting.meeting.lead_id, origin);
  record.previous_data = OrderedJson::parse(encode_meeting(meeting));
  log.append(std::move(record));
}

}  // namespace closeio::testing::internal
