// The wire format of every resource, decoded with nlohmann/json's SAX interface, driven by the
// resource's field table (internal/resource_tables.cpp).
//
// Why SAX: a list page of 100 outcomes must decode in about 2 µs per outcome on a slow machine.
// Building a DOM first allocates a node per value and a map per object, then copies every string
// again into the Outcome; a SAX handler writes each value straight into its field through the
// table's row. (Measured on a 2-core Xeon VM, ~500-byte outcomes: DOM parse alone 3.1 µs per
// outcome; this decoder 1.6-1.9 µs, within 5-10% of nlohmann's SAX parser driving a handler that
// does nothing.) It also makes the depth limit cheap and safe: nlohmann's SAX parser is iterative,
// and the handler below stops at kMaxJsonDepth, so a body of 100,000 '[' is refused without
// recursion and without building anything.
#include "internal/json_codec.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "closeio/errors.hpp"
#include "closeio/timestamp.hpp"
#include "internal/json_fast_decode.hpp"
#include "internal/resource_tables.hpp"

namespace closeio::internal {
namespace {

using json = nlohmann::json;

// Longest part of nlohmann's parse error text kept in a DecodeError message: its "last read"
// token can be a large slice of the body.
constexpr std::size_t kMaxParserMessage = 160;

// What a JSON value turned out to be, for "expected X, got Y" messages.
enum class Kind { null, boolean, number, string, object, array };

const char* kind_name(Kind kind) noexcept {
  switch (kind) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return "boolean";
    case Kind::number:
      return "number";
    case Kind::string:
      return "string";
    case Kind::object:
      return "object";
    case Kind::array:
      break;
  }
  return "array";
}

[[noreturn]] void throw_parse_error(const char* prefix, std::size_t position,
                                    const nlohmann::detail::exception& error) {
  throw_json_parse_error(prefix, position, error.what());
}

[[noreturn]] void throw_too_deep(const char* prefix) {
  throw DecodeError(std::string(prefix) + "JSON nested deeper than " +
                    std::to_string(kMaxJsonDepth) + " levels");
}

// What the JSON type of a field must be, as said in error messages.
template <class T>
const char* expected_for(const FieldSpec<T>& row) noexcept {
  switch (row.type) {
    case JsonType::string:
      return row.nullable ? "a string or null" : "a string";
    case JsonType::integer:
      return row.nullable ? "an integer or null" : "an integer";
    case JsonType::boolean:
      return row.nullable ? "a boolean or null" : "a boolean";
    case JsonType::raw:
      return "a JSON value";
    case JsonType::string_array:
      break;
  }
  return row.nullable ? "an array or null" : "an array";
}

// A SAX handler that fills one resource (single mode) or a Page of them (page mode) as the
// parser walks the body, reading the resource's field table. It is a small state machine:
// `where_` is the container being read, `row_` the field whose value comes next (nullptr for a
// key the table does not know), and `skip_` counts open containers under an unknown key, whose
// whole content is ignored. Every mistake throws DecodeError at once.
template <class T>
class TableHandler {
 public:
  using string_t = json::string_t;
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using binary_t = json::binary_t;

  // Single mode: decode one resource into `item`.
  explicit TableHandler(T& item) : current_(&item) { set_prefix(false); }
  // Page mode: decode a list page into `page`.
  explicit TableHandler(Page<T>& page) : page_(&page) { set_prefix(true); }

  // True once a page's `data` was seen (checked after parsing).
  bool saw_data() const noexcept { return saw_data_; }
  const char* prefix() const noexcept { return prefix_.c_str(); }

  bool null() {
    if (raw_scalar("null", true)) return true;
    return scalar(Kind::null);
  }
  bool boolean(bool value) {
    if (raw_scalar(value ? "true" : "false", false)) return true;
    if (skip_ == 0 && where_ == Where::item && row_ != nullptr && row_->type == JsonType::boolean) {
      row_->set_bool(*current_, value);
      return true;
    }
    if (skip_ == 0 && where_ == Where::page && page_key_ == PageKey::has_more) {
      page_->has_more = value;
      return true;
    }
    return scalar(Kind::boolean);
  }
  bool number_integer(number_integer_t value) {
    if (raw_scalar(std::to_string(value), false)) return true;
    return integer(value >= 0, static_cast<std::uint64_t>(value), value);
  }
  bool number_unsigned(number_unsigned_t value) {
    if (raw_scalar(std::to_string(value), false)) return true;
    return integer(true, value, static_cast<std::int64_t>(value));
  }
  bool number_float(number_float_t /*value*/, const string_t& text) {
    if (raw_scalar(text, false)) return true;  // The number as written: no rounding.
    return scalar(Kind::number);
  }
  bool binary(binary_t& /*value*/) { return scalar(Kind::string); }  // Not produced by JSON.

