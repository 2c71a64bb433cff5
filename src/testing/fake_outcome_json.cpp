#include "testing/fake_outcome_json.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "testing/fake_json_support.hpp"

namespace closeio::testing::internal {
namespace {

using OrderedJson = nlohmann::ordered_json;  // keeps Close's field order in the output

OrderedJson outcome_json(const Outcome& outcome, const FieldSelection& fields) {
  OrderedJson applies_to = OrderedJson::array();
  for (AppliesTo item : outcome.applies_to) applies_to.push_back(wire_name(item));
  OrderedJson all = {
      {"id", outcome.id},
      {"organization_id", outcome.organization_id},
      {"name", outcome.name},
      {"description", optional_string(outcome.description)},
      {"type", wire_name(outcome.type)},
      {"applies_to", std::move(applies_to)},
      {"created_by", optional_string(outcome.created_by)},
      {"updated_by", optional_string(outcome.updated_by)},
      {"date_created", format_close_timestamp(outcome.date_created)},
      {"date_updated", format_close_timestamp(outcome.date_updated)},
  };
  if (!fields) return all;
  OrderedJson selected = OrderedJson::object();
  for (const auto& [key, value] : all.items()) {
    if (std::find(fields->begin(), fields->end(), key) != fields->end()) selected[key] = value;
  }
  return selected;
}

}  // namespace

std::string format_close_timestamp(Timestamp t) {
  const std::int64_t total = t.time_since_epoch().count();
  constexpr std::int64_t kPerSecond = 1'000'000;
  // Floor division so that instants before the epoch still get a fraction in [0, 999999].
  std::int64_t seconds = total / kPerSecond;
  std::int64_t fraction = total % kPerSecond;
  if (fraction < 0) {
    fraction += kPerSecond;
    seconds -= 1;
  }
  const auto as_time_t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&as_time_t, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld+00:00", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<long long>(fraction));
  return text;
}

std::string_view wire_name(OutcomeType type) {
  switch (type) {
    case OutcomeType::vm_dropped:
      return "vm-dropped";
    case OutcomeType::custom:
    case OutcomeType::unknown:  // never stored: validation and seed() reject it
      break;
  }
  return "custom";
}

std::string_view wire_name(AppliesTo applies_to) {
  return applies_to == AppliesTo::meetings ? "meetings" : "calls";
}

std::string encode_outcome(const Outcome& outcome, const FieldSelection& fields) {
  return dump_json(outcome_json(outcome, fields));
}

std::string encode_page(const OutcomePage& page, const FieldSelection& fields) {
  OrderedJson data = OrderedJson::array();
  for (const Outcome& outcome : page.items) data.push_back(outcome_json(outcome, fields));
  OrderedJson body = {{"data", std::move(data)}, {"has_more", page.has_more}};
  return dump_json(body);
}

}  // namespace closeio::testing::internal
