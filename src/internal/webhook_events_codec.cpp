#include "internal/webhook_events_codec.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace closeio::internal {
namespace {

using JsonDoc = nlohmann::json;

[[noreturn]] void refuse(std::size_t index, const std::string& what) {
  throw std::invalid_argument("events[" + std::to_string(index) + "]: " + what);
}

std::string required_string(const JsonDoc& item, const char* key, std::size_t index) {
  const auto it = item.find(key);
  if (it == item.end() || !it->is_string()) {
    refuse(index, std::string("\"") + key + "\" must be a string");
  }
  return it->get<std::string>();
}

}  // namespace

void WebhookEventsCodec::read(std::vector<WebhookEventSpec>& events, std::string_view text) {
  // The SAX decoder rebuilt `text` from JSON it already parsed (depth-limited), so this parse
  // cannot fail on syntax; the shape is what is checked here.
  const JsonDoc parsed = JsonDoc::parse(text.begin(), text.end(), nullptr, false);
  if (!parsed.is_array()) throw std::invalid_argument("expected an array of objects");
  events.clear();
  events.reserve(parsed.size());
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    const JsonDoc& item = parsed[i];
    if (!item.is_object()) refuse(i, "expected an object");
    WebhookEventSpec spec;
    spec.object_type = required_string(item, "object_type", i);
    spec.action = required_string(item, "action", i);
    if (const auto filter = item.find("extra_filter"); filter != item.end() && !filter->is_null()) {
      spec.extra_filter = filter->dump();
    }
    events.push_back(std::move(spec));
  }
}

void WebhookEventsCodec::json(const std::vector<WebhookEventSpec>& events, std::string& out,
                              std::string_view field) {
  out += '[';
  for (std::size_t i = 0; i < events.size(); ++i) {
    const WebhookEventSpec& spec = events[i];
    if (i > 0) out += ',';
    out += "{\"object_type\":";
    append_json_string(out, spec.object_type, field);
    out += ",\"action\":";
    append_json_string(out, spec.action, field);
    if (spec.extra_filter) {
      // Caller-supplied JSON is parsed, never pasted: a fragment such as `{}, "x": 1` must not
      // add members to the body.
      const JsonDoc filter = JsonDoc::parse(*spec.extra_filter, nullptr, false);
      if (!filter.is_object()) {
        throw std::invalid_argument("\"" + std::string(field) + "\": events[" + std::to_string(i) +
                                    "].extra_filter is not a JSON object");
      }
      out += ",\"extra_filter\":";
      out += filter.dump();
    }
    out += '}';
  }
  out += ']';
}

void WebhookEventsCodec::text(const std::vector<WebhookEventSpec>& events, std::string& out) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i > 0) out += ',';
    out += events[i].object_type;
    out += ':';
    out += events[i].action;
  }
}

}  // namespace closeio::internal