  bool string(string_t& value) {
    if (raw_active() || raw_target()) {
      std::string quoted;
      append_json_string(quoted, value, "");  // Valid UTF-8: the parser checked it.
      return raw_scalar(quoted, false);
    }
    if (skip_ > 0) return true;
    if (where_ == Where::item) {
      if (row_ == nullptr) return true;
      if (row_->type == JsonType::string) {
        set_text(value);
        return true;
      }
    } else if (where_ == Where::list) {
      set_text(value);
      ++list_index_;
      return true;
    } else if (where_ == Where::page && page_key_ == PageKey::other) {
      return true;
    }
    return scalar(Kind::string);
  }

  bool start_object(std::size_t /*elements*/) {
    enter();
    if (raw_open('{')) return true;
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    switch (where_) {
      case Where::top:
        where_ = page_ ? Where::page : Where::item;
        row_ = nullptr;
        page_key_ = PageKey::other;
        return true;
      case Where::data:
        page_->data.emplace_back();
        current_ = &page_->data.back();
        where_ = Where::item;
        row_ = nullptr;
        return true;
      case Where::page:
        if (page_key_ == PageKey::other) {
          skip_ = 1;
          return true;
        }
        break;
      case Where::item:
        if (row_ == nullptr) {
          skip_ = 1;
          return true;
        }
        break;
      default:
        break;
    }
    wrong_type(Kind::object);
  }

  bool end_object() {
    --depth_;
    if (raw_close('}')) return true;
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    if (where_ == Where::item && page_) {
      where_ = Where::data;
      ++index_;
    } else {
      where_ = Where::done;
    }
    return true;
  }

  bool start_array(std::size_t /*elements*/) {
    enter();
    if (raw_open('[')) return true;
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    if (where_ == Where::page && page_key_ == PageKey::data) {
      // A repeated key replaces the earlier value, as it would in a DOM.
      page_->data.clear();
      saw_data_ = true;
      index_ = 0;
      where_ = Where::data;
      return true;
    }
    if (where_ == Where::item && row_ != nullptr && row_->type == JsonType::string_array) {
      row_->reset(*current_);
      list_index_ = 0;
      where_ = Where::list;
      return true;
    }
    if ((where_ == Where::page && page_key_ == PageKey::other) ||
        (where_ == Where::item && row_ == nullptr)) {
      skip_ = 1;
      return true;
    }
    wrong_type(Kind::array);
  }

  bool end_array() {
    --depth_;
    if (raw_close(']')) return true;
    if (skip_ > 0) {
      --skip_;
    } else if (where_ == Where::list) {
      where_ = Where::item;
    } else {
      where_ = Where::page;  // The end of `data`.
    }
    return true;
  }

  bool key(string_t& key) {
    if (raw_active()) {
      raw_separator();
      append_json_string(raw_, key, "");
      raw_ += ':';
      raw_after_key_ = true;
      return true;
    }
    if (skip_ > 0) return true;
    if (where_ == Where::item) {
      row_ = table_.find(key);
    } else {
      page_key_ = key == "data"       ? PageKey::data
                  : key == "has_more" ? PageKey::has_more
                                      : PageKey::other;
    }
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) {
    throw_parse_error(prefix(), position, error);
  }

 private:
  enum class Where : std::uint8_t { top, page, data, item, list, done };
  enum class PageKey : std::uint8_t { other, data, has_more };

  void set_prefix(bool page) {
    prefix_ = "decoding ";
    prefix_ += table_.resource;
    prefix_ += page ? " page: " : ": ";
  }

  void enter() {
    if (++depth_ > kMaxJsonDepth) throw_too_deep(prefix());
  }

  // ---- JsonType::raw rows: the value is rebuilt as compact JSON text, then handed to the row.
  bool raw_active() const noexcept { return !raw_open_.empty(); }
  // The next value belongs to a raw row (and no raw value is being collected yet).
  bool raw_target() const noexcept {
    return skip_ == 0 && where_ == Where::item && row_ != nullptr && row_->type == JsonType::raw;
  }
  // Before a value or key inside the collected value: the comma that separates it.
  void raw_separator() {
    if (raw_after_key_) {
      raw_after_key_ = false;
    } else if (raw_active()) {
      if (!raw_open_.back()) raw_ += ',';
      raw_open_.back() = false;
    }
  }
  // A scalar: part of the collected value, or a whole raw value. `is_null`: null of a
  // nullable row means absent, as for every other row.
  bool raw_scalar(const std::string& text, bool is_null) {
    if (raw_active()) {
      raw_separator();
      raw_ += text;
      return true;
    }
    if (!raw_target()) return false;
    if (is_null && row_->nullable) {
      row_->reset(*current_);
    } else {
      set_text(text);
    }
    return true;
  }
  bool raw_open(char bracket) {
    if (!raw_active()) {
      if (!raw_target()) return false;
      raw_.clear();
    } else {
      raw_separator();
    }
    raw_ += bracket;
    raw_open_.push_back(true);
    return true;
  }
  bool raw_close(char bracket) {
    if (!raw_active()) return false;
    raw_ += bracket;
    raw_open_.pop_back();
    if (!raw_active()) set_text(raw_);
    return true;
  }

