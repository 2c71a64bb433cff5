// The field tables of every resource and request body: one row per field, in the order of the
// C++ struct. A new field is one row here (and a member in the public struct).
#include "internal/resource_tables.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "closeio/call.hpp"
#include "closeio/event.hpp"
#include "closeio/meeting.hpp"
#include "closeio/outcome.hpp"
#include "closeio/webhook_subscription.hpp"
#include "internal/activity_enums.hpp"
#include "internal/event_codec.hpp"
#include "internal/outcome_enums.hpp"
#include "internal/webhook_enums.hpp"
#include "internal/webhook_events_codec.hpp"

namespace closeio::internal {

namespace field_detail {
void throw_unsendable_enum(std::string_view field) {
  throw std::invalid_argument("\"" + std::string(field) +
                              "\" is unknown, which has no wire value and cannot be sent");
}
}  // namespace field_detail

void append_json_string(std::string& out, std::string_view text, std::string_view field) {
  try {
    out += nlohmann::json(text).dump();
  } catch (const nlohmann::json::type_error& e) {
    if (e.id != 316) throw;  // 316: invalid UTF-8.
    throw std::invalid_argument("\"" + std::string(field) + "\" is not valid UTF-8");
  }
}

namespace {

constexpr FieldSpec<Outcome> kOutcomeRows[] = {
    field<&Outcome::id>("id"),
    field<&Outcome::organization_id>("organization_id"),
    field<&Outcome::name>("name"),
    field<&Outcome::description>("description"),
    enum_field<&Outcome::type, kOutcomeTypes>("type"),
    enum_list_field<&Outcome::applies_to, kAppliesTo>("applies_to"),
    field<&Outcome::created_by>("created_by"),
    field<&Outcome::updated_by>("updated_by"),
    field<&Outcome::date_created>("date_created"),
    field<&Outcome::date_updated>("date_updated"),
};

constexpr FieldSpec<Call> kCallRows[] = {
    field<&Call::id>("id"),
    field<&Call::organization_id>("organization_id"),
    field<&Call::lead_id>("lead_id"),
    field<&Call::contact_id>("contact_id"),
    field<&Call::user_id>("user_id"),
    field<&Call::outcome_id>("outcome_id"),
    enum_field<&Call::direction, kCallDirections>("direction"),
    enum_field<&Call::status, kCallStatuses>("status"),
    enum_field<&Call::disposition, kCallDispositions>("disposition"),
    field<&Call::duration>("duration"),
    field<&Call::phone>("phone"),
    field<&Call::note>("note"),
    field<&Call::date_created>("date_created"),
    field<&Call::date_updated>("date_updated"),
    field<&Call::activity_at>("activity_at"),
};

constexpr FieldSpec<Meeting> kMeetingRows[] = {
    field<&Meeting::id>("id"),
    field<&Meeting::organization_id>("organization_id"),
    field<&Meeting::lead_id>("lead_id"),
    field<&Meeting::user_id>("user_id"),
    field<&Meeting::outcome_id>("outcome_id"),
    enum_field<&Meeting::status, kMeetingStatuses>("status"),
    field<&Meeting::title>("title"),
    field<&Meeting::starts_at>("starts_at"),
    field<&Meeting::ends_at>("ends_at"),
    field<&Meeting::date_created>("date_created"),
    field<&Meeting::date_updated>("date_updated"),
};

// The body of POST /activity/call/: unset members are left out.
constexpr FieldSpec<CallLog> kCallLogRows[] = {
    field<&CallLog::lead_id>("lead_id"),
    field<&CallLog::contact_id>("contact_id"),
    field<&CallLog::user_id>("user_id"),
    enum_field<&CallLog::direction, kCallDirections>("direction"),
    enum_field<&CallLog::status, kCallStatuses>("status"),
    field<&CallLog::duration>("duration"),
    field<&CallLog::phone>("phone"),
    field<&CallLog::note>("note"),
    field<&CallLog::outcome_id>("outcome_id"),
    field<&CallLog::activity_at>("activity_at"),
};

// An Event's own dates come without a UTC offset ("2019-01-15T12:48:23.395000"); they are UTC.
struct EventTimestampCodec : field_detail::Codec<Timestamp> {
  static void read(Timestamp& v, std::string_view text) { v = parse_event_timestamp(text); }
};

// The raw-JSON members (data, previous_data, meta) are read by internal/event_codec.cpp.
constexpr FieldSpec<Event> kEventRows[] = {
    field<&Event::id>("id"),
    field<&Event::object_type>("object_type"),
    field<&Event::object_id>("object_id"),
    field<&Event::action>("action"),
    field_detail::scalar_row<&Event::date_created, EventTimestampCodec>("date_created"),
    field_detail::scalar_row<&Event::date_updated, EventTimestampCodec>("date_updated"),
    field<&Event::organization_id>("organization_id"),
    field<&Event::user_id>("user_id"),
    field<&Event::lead_id>("lead_id"),
    field<&Event::request_id>("request_id"),
    field<&Event::api_key_id>("api_key_id"),
    string_list_field<&Event::changed_fields>("changed_fields"),
};

constexpr FieldSpec<WebhookSubscription> kWebhookSubscriptionRows[] = {
    field<&WebhookSubscription::id>("id"),
    field<&WebhookSubscription::url>("url"),
    json_field<&WebhookSubscription::events, WebhookEventsCodec>("events"),
    enum_field<&WebhookSubscription::status, kWebhookStatuses>("status"),
    field<&WebhookSubscription::verify_ssl>("verify_ssl"),
    field<&WebhookSubscription::signature_key>("signature_key"),
    field<&WebhookSubscription::created_by>("created_by"),
    field<&WebhookSubscription::updated_by>("updated_by"),
    // Close sends a subscription's dates without an offset, as an event's: UTC.
    field_detail::scalar_row<&WebhookSubscription::date_created, EventTimestampCodec>(
        "date_created"),
    field_detail::scalar_row<&WebhookSubscription::date_updated, EventTimestampCodec>(
        "date_updated"),
    field<&WebhookSubscription::health_status>("health_status"),
    field<&WebhookSubscription::pause_reason>("pause_reason"),
    json_field<&WebhookSubscription::latest_error>("latest_error"),
    field<&WebhookSubscription::recent_consecutive_fail_buckets_cnt>(
        "recent_consecutive_fail_buckets_cnt"),
    json_field<&WebhookSubscription::counters>("counters"),
};

// The body of POST /webhook/: unset members are left out.
constexpr FieldSpec<WebhookCreate> kWebhookCreateRows[] = {
    field<&WebhookCreate::url>("url"),
    json_field<&WebhookCreate::events, WebhookEventsCodec>("events"),
    field<&WebhookCreate::verify_ssl>("verify_ssl"),
};

// The body of PUT /webhook/{id}/: unset members are left out.
constexpr FieldSpec<WebhookUpdate> kWebhookUpdateRows[] = {
    field<&WebhookUpdate::url>("url"),
    json_field<&WebhookUpdate::events, WebhookEventsCodec>("events"),
    field<&WebhookUpdate::verify_ssl>("verify_ssl"),
    enum_field<&WebhookUpdate::status, kWebhookStatuses>("status"),
};

template <class T, std::size_t N>
constexpr ResourceTable<T> make_table(std::string_view resource, const FieldSpec<T> (&rows)[N]) {
  return ResourceTable<T>{resource, rows, N};
}

}  // namespace

template <>
const ResourceTable<Outcome>& resource_table<Outcome>() {
  static constexpr auto table = make_table("outcome", kOutcomeRows);
  return table;
}
template <>
const ResourceTable<Call>& resource_table<Call>() {
  static constexpr auto table = make_table("call", kCallRows);
  return table;
}
template <>
const ResourceTable<Meeting>& resource_table<Meeting>() {
  static constexpr auto table = make_table("meeting", kMeetingRows);
  return table;
}
template <>
const ResourceTable<CallLog>& resource_table<CallLog>() {
  static constexpr auto table = make_table("call log", kCallLogRows);
  return table;
}
template <>
const ResourceTable<Event>& resource_table<Event>() {
  static constexpr auto table = make_table("event", kEventRows);
  return table;
}

template <>
const ResourceTable<WebhookSubscription>& resource_table<WebhookSubscription>() {
  static constexpr auto table = make_table("webhook subscription", kWebhookSubscriptionRows);
  return table;
}
template <>
const ResourceTable<WebhookCreate>& resource_table<WebhookCreate>() {
  static constexpr auto table = make_table("webhook create", kWebhookCreateRows);
  return table;
}
template <>
const ResourceTable<WebhookUpdate>& resource_table<WebhookUpdate>() {
  static constexpr auto table = make_table("webhook update", kWebhookUpdateRows);
  return table;
}

}  // namespace closeio::internal
