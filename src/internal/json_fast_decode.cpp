#include "internal/json_fast_decode.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

#include "closeio/timestamp.hpp"
#include "internal/json_cursor.hpp"
#include "internal/resource_tables.hpp"

namespace closeio::internal {
namespace {

// Why a second decoder: nlohmann's lexer appends every character of every string through an
// out-of-line push_back, which made decoding two thirds of the SDK's own CPU per request. The
// cursor copies runs of plain characters at once. It never reports errors itself.
using Scanner = JsonCursor;

// Skips a value under a key we do not read: only strings and literals; anything else (a
// number, an object, an array) goes to the full decoder.
bool skip_simple_value(Scanner& in, std::string& scratch) {
  if (in.next_is('"')) return in.string(scratch);
  return in.literal("null") || in.literal("true") || in.literal("false");
}

// One value of `row` into `out`.
template <class T>
bool value(Scanner& in, std::string& scratch, const FieldSpec<T>& row, T& out) {
  if (row.nullable && in.literal("null")) {
    row.reset(out);
    return true;
  }
  switch (row.type) {
    case JsonType::string:
      if (row.string_slot) return in.string(*row.string_slot(out));
      if (!in.string(scratch)) return false;
      try {
        row.set_text(out, scratch);
      } catch (const std::invalid_argument&) {
        return false;  // A malformed timestamp: the full decoder reports it, naming the field.
      }
      return true;
    case JsonType::integer: {
      std::int64_t number = 0;
      if (!in.small_integer(number)) return false;
      row.set_integer(out, number);
      return true;
    }
    case JsonType::string_array:
      row.reset(out);
      if (!in.consume('[')) return false;
      if (in.consume(']')) return true;
      do {
        if (!in.string(scratch)) return false;
        row.set_text(out, scratch);
      } while (in.consume(','));
      return in.consume(']');
    case JsonType::boolean:
      if (in.literal("true")) {
        row.set_bool(out, true);
      } else if (in.literal("false")) {
        row.set_bool(out, false);
      } else {
        return false;
      }
      return true;
    case JsonType::raw:
      return false;  // Nested JSON: the full decoder rebuilds it.
  }
  return false;
}

template <class T>
bool object(Scanner& in, std::string& key, std::string& scratch, const ResourceTable<T>& table,
            T& out) {
  if (!in.consume('{')) return false;
  if (in.consume('}')) return true;
  do {
    if (!in.string(key) || !in.consume(':')) return false;
    const FieldSpec<T>* row = table.find(key);
    if (!(row ? value(in, scratch, *row, out) : skip_simple_value(in, scratch))) return false;
  } while (in.consume(','));
  return in.consume('}');
}

}  // namespace

template <class T>
bool fast_decode_resource(std::string_view body, T& out) {
  Scanner in(body);
  std::string key;
  std::string scratch;
  return object(in, key, scratch, resource_table<T>(), out) && in.at_end();
}

template <class T>
bool fast_decode_page(std::string_view body, Page<T>& out) {
  Scanner in(body);
  std::string key;
  std::string scratch;
  const ResourceTable<T>& table = resource_table<T>();
  bool saw_data = false;
  if (!in.consume('{') || in.consume('}')) return false;  // No `data`: the full decoder says so.
  do {
    if (!in.string(key) || !in.consume(':')) return false;
    if (key == "data") {
      saw_data = true;
      out.data.clear();  // A repeated key replaces the earlier value, as in the full decoder.
      if (!in.consume('[')) return false;
      if (in.consume(']')) continue;
      do {
        if (!object(in, key, scratch, table, out.data.emplace_back())) return false;
      } while (in.consume(','));
      if (!in.consume(']')) return false;
    } else if (key == "has_more") {
      if (in.literal("true")) {
        out.has_more = true;
      } else if (in.literal("false")) {
        out.has_more = false;
      } else {
        return false;
      }
    } else if (!skip_simple_value(in, scratch)) {
      return false;
    }
  } while (in.consume(','));
  return in.consume('}') && in.at_end() && saw_data;
}

template bool fast_decode_resource(std::string_view, Outcome&);
template bool fast_decode_resource(std::string_view, Call&);
template bool fast_decode_resource(std::string_view, Meeting&);
template bool fast_decode_page(std::string_view, Page<Outcome>&);
template bool fast_decode_page(std::string_view, Page<Call>&);
template bool fast_decode_page(std::string_view, Page<Meeting>&);
template bool fast_decode_resource(std::string_view, WebhookSubscription&);
template bool fast_decode_page(std::string_view, Page<WebhookSubscription>&);

}  // namespace closeio::internal
