#include "testing/fake_activity_json.hpp"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <utility>

#include "testing/fake_json_support.hpp"
#include "testing/fake_outcome_json.hpp"

namespace closeio::testing::internal {
namespace {

using OrderedJson = nlohmann::ordered_json;  // keeps a stable, Close-like key order in the output

template <typename Enum>
struct WireName {
  Enum value;
  std::string_view name;
};

constexpr WireName<CallDirection> kDirections[] = {{CallDirection::inbound, "inbound"},
                                                   {CallDirection::outbound, "outbound"}};
constexpr WireName<CallStatus> kCallStatuses[] = {
    {CallStatus::created, "created"},     {CallStatus::in_progress, "in-progress"},
    {CallStatus::completed, "completed"}, {CallStatus::cancel, "cancel"},
    {CallStatus::no_answer, "no-answer"}, {CallStatus::busy, "busy"},
    {CallStatus::failed, "failed"},       {CallStatus::timeout, "timeout"}};
constexpr WireName<CallDisposition> kDispositions[] = {
    {CallDisposition::answered, "answered"},   {CallDisposition::no_answer, "no-answer"},
    {CallDisposition::vm_answer, "vm-answer"}, {CallDisposition::vm_left, "vm-left"},
    {CallDisposition::busy, "busy"},           {CallDisposition::blocked, "blocked"},
    {CallDisposition::error, "error"},         {CallDisposition::abandoned, "abandoned"}};
constexpr WireName<MeetingStatus> kMeetingStatuses[] = {
    {MeetingStatus::upcoming, "upcoming"},
    {MeetingStatus::in_progress, "in-progress"},
    {MeetingStatus::completed, "completed"},
    {MeetingStatus::canceled, "canceled"},
    {MeetingStatus::declined_by_lead, "declined-by-lead"},
    {MeetingStatus::declined_by_org, "declined-by-org"}};

template <typename Enum, std::size_t N>
std::string_view name_in(const WireName<Enum> (&table)[N], Enum value, std::string_view fallback) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return fallback;
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_in(const WireName<Enum> (&table)[N], std::string_view wire) {
  for (const auto& entry : table) {
    if (entry.name == wire) return entry.value;
  }
  return std::nullopt;
}

OrderedJson optional_time(const std::optional<Timestamp>& value) {
  return value ? OrderedJson(format_close_timestamp(*value)) : OrderedJson(nullptr);
}

template <typename T, typename F>
OrderedJson optional_of(const std::optional<T>& value, F&& convert) {
  return value ? OrderedJson(convert(*value)) : OrderedJson(nullptr);
}

OrderedJson strings(const std::optional<std::string>& only) {
  OrderedJson list = OrderedJson::array();
  if (only) list.push_back(*only);
  return list;
}

OrderedJson select(OrderedJson all, const FieldSelection& fields) {
  if (!fields) return all;
  OrderedJson selected = OrderedJson::object();
  for (const auto& [key, value] : all.items()) {
    if (std::find(fields->begin(), fields->end(), key) != fields->end()) selected[key] = value;
  }
  return selected;
}

OrderedJson call_json(const StoredCall& stored, const FieldSelection& fields) {
  const Call& call = stored.call;
  const bool external = stored.source == "External";
  OrderedJson all = {
      {"_type", "Call"},
      {"id", call.id},
      {"organization_id", call.organization_id},
      {"lead_id", optional_string(call.lead_id)},
      {"contact_id", optional_string(call.contact_id)},
      {"user_id", optional_string(call.user_id)},
      {"users", OrderedJson::array()},  // as in Close's examples of a call
      {"created_by", optional_string(stored.created_by)},
      {"updated_by", optional_string(stored.updated_by)},
      {"outcome_id", optional_string(call.outcome_id)},
      {"direction", optional_of(call.direction, [](CallDirection d) { return wire_name(d); })},
      {"status", wire_name(call.status)},
      {"disposition",
       optional_of(call.disposition, [](CallDisposition d) { return wire_name(d); })},
      {"duration", optional_of(call.duration, [](std::chrono::seconds s) { return s.count(); })},
      {"phone", optional_string(call.phone)},
      {"remote_phone", optional_string(call.phone)},
      {"note", optional_string(call.note)},
      {"note_html", stored.note_html},
      {"source", stored.source},
      {"call_method", external ? "external" : "regular"},
      {"recording_url", optional_string(stored.recording_url)},
      {"voicemail_url", optional_string(stored.voicemail_url)},
      {"voicemail_duration", nullptr},
      {"dialer_id", nullptr},
      {"date_created", format_close_timestamp(call.date_created)},
      {"date_updated", format_close_timestamp(call.date_updated)},
      {"activity_at", optional_time(call.activity_at)},
  };
  return select(std::move(all), fields);
}

OrderedJson attendees_of(const StoredMeeting& stored) {
  OrderedJson attendees = OrderedJson::array();
  if (stored.meeting.user_id) {
    attendees.push_back({{"contact_id", nullptr},
                         {"email", nullptr},
                         {"is_organizer", true},
                         {"name", nullptr},
                         {"status", "yes"},
                         {"user_id", *stored.meeting.user_id}});
  }
  if (stored.contact_id) {
    attendees.push_back({{"contact_id", *stored.contact_id},
                         {"email", nullptr},
                         {"is_organizer", false},
                         {"name", nullptr},
                         {"status", "noreply"},
                         {"user_id", nullptr}});
  }
  return attendees;
}

OrderedJson meeting_json(const StoredMeeting& stored, const FieldSelection& fields) {
  const Meeting& meeting = stored.meeting;
  const auto duration =
      std::chrono::duration_cast<std::chrono::seconds>(meeting.ends_at - meeting.starts_at);
  const bool completed = meeting.status == MeetingStatus::completed;
  // A calendar event id derived from the activity id: stable, and unique like the id.
  const std::string event_uid =
      "evt" + meeting.id.substr(std::min<std::size_t>(5, meeting.id.size()), 26);
  OrderedJson all = {
      {"_type", "Meeting"},
      {"id", meeting.id},
      {"organization_id", meeting.organization_id},
      {"lead_id", optional_string(meeting.lead_id)},
      {"contact_id", optional_string(stored.contact_id)},
      {"user_id", optional_string(meeting.user_id)},
      {"users", strings(meeting.user_id)},
      {"created_by", optional_string(stored.created_by)},
      {"updated_by", optional_string(stored.updated_by)},
      {"outcome_id", optional_string(meeting.outcome_id)},
      {"outcome_reason", optional_string(stored.outcome_reason)},
      {"outcome_autofill_confidence", nullptr},
      {"outcome_autofill_reasoning", nullptr},
      {"status", optional_of(meeting.status, [](MeetingStatus s) { return wire_name(s); })},
      {"title", meeting.title},
      {"starts_at", format_close_timestamp(meeting.starts_at)},
      {"ends_at", format_close_timestamp(meeting.ends_at)},
      {"activity_at", format_close_timestamp(meeting.starts_at)},
      {"duration", duration.count()},
      {"actual_duration", completed ? OrderedJson(duration.count()) : OrderedJson(nullptr)},
      {"source", "calendar"},
      {"provider_calendar_type", "google"},
      {"provider_calendar_ids", OrderedJson::array({"primary"})},
      {"provider_calendar_event_id", event_uid},
      {"calendar_event_uids", OrderedJson::array({event_uid})},
      {"calendar_event_link", nullptr},
      {"connected_account_id", nullptr},
      {"is_recurring", false},
      {"location", ""},
      {"note", ""},
      {"attendees", attendees_of(stored)},
      {"attached_call_ids", OrderedJson::array()},
      {"conference_links", OrderedJson::array()},
      {"integrations", OrderedJson::array()},
      {"notetaker_id", nullptr},
      {"conversation_type_id", nullptr},
      {"conversation_type_reason", nullptr},
      {"playbook_id", nullptr},
      {"playbook_reason", nullptr},
      {"summary", nullptr},
      {"user_note", optional_string(stored.user_note)},
      {"user_note_html", optional_string(stored.user_note_html)},
      {"user_note_date_updated", optional_time(stored.user_note_date_updated)},
      {"user_note_mentions", OrderedJson::array()},
      {"date_created", format_close_timestamp(meeting.date_created)},
      {"date_updated", format_close_timestamp(meeting.date_updated)},
  };
  OrderedJson selected = select(std::move(all), fields);
  // Close loads transcripts only when `_fields` names them; the emulator has none to show.
  if (fields && std::find(fields->begin(), fields->end(), "transcripts") != fields->end()) {
    selected["transcripts"] = OrderedJson::array();
  }
  return selected;
}

template <typename Record, typename Encode>
std::string page_json(const ActivityPage<Record>& page, const FieldSelection& fields,
                      Encode&& encode) {
  OrderedJson data = OrderedJson::array();
  for (const Record& record : page.items) data.push_back(encode(record, fields));
  return dump_json(OrderedJson{{"data", std::move(data)}, {"has_more", page.has_more}});
}

}  // namespace

std::string_view wire_name(CallDirection value) { return name_in(kDirections, value, "inbound"); }
std::string_view wire_name(CallStatus value) { return name_in(kCallStatuses, value, "completed"); }
std::string_view wire_name(CallDisposition value) { return name_in(kDispositions, value, "error"); }
std::string_view wire_name(MeetingStatus value) {
  return name_in(kMeetingStatuses, value, "upcoming");
}

std::optional<CallDirection> parse_call_direction(std::string_view wire) {
  return parse_in(kDirections, wire);
}
std::optional<CallStatus> parse_call_status(std::string_view wire) {
  return parse_in(kCallStatuses, wire);
}

std::optional<CallDisposition> disposition_for(CallStatus status) {
  switch (status) {
    case CallStatus::completed:
      return CallDisposition::answered;
    case CallStatus::no_answer:
    case CallStatus::timeout:
      return CallDisposition::no_answer;
    case CallStatus::busy:
      return CallDisposition::busy;
    case CallStatus::failed:
      return CallDisposition::error;
    case CallStatus::cancel:
      return CallDisposition::abandoned;
    case CallStatus::created:
    case CallStatus::in_progress:
    case CallStatus::unknown:
      break;
  }
  return std::nullopt;
}

std::string note_to_html(std::string_view note) {
  std::string html = "<body><p>";
  for (char c : note) {
    switch (c) {
      case '&':
        html += "&amp;";
        break;
      case '<':
        html += "&lt;";
        break;
      case '>':
        html += "&gt;";
        break;
      case '"':
        html += "&quot;";
        break;
      case '\'':
        html += "&#39;";
        break;
      default:
        html += c;
    }
  }
  return html + "</p></body>";
}

std::string html_to_note(std::string_view html) {
  std::string text;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>') {
      in_tag = false;
    } else if (!in_tag) {
      text += c;
    }
  }
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : kEntities) {
    for (std::size_t at = text.find(entity); at != std::string::npos;
         at = text.find(entity, at + plain.size())) {
      text.replace(at, entity.size(), plain);
    }
  }
  return text;
}

std::string encode_call(const StoredCall& call, const FieldSelection& fields) {
  return dump_json(call_json(call, fields));
}

std::string encode_meeting(const StoredMeeting& meeting, const FieldSelection& fields) {
  return dump_json(meeting_json(meeting, fields));
}

std::string encode_page(const ActivityPage<StoredCall>& page, const FieldSelection& fields) {
  return page_json(page, fields, call_json);
}

std::string encode_page(const ActivityPage<StoredMeeting>& page, const FieldSelection& fields) {
  return page_json(page, fields, meeting_json);
}

}  // namespace closeio::testing::internal
