#include "sample_activities.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

namespace closeio::tools {
namespace {

using Json = nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::runtime_error(where + ": " + what);
}

std::optional<std::string> optional_string(const Json& item, const char* key,
                                           const std::string& where) {
  const auto it = item.find(key);
  if (it == item.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) fail(where, std::string("\"") + key + "\" must be a string");
  return it->get<std::string>();
}

int integer(const Json& item, const char* key, int fallback, int low, int high,
            const std::string& where) {
  const auto it = item.find(key);
  if (it == item.end()) return fallback;
  if (!it->is_number_integer() || it->get<long long>() < low || it->get<long long>() > high) {
    fail(where, std::string("\"") + key + "\" must be an integer from " + std::to_string(low) +
                    " to " + std::to_string(high));
  }
  return static_cast<int>(it->get<long long>());
}

// "HH:MM" (UTC) -> minutes since midnight; 09:00 when absent.
int minute_of_day(const Json& item, const std::string& where) {
  const std::optional<std::string> at = optional_string(item, "at", where);
  if (!at) return 9 * 60;
  int hours = 0;
  int minutes = 0;
  if (at->size() != 5 || (*at)[2] != ':' ||
      std::sscanf(at->c_str(), "%2d:%2d", &hours, &minutes) != 2 || hours < 0 || hours > 23 ||
      minutes < 0 || minutes > 59) {
    fail(where, R"("at" must be a UTC time "HH:MM")");
  }
  return hours * 60 + minutes;
}

template <typename Enum>
std::optional<Enum> enum_value(const Json& item, const char* key,
                               Enum (*parse)(std::string_view) noexcept, Enum unknown,
                               const std::string& where) {
  const std::optional<std::string> text = optional_string(item, key, where);
  if (!text) return std::nullopt;
  const Enum value = parse(*text);
  if (value == unknown) {
    fail(where, std::string("unknown \"") + key + "\" value \"" + *text + "\"");
  }
  return value;
}

ActivitySeed read_call(const Json& item, const std::string& where) {
  ActivitySeed seed;
  CallLog& call = seed.call.call;
  call.lead_id = optional_string(item, "lead_id", where);
  call.contact_id = optional_string(item, "contact_id", where);
  call.user_id = optional_string(item, "user_id", where);
  call.phone = optional_string(item, "phone", where);
  call.note = optional_string(item, "note", where);
  call.direction =
      enum_value(item, "direction", &call_direction_from_string, CallDirection::unknown, where);
  call.status = enum_value(item, "status", &call_status_from_string, CallStatus::unknown, where);
  seed.call.disposition = enum_value(item, "disposition", &call_disposition_from_string,
                                     CallDisposition::unknown, where);
  call.duration = std::chrono::seconds(integer(item, "duration", 0, 0, 604800, where));
  return seed;
}

ActivitySeed read_meeting(const Json& item, const std::string& where) {
  ActivitySeed seed;
  seed.is_meeting = true;
  testing::FakeMeetingSeed& meeting = seed.meeting;
  meeting.lead_id = optional_string(item, "lead_id", where);
  meeting.contact_id = optional_string(item, "contact_id", where);
  meeting.user_id = optional_string(item, "user_id", where);
  meeting.title = optional_string(item, "title", where).value_or("Meeting");
  meeting.status =
      enum_value(item, "status", &meeting_status_from_string, MeetingStatus::unknown, where);
  meeting.duration = std::chrono::minutes(integer(item, "minutes", 60, 0, 24 * 60, where));
  return seed;
}

void read_list(const Json& json, const char* key, bool meetings, const std::string& path,
               ActivitySeeds& seeds) {
  const auto list = json.find(key);
  if (list == json.end()) return;
  if (!list->is_array()) fail(path, std::string("\"") + key + "\" must be an array");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    const std::string where = path + ": " + key + " item " + std::to_string(i);
    if (!item.is_object()) fail(where, "not an object");
    ActivitySeed seed = meetings ? read_meeting(item, where) : read_call(item, where);
    seed.days_ago = integer(item, "days_ago", 0, -3650, 3650, where);
    seed.minute_of_day = minute_of_day(item, where);
    seed.outcome_name = optional_string(item, "outcome", where).value_or("");
    seeds.activities.push_back(std::move(seed));
  }
}

