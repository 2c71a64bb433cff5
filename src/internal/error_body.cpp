// Reading Close's error bodies into a message, a list of errors and flattened field errors.
//
// Error bodies come from two places: Close's application (JSON in a few shapes) and the ingress
// in front of it (HTML or plain text). Nothing here may throw: an unreadable error body must
// never hide the HTTP error it came with.
#include "internal/error_body.hpp"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "internal/json_codec.hpp"  // kMaxJsonDepth

namespace closeio::internal {
namespace {

using json = nlohmann::json;

// How deep nested field errors are followed. Close nests one level per list or sub-document;
// anything deeper is summarised as JSON text rather than followed.
constexpr int kMaxFieldErrorDepth = 16;

// Longest message built from a JSON error document. Larger than kMaxRawErrorText because many
// field errors are legitimately long, yet bounded so that a hostile body cannot make a huge
// exception message.
constexpr std::size_t kMaxJsonMessage = 4 * kMaxRawErrorText;

// The deepest nesting of brackets outside strings, stopping early past `limit`. Done by a flat
// scan before parsing so that a deeply nested body is refused without recursion anywhere.
std::size_t nesting_depth(std::string_view text, std::size_t limit) noexcept {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) break;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// Length of the valid UTF-8 sequence starting at `s[i]`, or 0 when the bytes there are not one
// (overlong forms, surrogates and values past U+10FFFF included).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;  // Allowed range of the second byte.
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;   // No overlong forms.
    if (b0 == 0xED) high = 0x9F;  // No UTF-16 surrogates.
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F;  // Nothing past U+10FFFF.
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

// Text fit for one log line: control characters (CR, LF and TAB included) become spaces, runs of
// spaces collapse to one, the ends are trimmed, bytes that are not UTF-8 become U+FFFD, and the
// result is cut to at most `limit` bytes on a character boundary, with "…" appended when cut.
std::string clean_text(std::string_view text, std::size_t limit) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026 "…"
  std::string out;
  out.reserve(text.size() < limit ? text.size() : limit);
  bool pending_space = false;
  bool cut = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c <= 0x20 || c == 0x7F) {
      pending_space = !out.empty();  // Leading blanks are dropped, inner runs collapse.
      ++i;
      continue;
    }
    std::size_t length = utf8_sequence_length(text, i);
    const std::string_view piece = length == 0 ? kReplacement : text.substr(i, length);
    if (length == 0) length = 1;
    const std::size_t needed = piece.size() + (pending_space ? 1 : 0);
    if (out.size() + needed > limit) {
      cut = true;
      break;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += piece;
    i += length;
  }
  if (cut) out += kEllipsis;
  return out;
}

// A non-negative, finite number of seconds from a JSON number or a numeric string such as
// "0.595956". Anything else gives nothing.
std::optional<double> seconds_value(const json& value) {
  double seconds = -1;
  if (value.is_number()) {
    seconds = value.get<double>();
  } else if (value.is_string()) {
    // from_chars: locale-independent, and it must consume the whole text.
    const auto& text = value.get_ref<const std::string&>();
    const char* end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, seconds);
    if (result.ec != std::errc() || result.ptr != end) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(seconds) || seconds < 0) return std::nullopt;
  return seconds;
}

