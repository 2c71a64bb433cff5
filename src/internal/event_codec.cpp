// Event Log entries, event pages and webhook delivery bodies. An event's `data`,
// `previous_data` and `meta` are arbitrary JSON kept as text, which the table-driven SAX decoder
// (json_codec.cpp) has no way to capture; its scalar fields still go through Event's field table
// (resource_tables.cpp).
//
// Two paths, as for the other resources: a fast one over JsonCursor, which checks the whole body
// and keeps each raw member as the exact bytes received, and gives up on anything wrong; then a
// bounded nlohmann DOM, which only runs for such bodies and produces the precise DecodeError.
// Why: verifying a webhook must cost about an HMAC plus a parse, and a DOM of a 2 KiB delivery
// alone cost more than the rest of verify_webhook (benchmarks/bench_webhook.cpp).
#include "internal/event_codec.hpp"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>

#include "closeio/errors.hpp"
#include "internal/json_codec.hpp"
#include "internal/json_cursor.hpp"
#include "internal/resource_tables.hpp"

namespace closeio::internal {
namespace {

using json = nlohmann::json;

// nlohmann's DOM builder with the SDK's depth limit and error messages. nlohmann's parser is
// iterative, so a hostile body of 100,000 '[' stops at level 65 without recursing.
class BoundedDomParser : public nlohmann::detail::json_sax_dom_parser<json> {
  using Base = nlohmann::detail::json_sax_dom_parser<json>;

 public:
  BoundedDomParser(json& result, std::string prefix)
      : Base(result, true), prefix_(std::move(prefix)) {}

  bool start_object(std::size_t elements) {
    enter();
    return Base::start_object(elements);
  }
  bool end_object() {
    --depth_;
    return Base::end_object();
  }
  bool start_array(std::size_t elements) {
    enter();
    return Base::start_array(elements);
  }
  bool end_array() {
    --depth_;
    return Base::end_array();
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) {
    throw_json_parse_error(prefix_.c_str(), position, error.what());
  }

