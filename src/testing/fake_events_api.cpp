#include "testing/fake_events_api.hpp"

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "testing/fake_hmac.hpp"
#include "testing/fake_iso_date.hpp"

namespace closeio::testing::internal {
namespace {

constexpr std::string_view kEventsPath = "/api/v1/event/";
constexpr std::size_t kMaxLimit = 50;  // "capped at and defaulting to 50" (EVENTS.md §3)
constexpr std::string_view kEventNotFound = "Empty query: Event matching query does not exist.";
constexpr std::string_view kBadCursor = "Invalid _cursor.";
constexpr const char* kBadEventDate =
    "Not a valid ISO 8601 datetime or date (in a query string, send the offset's '+' as %2B).";

// The filters besides date_updated, as bits of a combination.
enum FilterBit : unsigned {
  kObjectType = 1,
  kObjectId = 2,
  kAction = 4,
  kLeadId = 8,
  kUserId = 16,
  kRequestId = 32
};

// The combinations Close documents (EVENTS.md §3); date_updated may join any of them, and no
// filter at all lists everything.
constexpr std::array<unsigned, 16> kAllowedCombinations = {
    0u,
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
    kRequestId};

constexpr std::string_view kAllowedText =
    "object_type+object_id, object_type+action, object_id+action, lead_id+object_type, "
    "lead_id+object_type+action, lead_id+user_id+object_type, "
    "lead_id+user_id+object_type+action, lead_id+user_id, user_id+object_id, "
    "user_id+object_id+action, user_id+object_type, user_id+object_type+action, lead_id, "
    "user_id, request_id; date_updated may be added to any";

// An opaque position: "1|<o|n>|<micros>|<sequence>|<gt>|<gte>|<lt>|<lte>" in hex. It carries
// the date_updated bounds of the first page, since Close does not ask for them again.
struct Cursor {
  EventKey key;
  bool newer = false;
  TimeBounds bounds;
};

std::string bound_text(const std::optional<Timestamp>& t) {
  return t ? std::to_string(t->time_since_epoch().count()) : std::string();
}

std::string encode_cursor(const Cursor& cursor) {
  const std::string text = "1|" + std::string(cursor.newer ? "n" : "o") + "|" +
                           std::to_string(cursor.key.micros) + "|" +
                           std::to_string(cursor.key.sequence) + "|" +
                           bound_text(cursor.bounds.gt) + "|" + bound_text(cursor.bounds.gte) +
                           "|" + bound_text(cursor.bounds.lt) + "|" + bound_text(cursor.bounds.lte);
  return to_hex(text);
}

std::optional<std::int64_t> signed_number(const std::string& text) {
  if (!text.empty() && text[0] == '-') {
    const std::optional<std::int64_t> value = parse_count(text.substr(1));
    if (!value) return std::nullopt;
    return -*value;
  }
  return parse_count(text);
}

std::optional<Cursor> decode_cursor(const std::string& hex) {
  if (hex.size() > 400) return std::nullopt;
  const std::optional<std::string> text = from_hex(hex);
  if (!text) return std::nullopt;
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t bar = text->find('|', start);
    parts.push_back(text->substr(start, bar == std::string::npos ? bar : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  if (parts.size() != 8 || parts[0] != "1" || (parts[1] != "o" && parts[1] != "n")) {
    return std::nullopt;
  }
  Cursor cursor;
  cursor.newer = parts[1] == "n";
  const std::optional<std::int64_t> micros = signed_number(parts[2]);
  const std::optional<std::int64_t> sequence = parse_count(parts[3]);
  if (!micros || !sequence) return std::nullopt;
  cursor.key = EventKey{*micros, static_cast<std::uint64_t>(*sequence)};
  std::optional<Timestamp>* bounds[] = {&cursor.bounds.gt, &cursor.bounds.gte, &cursor.bounds.lt,
                                        &cursor.bounds.lte};
  for (std::size_t i = 0; i < 4; ++i) {
    if (parts[4 + i].empty()) continue;
    const std::optional<std::int64_t> value = signed_number(parts[4 + i]);
    if (!value) return std::nullopt;
    *bounds[i] = Timestamp(std::chrono::microseconds(*value));
  }
  return cursor;
}

// The tighter of two lower (or upper) bounds.
void tighten(std::optional<Timestamp>& mine, const std::optional<Timestamp>& other, bool lower) {
  if (!other) return;
  if (!mine || (lower ? *other > *mine : *other < *mine)) mine = other;
}

ApiAnswer refuse(std::string_view message) { return answer(400, error_body(message)); }

std::string page_body(const EventPage& page, const TimeBounds& bounds) {
  std::string body = "{\"data\":[";
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) body += ',';
    body += page.items[i].json;
  }
  const auto cursor_text = [&](const std::optional<EventKey>& key, bool newer) {
    if (!key) return std::string("null");
    return "\"" + encode_cursor(Cursor{*key, newer, bounds}) + "\"";
  };
  body += "],\"cursor_next\":" + cursor_text(page.older, false) +
          ",\"cursor_previous\":" + cursor_text(page.newer, true) + "}";
  return body;
}

}  // namespace

FakeEventsApi::FakeEventsApi(const FakeEventLog& log) : log_(log) {}

std::optional<ApiAnswer> FakeEventsApi::route(const RecordedRequest& request) const {
  const bool read = request.method == "GET" || request.method == "HEAD";
  if (request.path == kEventsPath) {
    if (read) return list(request);
    return method_not_allowed("GET, HEAD");
  }
  if (std::optional<std::string> id = item_id(request.path, kEventsPath)) {
    if (read) return fetch(*id);
    return method_not_allowed("GET, HEAD");
  }
  return std::nullopt;
}

ApiAnswer FakeEventsApi::list(const RecordedRequest& request) const {
  EventFilter filter;
  unsigned combination = 0;
  const std::pair<const char*, std::pair<std::optional<std::string>*, unsigned>> names[] = {
      {"object_type", {&filter.object_type, kObjectType}},
      {"object_id", {&filter.object_id, kObjectId}},
      {"action", {&filter.action, kAction}},
      {"lead_id", {&filter.lead_id, kLeadId}},
      {"user_id", {&filter.user_id, kUserId}},
      {"request_id", {&filter.request_id, kRequestId}}};
  for (const auto& [name, target] : names) {
    if (const std::string* value = query_value(request, name)) {
      *target.first = *value;
      combination |= target.second;
    }
  }
  bool allowed = false;
  for (const unsigned ok : kAllowedCombinations) allowed = allowed || ok == combination;
  if (!allowed) {
    return refuse("This combination of filters is not supported. Supported: " +
                  std::string(kAllowedText) + ".");
  }
  if (query_value(request, "_skip") != nullptr) {
    return refuse("_skip is not supported by the event log; page with _cursor.");
  }
  std::size_t limit = kMaxLimit;
  if (const std::string* text = query_value(request, "_limit")) {
    const std::optional<std::int64_t> value = parse_count(*text);
    if (!value || *value < 1) return refuse("Invalid _limit: must be a positive integer.");
    if (static_cast<std::size_t>(*value) < kMaxLimit) limit = static_cast<std::size_t>(*value);
  }
  const std::chrono::minutes offset =
      parse_tz_offset_header(request.header("x-tz-offset")).value_or(std::chrono::minutes(0));
  TimeBounds& bounds = filter.date_updated;
  const std::pair<const char*, std::optional<Timestamp>*> dates[] = {
      {"date_updated__gt", &bounds.gt},
      {"date_updated__gte", &bounds.gte},
      {"date_updated__lt", &bounds.lt},
      {"date_updated__lte", &bounds.lte}};
  for (const auto& [name, out] : dates) {
    const std::string* text = query_value(request, name);
    if (text == nullptr) continue;
    *out = parse_iso_date_or_time(*text, offset);
    if (!*out) return answer(400, field_error_body(name, kBadEventDate));
  }
  std::optional<EventKey> after;
  bool newer = false;
  if (const std::string* text = query_value(request, "_cursor");
      text != nullptr && !text->empty()) {
    const std::optional<Cursor> cursor = decode_cursor(*text);
    if (!cursor) return refuse(kBadCursor);
    after = cursor->key;
    newer = cursor->newer;
    // The first page's bounds hold for the whole walk; bounds sent again only narrow them.
    tighten(bounds.gt, cursor->bounds.gt, true);
    tighten(bounds.gte, cursor->bounds.gte, true);
    tighten(bounds.lt, cursor->bounds.lt, false);
    tighten(bounds.lte, cursor->bounds.lte, false);
  }
  return answer(200, page_body(log_.page(filter, after, newer, limit), bounds));
}

ApiAnswer FakeEventsApi::fetch(const std::string& id) const {
  std::optional<StoredEvent> event = log_.find(id);
  if (!event) return answer(404, error_body(kEventNotFound));
  return answer(200, std::move(event->json));
}

}  // namespace closeio::testing::internal