// Midnight (UTC) of "YYYY-MM-DD".
Timestamp parse_anchor(const std::string& text, const std::string& where) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      month < 1 || month > 12 || day < 1 || day > 31) {
    fail(where, R"("anchor" must be "today" or a date "YYYY-MM-DD")");
  }
  std::tm parts{};
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  parts.tm_mday = day;
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::from_time_t(timegm(&parts)));
}

Timestamp today_midnight_utc() {
  const auto now = std::chrono::system_clock::now();
  const auto days =
      std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  return Timestamp(std::chrono::hours(24 * days));
}

}  // namespace

ActivitySeeds read_activity_seeds(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  const Json json = Json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    fail(path, R"(expected a JSON object {"anchor", "deleted_outcomes", "calls", "meetings"})");
  }
  ActivitySeeds seeds;
  const std::string anchor = optional_string(json, "anchor", path).value_or("today");
  if (anchor != "today") seeds.anchor = parse_anchor(anchor, path);
  if (const auto deleted = json.find("deleted_outcomes"); deleted != json.end()) {
    if (!deleted->is_array()) fail(path, "\"deleted_outcomes\" must be an array");
    for (std::size_t i = 0; i < deleted->size(); ++i) {
      const std::string where = path + ": deleted_outcomes item " + std::to_string(i);
      if (!(*deleted)[i].is_object()) fail(where, "not an object");
      OutcomeCreate outcome;
      const std::optional<std::string> name = optional_string((*deleted)[i], "name", where);
      if (!name || name->empty()) fail(where, "\"name\" must be a non-empty string");
      outcome.name = *name;
      outcome.description = optional_string((*deleted)[i], "description", where);
      outcome.type =
          enum_value((*deleted)[i], "type", &outcome_type_from_string, OutcomeType::unknown, where);
      seeds.deleted_outcomes.push_back(std::move(outcome));
    }
  }
  read_list(json, "calls", false, path, seeds);
  read_list(json, "meetings", true, path, seeds);
  return seeds;
}

void seed_activities(testing::FakeCloseServer& server, const ActivitySeeds& seeds) {
  std::vector<Outcome> deleted;
  for (const OutcomeCreate& outcome : seeds.deleted_outcomes) {
    deleted.push_back(server.seed(outcome));
  }
  const std::vector<Outcome> live = server.outcomes();
  auto resolve = [&](const std::string& name) -> std::optional<std::string> {
    if (name.empty()) return std::nullopt;
    std::vector<std::string> ids;
    for (const Outcome& outcome : live) {
      if (outcome.name == name) ids.push_back(outcome.id);
    }
    if (ids.size() > 1) throw std::runtime_error("outcome name \"" + name + "\" is ambiguous");
    if (ids.empty()) {
      throw std::runtime_error("no outcome named \"" + name +
                               "\" (seed outcomes first, e.g. --seed-file "
                               "tools/fake-server/sample-outcomes.json)");
    }
    return ids.front();
  };

  const Timestamp anchor = seeds.anchor.value_or(today_midnight_utc());
  for (const ActivitySeed& seed : seeds.activities) {
    const Timestamp at =
        anchor - std::chrono::hours(24) * seed.days_ago + std::chrono::minutes(seed.minute_of_day);
    if (seed.is_meeting) {
      testing::FakeMeetingSeed meeting = seed.meeting;
      meeting.outcome_id = resolve(seed.outcome_name);
      meeting.starts_at = at;
      meeting.date_created = at - std::chrono::hours(24 * 7);  // synced a week ahead
      server.seed_meeting(meeting);
    } else {
      testing::FakeCallSeed call = seed.call;
      call.call.outcome_id = resolve(seed.outcome_name);
      call.call.activity_at = at;
      call.date_created = at + call.call.duration.value_or(std::chrono::seconds(0));
      server.seed_call(call);
    }
  }
  for (const Outcome& outcome : deleted) server.remove_outcome(outcome.id);
}

}  // namespace closeio::tools
