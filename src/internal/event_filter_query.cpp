#include "internal/event_filter_query.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "closeio/timestamp.hpp"
#include "internal/url.hpp"
#include "internal/webhook_requests.hpp"

namespace closeio::internal {
namespace {

constexpr std::size_t kMaxCursorBytes = 4096;

// The identifying filters, one bit each, in the order they are sent.
enum FilterBit : unsigned {
  kObjectType = 1U << 0U,
  kObjectId = 1U << 1U,
  kAction = 1U << 2U,
  kLeadId = 1U << 3U,
  kUserId = 1U << 4U,
  kRequestId = 1U << 5U,
};

// The combinations Close's Event Log documentation allows (EVENTS.md §3); none at all is a
// plain list of the organization's events.
constexpr std::array<unsigned, 16> kAllowedCombinations = {
    0U,
    kObjectType | kObjectId,
    kObjectType | kAction,
    kObjectId | kAction,
    kLeadId | kObjectType,
    kLeadId | kObjectType | kAction,
    kLeadId | kUserId | kObjectType,
    kLeadId | kUserId | kObjectType | kAction,
    kLeadId | kUserId,
    kUserId | kObjectId,
    kUserId | kObjectId | kAction,
    kUserId | kObjectType,
    kUserId | kObjectType | kAction,
    kLeadId,
    kUserId,
    kRequestId,
};

struct Member {
  const char* wire;
  FilterBit bit;
  const std::string EventFilter::*value;
};

constexpr std::array<Member, 6> kMembers = {{
    {"object_type", kObjectType, &EventFilter::object_type},
    {"object_id", kObjectId, &EventFilter::object_id},
    {"action", kAction, &EventFilter::action},
    {"lead_id", kLeadId, &EventFilter::lead_id},
    {"user_id", kUserId, &EventFilter::user_id},
    {"request_id", kRequestId, &EventFilter::request_id},
}};

std::string names_of(unsigned bits) {
  std::string out;
  for (const Member& member : kMembers) {
    if ((bits & member.bit) == 0) continue;
    if (!out.empty()) out += '+';
    out += member.wire;
  }
  return out;
}

}  // namespace

void require_valid_event_filter(const EventFilter& filter) {
  unsigned bits = 0;
  for (const Member& member : kMembers) {
    const std::string& value = filter.*member.value;
    if (value.empty()) continue;
    require_clean_id(value, std::string("EventFilter ") + member.wire);
    bits |= member.bit;
  }
  if (filter.updated_since && filter.updated_until &&
      *filter.updated_since > *filter.updated_until) {
    throw std::invalid_argument("closeio: EventFilter updated_since is after updated_until");
  }
  if (std::find(kAllowedCombinations.begin(), kAllowedCombinations.end(), bits) ==
      kAllowedCombinations.end()) {
    std::string allowed;
    for (const unsigned combination : kAllowedCombinations) {
      if (combination == 0) continue;
      if (!allowed.empty()) allowed += ", ";
      allowed += names_of(combination);
    }
    throw std::invalid_argument(
        "closeio: Close's Event Log does not allow the filter combination " + names_of(bits) +
        " (allowed: " + allowed + "; date bounds go with any)");
  }
}

void require_valid_event_list_options(const EventListOptions& options) {
  if (options.limit < 1 || options.limit > kMaxEventPageSize) {
    throw std::invalid_argument("closeio: EventListOptions::limit must be 1 to " +
                                std::to_string(kMaxEventPageSize) + ", not " +
                                std::to_string(options.limit));
  }
  if (options.cursor.empty()) return;
  if (options.cursor.size() > kMaxCursorBytes) {
    throw std::invalid_argument("closeio: the event cursor is longer than " +
                                std::to_string(kMaxCursorBytes) + " bytes");
  }
  for (const char ch : options.cursor) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f) {
      throw std::invalid_argument("closeio: the event cursor holds spaces or control characters");
    }
  }
}

QueryPairs event_list_query(const EventFilter& filter, const EventListOptions& options) {
  require_valid_event_filter(filter);
  require_valid_event_list_options(options);
  QueryPairs query;
  for (const Member& member : kMembers) {
    const std::string& value = filter.*member.value;
    if (!value.empty()) query.emplace_back(member.wire, percent_encode(value));
  }
  // Close repeats every filter with a cursor except date_updated, whose bounds the cursor
  // carries ("every other filter except date_updated must be sent again"): they go on the first
  // page only. A timestamp's '+' must be encoded: a bare '+' reads as a space.
  const bool first_page = options.cursor.empty();
  if (first_page && filter.updated_since) {
    query.emplace_back("date_updated__gte",
                       percent_encode(format_timestamp(*filter.updated_since)));
  }
  if (first_page && filter.updated_until) {
    query.emplace_back("date_updated__lte",
                       percent_encode(format_timestamp(*filter.updated_until)));
  }
  if (!options.cursor.empty()) query.emplace_back("_cursor", percent_encode(options.cursor));
  query.emplace_back("_limit", std::to_string(options.limit));
  return query;
}

}  // namespace closeio::internal