const std::string* string_member(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

// Text of an error item that is not a string: its compact JSON.
std::string as_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void add_field_error(std::map<std::string, std::string>& out, const std::string& path,
                     const std::string& message) {
  if (message.empty()) return;
  std::string& slot = out[path];
  if (!slot.empty()) slot += "; ";
  slot += message;
}

std::string join_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

void flatten(const json& node, const std::string& path, int depth,
             std::map<std::string, std::string>& out);

// The members of an object of field errors, each under its own key.
void flatten_members(const json& object, const std::string& path, int depth,
                     std::map<std::string, std::string>& out) {
  for (const auto& [key, value] : object.items()) flatten(value, join_path(path, key), depth, out);
}

// One field's errors, in whichever shape Close used: a message, a list of messages, a nested
// error document `{"errors": ..., "field-errors": {...}}` (whose `errors` is itself a list of
// messages or an object keyed by list index), or a plain object keyed by sub-field.
void flatten(const json& node, const std::string& path, int depth,
             std::map<std::string, std::string>& out) {
  if (depth >= kMaxFieldErrorDepth) {
    add_field_error(out, path, clean_text(as_text(node), kMaxRawErrorText));
    return;
  }
  if (node.is_string()) {
    add_field_error(out, path, node.get<std::string>());
  } else if (node.is_array()) {
    std::size_t index = 0;
    for (const auto& item : node) {
      if (item.is_object()) {
        flatten(item, join_path(path, std::to_string(index)), depth + 1, out);
      } else {
        add_field_error(out, path, as_text(item));
      }
      ++index;
    }
  } else if (node.is_object()) {
    const auto errors = node.find("errors");
    const auto field_errors = node.find("field-errors");
    if (errors == node.end() && field_errors == node.end()) {
      flatten_members(node, path, depth + 1, out);
      return;
    }
    if (errors != node.end()) {
      if (errors->is_object()) {
        flatten_members(*errors, path, depth + 1, out);
      } else {
        flatten(*errors, path, depth + 1, out);
      }
    }
    if (field_errors != node.end()) {
      if (field_errors->is_object()) {
        flatten_members(*field_errors, path, depth + 1, out);
      } else {
        flatten(*field_errors, path, depth + 1, out);
      }
    }
  } else if (!node.is_null()) {
    add_field_error(out, path, as_text(node));
  }
}

// `errors` and `field-errors` of a validation answer.
void read_validation(const json& doc, ErrorBody& result) {
  if (const auto errors = doc.find("errors"); errors != doc.end()) {
    if (errors->is_array()) {
      for (const auto& item : *errors) result.errors.push_back(as_text(item));
    } else if (errors->is_string()) {
      result.errors.push_back(errors->get<std::string>());
    } else if (errors->is_object()) {
      flatten_members(*errors, "", 1, result.field_errors);
    }
  }
  if (const auto field_errors = doc.find("field-errors"); field_errors != doc.end()) {
    if (field_errors->is_object()) {
      flatten_members(*field_errors, "", 1, result.field_errors);
    } else if (field_errors->is_string() || field_errors->is_array()) {
      // Not a map of fields: its messages belong to no field in particular.
      std::map<std::string, std::string> loose;
      flatten(*field_errors, "", 1, loose);
      for (auto& entry : loose) result.errors.push_back(std::move(entry.second));
    }
  }
}

// "msg1; msg2; field: msg3; other.0: msg4": the general errors first, then each field's.
std::string validation_message(const ErrorBody& body) {
  std::string message;
  const auto append = [&message](const std::string& part) {
    if (part.empty()) return;
    if (!message.empty()) message += "; ";
    message += part;
  };
  for (const auto& error : body.errors) append(error);
  for (const auto& [field, error] : body.field_errors) append(field + ": " + error);
  return message;
}

ErrorBody parse(std::string_view body) {
  ErrorBody result;
  if (nesting_depth(body, kMaxJsonDepth) > kMaxJsonDepth) {
    result.message = clean_text(body, kMaxRawErrorText);
    return result;
  }
  const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {  // Not JSON (discarded), or JSON that is no Close error document.
    result.message = clean_text(body, kMaxRawErrorText);
    return result;
  }

  std::string message;
  const json* error_object = nullptr;
  if (const auto error = doc.find("error"); error != doc.end()) {
    if (error->is_string()) {
      message = error->get<std::string>();
    } else if (error->is_object()) {
      error_object = &*error;
      if (const auto* text = string_member(*error_object, "message")) message = *text;
    }
  }
  if (message.empty()) {
    if (const auto* text = string_member(doc, "message")) message = *text;
  }

  if (const auto reset = doc.find("rate_reset"); reset != doc.end()) {
    result.rate_reset_seconds = seconds_value(*reset);
  }
  if (!result.rate_reset_seconds && error_object) {
    if (const auto reset = error_object->find("rate_reset"); reset != error_object->end()) {
      result.rate_reset_seconds = seconds_value(*reset);
    }
  }

  read_validation(doc, result);
  if (message.empty()) message = validation_message(result);
  if (message.empty()) message = std::string(body);  // A JSON object that says nothing we know.
  result.message = clean_text(message, kMaxJsonMessage);
  return result;
}

}  // namespace

ErrorBody parse_error_body(std::string_view body) noexcept {
  try {
    return parse(body);
  } catch (...) {
    // Only an allocation failure can get here; an empty result allocates nothing.
    return ErrorBody{};
  }
}

}  // namespace closeio::internal
