#include "outcome_events.hpp"

#include <algorithm>
#include <closeio/errors.hpp>
#include <closeio/timestamp.hpp>

namespace closeio_cli {
namespace {

using RowValue = nlohmann::ordered_json;

constexpr const char* kCall = "activity.call";
constexpr const char* kMeeting = "activity.meeting";

RowValue optional_text(const std::optional<std::string>& value) {
  return value ? RowValue(*value) : RowValue(nullptr);
}

// `outcome_id` of a raw JSON object text: the id, null when absent, null or not an object.
RowValue outcome_id_in(const std::optional<std::string>& raw) {
  if (!raw) return nullptr;
  const RowValue object = RowValue::parse(*raw, nullptr, /*allow_exceptions=*/false);
  if (!object.is_object()) return nullptr;
  const auto it = object.find("outcome_id");
  if (it == object.end() || !it->is_string()) return nullptr;
  return *it;
}

}  // namespace

std::vector<closeio::EventFilter> outcome_event_filters(const std::string& lead_id,
                                                        const std::string& user_id) {
  std::vector<closeio::EventFilter> filters;
  for (const char* type : {kCall, kMeeting}) {
    for (const char* action : {"created", "updated"}) {
      closeio::EventFilter f;
      f.object_type = type;
      f.action = action;
      f.lead_id = lead_id;
      f.user_id = user_id;
      filters.push_back(std::move(f));
    }
  }
  return filters;
}

std::vector<RecordColumn> outcome_event_columns() {
  return {{"event_id", "EVENT_ID"},
          {"date_updated", "DATE_UPDATED"},
          {"kind", "KIND"},
          {"activity_id", "ACTIVITY_ID"},
          {"action", "ACTION"},
          {"outcome_id", "OUTCOME_ID"},
          {"previous_outcome_id", "PREVIOUS_OUTCOME_ID"},
          {"lead_id", "LEAD_ID"},
          {"user_id", "USER_ID"}};
}

std::optional<std::vector<RowValue>> outcome_event_row(const closeio::Event& event) {
  const bool call = event.object_type == kCall;
  if (!call && event.object_type != kMeeting) return std::nullopt;
  const RowValue outcome = outcome_id_in(event.data);
  if (event.action == "updated") {
    const auto& changed = event.changed_fields;
    if (std::find(changed.begin(), changed.end(), "outcome_id") == changed.end()) {
      return std::nullopt;
    }
  } else if (event.action != "created" || outcome.is_null()) {
    return std::nullopt;
  }
  return std::vector<RowValue>{
      event.id,
      closeio::format_timestamp(event.date_updated),
      call ? "call" : "meeting",
      event.object_id,
      event.action,
      outcome,
      event.action == "updated" ? outcome_id_in(event.previous_data) : RowValue(nullptr),
      optional_text(event.lead_id),
      optional_text(event.user_id)};
}

}  // namespace closeio_cli