 private:
  void enter() {
    if (++depth_ > kMaxJsonDepth) {
      throw DecodeError(prefix_ + "JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                        " levels");
    }
  }

  std::string prefix_;
  std::size_t depth_ = 0;
};

std::string event_prefix(std::string_view context) {
  std::string prefix = "decoding ";
  prefix += context;
  prefix += ": ";
  return prefix;
}

std::string event_path(std::string_view path, std::string_view name) {
  std::string result(path);
  if (!result.empty()) result += '.';
  result += name;
  return result;
}

[[noreturn]] void event_wrong_type(std::string_view context, const std::string& path,
                                   const char* expected, const json& got) {
  if (path.empty()) {
    throw DecodeError(event_prefix(context) + "expected " + expected + ", got " + got.type_name());
  }
  throw DecodeError(event_prefix(context) + "field \"" + path + "\": expected " + expected +
                    ", got " + got.type_name());
}

const char* event_expected_for(const FieldSpec<Event>& row) {
  if (row.type == JsonType::string_array) return "an array or null";
  return row.nullable ? "a string or null" : "a string";
}

void event_set_text(const FieldSpec<Event>& row, Event& out, const std::string& text,
                    std::string_view context, const std::string& path) {
  try {
    row.set_text(out, text);
  } catch (const std::invalid_argument& e) {  // A malformed date.
    throw DecodeError(event_prefix(context) + "field \"" + path + "\": " + e.what());
  }
}

// One value of a table row.
void read_event_row(const FieldSpec<Event>& row, const json& value, Event& out,
                    std::string_view context, const std::string& path) {
  if (value.is_null() && row.nullable) {
    row.reset(out);
    return;
  }
  if (row.type == JsonType::string && value.is_string()) {
    event_set_text(row, out, value.get_ref<const json::string_t&>(), context, path);
    return;
  }
  if (row.type == JsonType::string_array && value.is_array()) {
    row.reset(out);
    std::size_t index = 0;
    for (const json& item : value) {
      const std::string item_path = path + "[" + std::to_string(index++) + "]";
      if (!item.is_string()) event_wrong_type(context, item_path, "a string", item);
      event_set_text(row, out, item.get_ref<const json::string_t&>(), context, item_path);
    }
    return;
  }
  event_wrong_type(context, path, event_expected_for(row), value);
}

// `data`, `previous_data` or `meta`: any JSON value, kept as compact text; null is "absent".
std::optional<std::string>* raw_event_member(Event& event, std::string_view key) {
  if (key == "data") return &event.data;
  if (key == "previous_data") return &event.previous_data;
  if (key == "meta") return &event.meta;
  return nullptr;
}

// A cursor of an Event Log page: a string, or null / absent / empty for "no more".
std::optional<std::string> read_event_cursor(const json& page, const char* key) {
  const auto found = page.find(key);
  if (found == page.end() || found->is_null()) return std::nullopt;
  if (!found->is_string()) event_wrong_type("event page", key, "a string or null", *found);
  const auto& text = found->get_ref<const json::string_t&>();
  if (text.empty()) return std::nullopt;
  return text;
}

// ---- Fast path ------------------------------------------------------------------------------

// One value of a table row; false: not the expected JSON (the full path says why).
bool scan_event_row(JsonCursor& in, const FieldSpec<Event>& row, Event& out, std::string& scratch) {
  if (row.nullable && in.literal("null")) {
    row.reset(out);
    return true;
  }
  try {
    if (row.type == JsonType::string) {
      if (row.string_slot) return in.string(*row.string_slot(out));
      if (!in.string(scratch)) return false;
      row.set_text(out, scratch);
      return true;
    }
    if (row.type != JsonType::string_array || !in.consume('[')) return false;
    row.reset(out);
    if (in.consume(']')) return true;
    do {
      if (!in.string(scratch)) return false;
      row.set_text(out, scratch);
    } while (in.consume(','));
    return in.consume(']');
  } catch (const std::invalid_argument&) {  // A malformed date.
    return false;
  }
}

// The event object at the cursor, inside `depth` open containers, into `out` (a default Event).
bool scan_event(JsonCursor& in, std::size_t depth, Event& out, std::string& key,
                std::string& scratch) {
  const ResourceTable<Event>& table = resource_table<Event>();
  if (!in.consume('{')) return false;
  if (!in.consume('}')) {
    do {
      if (!in.string(key) || !in.consume(':')) return false;
      if (const FieldSpec<Event>* row = table.find(key)) {
        if (!scan_event_row(in, *row, out, scratch)) return false;
        continue;
      }
      std::string_view span;
      if (!in.value(span, depth + 1)) return false;
      if (std::optional<std::string>* raw = raw_event_member(out, key)) {
        if (span == "null") {
          raw->reset();
        } else {
          raw->emplace(span);
        }
      }
    } while (in.consume(','));
    if (!in.consume('}')) return false;
  }
  return !out.id.empty();
}

// A cursor of a page: a string (empty: none) or null.
bool scan_event_cursor(JsonCursor& in, std::optional<std::string>& out) {
  if (in.literal("null")) {
    out.reset();
    return true;
  }
  if (!in.string(out.emplace())) return false;
  if (out->empty()) out.reset();
  return true;
}

bool fast_decode_event_page(std::string_view body, EventLogPage& page) {
  JsonCursor in(body);
  std::string key;
  std::string scratch;
  bool saw_data = false;
  if (!in.consume('{') || in.consume('}')) return false;
  do {
    if (!in.string(key) || !in.consume(':')) return false;
    if (key == "data") {
      saw_data = true;
      page.data.clear();
      if (!in.consume('[')) return false;
      if (in.consume(']')) continue;
      do {
        if (!scan_event(in, 2, page.data.emplace_back(), key, scratch)) return false;
      } while (in.consume(','));
      if (!in.consume(']')) return false;
    } else if (key == "cursor_next") {
      if (!scan_event_cursor(in, page.cursor_next)) return false;
    } else if (key == "cursor_previous") {
      if (!scan_event_cursor(in, page.cursor_previous)) return false;
    } else {
      std::string_view ignored;
      if (!in.value(ignored, 1)) return false;
    }
  } while (in.consume(','));
  return in.consume('}') && in.at_end() && saw_data;
}

bool fast_decode_delivery(std::string_view body, DecodedDelivery& delivery) {
  JsonCursor in(body);
  std::string key;
  std::string scratch;
  bool saw_event = false;
  if (!in.consume('{') || in.consume('}')) return false;
  do {
    if (!in.string(key) || !in.consume(':')) return false;
    if (key == "subscription_id") {
      if (!in.string(delivery.subscription_id)) return false;
    } else if (key == "event") {
      saw_event = true;
      delivery.event = Event{};
      if (!scan_event(in, 1, delivery.event, key, scratch)) return false;
    } else {
      std::string_view ignored;
      if (!in.value(ignored, 1)) return false;
    }
  } while (in.consume(','));
  return in.consume('}') && in.at_end() && saw_event && !delivery.subscription_id.empty();
}

// ---- Full path ------------------------------------------------------------------------------

}  // namespace

Timestamp parse_event_timestamp(std::string_view text) {
  // The offset, when there is one, follows the seconds (index 19 of "YYYY-MM-DDThh:mm:ss").
  const bool has_offset =
      text.size() > 19 && (text.find_first_of("Zz+-", 19) != std::string_view::npos);
  if (has_offset) return parse_timestamp(text);
  std::string utc(text);
  utc += 'Z';
  try {
    return parse_timestamp(utc);
  } catch (const std::invalid_argument&) {
    return parse_timestamp(text);  // The message quotes the text as received.
  }
}

nlohmann::json parse_json_bounded(std::string_view text, std::string_view prefix) {
  json root;
  BoundedDomParser parser(root, std::string(prefix));
  // strict = true: anything after the value is an error. The handler throws on every failure
  // it sees; a false return is a guard, not an expected path.
  if (!json::sax_parse(text.data(), text.data() + text.size(), &parser, json::input_format_t::json,
                       true)) {
    throw DecodeError(std::string(prefix) + "invalid JSON");
  }
  return root;
}

Event decode_event_value(const nlohmann::json& value, std::string_view context,
                         std::string_view path) {
  if (!value.is_object()) event_wrong_type(context, std::string(path), "a JSON object", value);
  const ResourceTable<Event>& table = resource_table<Event>();
  Event event;
  for (const auto& [key, member] : value.get_ref<const json::object_t&>()) {
    if (const FieldSpec<Event>* row = table.find(key)) {
      read_event_row(*row, member, event, context, event_path(path, key));
    } else if (std::optional<std::string>* raw = raw_event_member(event, key)) {
      if (member.is_null()) {
        raw->reset();
      } else {
        *raw = member.dump();
      }
    }
  }
  if (event.id.empty()) {
    throw DecodeError(event_prefix(context) + "missing or empty field \"" + event_path(path, "id") +
                      "\"");
  }
  return event;
}

bool fast_decode_event(std::string_view json_object_text, Event& out) {
  JsonCursor in(json_object_text);
  std::string key;
  std::string scratch;
  return scan_event(in, 0, out, key, scratch) && in.at_end();
}

Event decode_event_full(std::string_view json_object_text) {
  return decode_event_value(parse_json_bounded(json_object_text, event_prefix("event")));
}

Event decode_event(std::string_view json_object_text) {
  {
    Event event;
    if (fast_decode_event(json_object_text, event)) return event;
  }
  return decode_event_full(json_object_text);
}

EventLogPage decode_event_page(std::string_view body) {
  {
    EventLogPage page;
    if (fast_decode_event_page(body, page)) return page;
  }
  constexpr std::string_view kContext = "event page";
  // The full path: the body is not what the fast path reads; say precisely why.
  const json page = parse_json_bounded(body, event_prefix(kContext));
  if (!page.is_object()) event_wrong_type(kContext, {}, "a JSON object", page);
  const auto data = page.find("data");
  if (data == page.end()) throw DecodeError(event_prefix(kContext) + "missing field \"data\"");
  if (!data->is_array()) event_wrong_type(kContext, "data", "an array", *data);
  EventLogPage result;
  result.data.reserve(data->size());
  std::size_t index = 0;
  for (const json& item : *data) {
    result.data.push_back(
        decode_event_value(item, kContext, "data[" + std::to_string(index++) + "]"));
  }
  result.cursor_next = read_event_cursor(page, "cursor_next");
  result.cursor_previous = read_event_cursor(page, "cursor_previous");
  return result;
}

DecodedDelivery decode_delivery(std::string_view body) {
  {
    DecodedDelivery delivery;
    if (fast_decode_delivery(body, delivery)) return delivery;
  }
  constexpr std::string_view kContext = "webhook delivery";
  const json root = parse_json_bounded(body, event_prefix(kContext));
  if (!root.is_object()) event_wrong_type(kContext, {}, "a JSON object", root);
  DecodedDelivery delivery;
  const auto subscription = root.find("subscription_id");
  if (subscription == root.end()) {
    throw DecodeError(event_prefix(kContext) + "missing field \"subscription_id\"");
  }
  if (!subscription->is_string()) {
    event_wrong_type(kContext, "subscription_id", "a string", *subscription);
  }
  delivery.subscription_id = subscription->get<std::string>();
  if (delivery.subscription_id.empty()) {
    throw DecodeError(event_prefix(kContext) + "field \"subscription_id\" is empty");
  }
  const auto event = root.find("event");
  if (event == root.end()) throw DecodeError(event_prefix(kContext) + "missing field \"event\"");
  delivery.event = decode_event_value(*event, kContext, "event");
  return delivery;
}

}  // namespace closeio::internal

namespace closeio::internal {

std::optional<std::string> scan_subscription_id(std::string_view body) {
  JsonCursor in(body);
  std::string key;
  std::optional<std::string> id;
  if (!in.consume('{')) return std::nullopt;
  if (in.consume('}')) return std::nullopt;
  do {
    if (!in.string(key) || !in.consume(':')) return std::nullopt;
    if (key == "subscription_id" && in.next_is('"')) {
      if (!in.string(id.emplace())) return std::nullopt;
      continue;
    }
    if (key == "subscription_id") id.reset();  // A repeated key replaces the earlier value.
    std::string_view ignored;
    if (!in.value(ignored, 1)) return std::nullopt;
  } while (in.consume(','));
  if (!in.consume('}') || !in.at_end() || !id || id->empty()) return std::nullopt;
  return id;
}

}  // namespace closeio::internal