  void set_text(const std::string& text) {
    try {
      row_->set_text(*current_, text);
    } catch (const std::invalid_argument& e) {  // A malformed timestamp.
      throw DecodeError(std::string(prefix()) + "field \"" + path() + "\": " + e.what());
    }
  }

  bool integer(bool non_negative, std::uint64_t magnitude, std::int64_t value) {
    if (skip_ == 0 && where_ == Where::item && row_ != nullptr && row_->type == JsonType::integer) {
      // Values beyond int64 cannot be a duration in seconds.
      if (!non_negative || magnitude <= static_cast<std::uint64_t>(INT64_MAX)) {
        row_->set_integer(*current_, value);
        return true;
      }
    }
    return scalar(Kind::number);
  }

  // A value that is not a string and not a container.
  bool scalar(Kind kind) {
    if (skip_ > 0) return true;
    if (where_ == Where::page && page_key_ == PageKey::other) return true;
    if (where_ == Where::item) {
      if (row_ == nullptr) return true;
      if (kind == Kind::null && row_->nullable) {
        row_->reset(*current_);
        return true;
      }
    }
    wrong_type(kind);
  }

  // Where the offending value is: "name", "applies_to[1]", "data[3].name", "data[2]".
  std::string path() const {
    std::string result;
    if (page_ && (where_ == Where::data || where_ == Where::item || where_ == Where::list)) {
      result = "data[" + std::to_string(index_) + "]";
      if (where_ == Where::data) return result;
      result += '.';
    }
    if (where_ == Where::page) {
      return page_key_ == PageKey::data ? "data" : "has_more";
    }
    result += row_ != nullptr ? row_->name : std::string_view("?");
    if (where_ == Where::list) result += "[" + std::to_string(list_index_) + "]";
    return result;
  }

  [[noreturn]] void wrong_type(Kind got) const {
    if (where_ == Where::top) {
      throw DecodeError(std::string(prefix()) + "expected a JSON object, got " + kind_name(got));
    }
    const char* expected = "an object";
    if (where_ == Where::list) {
      expected = "a string";
    } else if (where_ == Where::page) {
      expected = page_key_ == PageKey::data ? "an array" : "a boolean";
    } else if (where_ == Where::item && row_ != nullptr) {
      expected = expected_for(*row_);
    }
    throw DecodeError(std::string(prefix()) + "field \"" + path() + "\": expected " + expected +
                      ", got " + kind_name(got));
  }

  const ResourceTable<T>& table_ = resource_table<T>();
  std::string prefix_;
  T* current_ = nullptr;     // The item being filled.
  Page<T>* page_ = nullptr;  // Set in page mode only.
  Where where_ = Where::top;
  const FieldSpec<T>* row_ = nullptr;  // The field whose value comes next; null: unknown key.
  PageKey page_key_ = PageKey::other;
  std::size_t depth_ = 0;       // Open containers, for the depth limit.
  std::size_t skip_ = 0;        // Open containers under an unknown key; 0 when not skipping.
  std::size_t index_ = 0;       // Index in `data` of the current item.
  std::size_t list_index_ = 0;  // Index in an array field of the next item.
  bool saw_data_ = false;
  std::string raw_;             // The raw value being collected.
  std::vector<bool> raw_open_;  // Its open containers: true while a container has no item yet.
  bool raw_after_key_ = false;  // The next raw value follows a key (no comma before it).
};

// A SAX handler that accepts any JSON object (within the depth limit) and nothing else.
class ObjectOnlyHandler {
 public:
  using string_t = json::string_t;
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using binary_t = json::binary_t;

  static constexpr const char* kPrefix = "decoding delete response: ";

  bool null() { return value(Kind::null); }
  bool boolean(bool /*value*/) { return value(Kind::boolean); }
  bool number_integer(number_integer_t /*value*/) { return value(Kind::number); }
  bool number_unsigned(number_unsigned_t /*value*/) { return value(Kind::number); }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) {
    return value(Kind::number);
  }
  bool string(string_t& /*value*/) { return value(Kind::string); }
  bool binary(binary_t& /*value*/) { return value(Kind::string); }
  bool start_object(std::size_t /*elements*/) { return enter(Kind::object); }
  bool start_array(std::size_t /*elements*/) { return enter(Kind::array); }
  bool end_object() { return leave(); }
  bool end_array() { return leave(); }
  static bool key(string_t& /*key*/) { return true; }
  static bool parse_error(std::size_t position, const std::string& /*last_token*/,
                          const nlohmann::detail::exception& error) {
    throw_parse_error(kPrefix, position, error);
  }

 private:
  bool value(Kind kind) const {
    if (depth_ == 0) {
      throw DecodeError(std::string(kPrefix) + "expected an empty body or a JSON object, got " +
                        kind_name(kind));
    }
    return true;
  }
  bool enter(Kind kind) {
    if (depth_ == 0 && kind != Kind::object) value(kind);
    if (++depth_ > kMaxJsonDepth) throw_too_deep(kPrefix);
    return true;
  }
  bool leave() {
    --depth_;
    return true;
  }

  std::size_t depth_ = 0;
};

template <class Handler>
void run_parser(std::string_view body, Handler& handler, const char* prefix) {
  // strict = true: anything after the top-level value is an error.
  if (!json::sax_parse(body.data(), body.data() + body.size(), &handler, json::input_format_t::json,
                       true)) {
    // The handlers throw on every failure they see; this is a guard, not an expected path.
    throw DecodeError(std::string(prefix) + "invalid JSON");
  }
}

}  // namespace

// Throws the DecodeError for a body nlohmann could not parse. `position` is nlohmann's count of
// bytes read, so it is the 1-based position of the offending byte (or the length of a truncated
// body plus one).
void throw_json_parse_error(const char* prefix, std::size_t position, std::string_view what) {
  // nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 9:
  // syntax error ...": keep only the part after its own location, which we replace.
  std::string_view text = what;
  if (const auto bracket = text.find("] ");
      !text.empty() && text[0] == '[' && bracket != std::string_view::npos) {
    text.remove_prefix(bracket + 2);
  }
  if (text.substr(0, 11) == "parse error") {
    if (const auto colon = text.find(": "); colon != std::string_view::npos) {
      text.remove_prefix(colon + 2);
    }
  }
  std::string message = prefix;
  message += "invalid JSON at byte ";
  message += std::to_string(position);
  message += ": ";
  // The token text may hold invalid UTF-8 or control bytes from the body; keep the message one
  // clean ASCII line.
  const std::size_t kept = text.size() < kMaxParserMessage ? text.size() : kMaxParserMessage;
  for (std::size_t i = 0; i < kept; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    message += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  }
  if (kept < text.size()) message += "...";
  throw DecodeError(message);
}

template <class T>
T decode_resource_full(std::string_view body) {
  T item;
  TableHandler<T> handler(item);
  run_parser(body, handler, handler.prefix());
  return item;
}

template <class T>
Page<T> decode_page_full(std::string_view body) {
  Page<T> page;
  page.data.reserve(100);
  TableHandler<T> handler(page);
  run_parser(body, handler, handler.prefix());
  if (!handler.saw_data()) {
    throw DecodeError("decoding " + std::string(resource_table<T>().resource) +
                      " page: missing field \"data\"");
  }
  return page;
}

template <class T>
T decode_resource(std::string_view body) {
  T item;
  if (fast_decode_resource(body, item)) return item;
  return decode_resource_full<T>(body);
}

template <class T>
Page<T> decode_page(std::string_view body) {
  Page<T> page;
  // Close's default page size; saves the vector's regrowth (and the moves of every item it
  // would bring) for the common page.
  page.data.reserve(100);
  if (fast_decode_page(body, page)) return page;
  return decode_page_full<T>(body);
}

#define CLOSEIO_INSTANTIATE_DECODERS(T)                 \
  template T decode_resource<T>(std::string_view);      \
  template T decode_resource_full<T>(std::string_view); \
  template Page<T> decode_page<T>(std::string_view);    \
  template Page<T> decode_page_full<T>(std::string_view);
CLOSEIO_INSTANTIATE_DECODERS(Outcome)
CLOSEIO_INSTANTIATE_DECODERS(Call)
CLOSEIO_INSTANTIATE_DECODERS(Meeting)
CLOSEIO_INSTANTIATE_DECODERS(WebhookSubscription)
#undef CLOSEIO_INSTANTIATE_DECODERS

void check_delete_body(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
  ObjectOnlyHandler handler;
  run_parser(body, handler, ObjectOnlyHandler::kPrefix);
}

}  // namespace closeio::internal
