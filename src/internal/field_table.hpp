// One table per resource: each row names a field on the wire, says what JSON it holds, and
// knows how to read it into and write it out of the C++ member. The decoders (fast path and
// SAX), the encoders, `_fields` checks and the public field rendering (closeio/fields.hpp) all
// walk these rows, so a new field is one row in resource_tables.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "closeio/timestamp.hpp"
#include "internal/wire_enum.hpp"

namespace closeio::internal {

/// The JSON a field holds (besides null, when the field is nullable). `raw`: any JSON value,
/// handed to the row as compact JSON text (nested objects and arrays, kept or parsed by the row).
enum class JsonType : std::uint8_t { string, integer, string_array, boolean, raw };

/// One row: a field of resource T.
template <class T>
struct FieldSpec {
  std::string_view name;             ///< Wire name.
  JsonType type = JsonType::string;  ///< JSON type of a value.
  bool nullable = false;             ///< null is a value (decodes as "absent").
  /// string: stores the text (may throw std::invalid_argument, e.g. for a bad timestamp).
  /// string_array: appends one item.
  void (*set_text)(T&, std::string_view) = nullptr;
  void (*set_integer)(T&, std::int64_t) = nullptr;  ///< integer: stores the value.
  void (*set_bool)(T&, bool) = nullptr;             ///< boolean: stores the value.
  /// For std::string members (optional or not): the string to decode into, made present. Lets
  /// the fast path scan straight into the member instead of through a scratch copy.
  std::string* (*string_slot)(T&) = nullptr;
  void (*reset)(T&) = nullptr;  ///< null, and the start of an array: empties the member.
  bool (*present)(const T&) =
      nullptr;  ///< False for an empty optional (left out of request bodies).
  /// Appends the value as JSON (a null for an empty optional). Throws std::invalid_argument
  /// for what cannot be sent: an `unknown` enum, invalid UTF-8.
  void (*write_json)(const T&, std::string&, std::string_view field) = nullptr;
  /// Appends the value as plain text ("" for an empty optional, lists joined with ',').
  void (*write_text)(const T&, std::string&) = nullptr;
};

/// Every row of one resource, and the resource's name in messages ("outcome", "call").
template <class T>
struct ResourceTable {
  std::string_view resource;
  const FieldSpec<T>* rows;
  std::size_t size;

  const FieldSpec<T>* begin() const noexcept { return rows; }
  const FieldSpec<T>* end() const noexcept { return rows + size; }
  /// The row named `key`, or nullptr. A linear scan that compares lengths first: with a dozen
  /// rows it beats hashing.
  const FieldSpec<T>* find(std::string_view key) const noexcept {
    for (const FieldSpec<T>& row : *this) {
      // Length, then first byte, then the rest: most rows are ruled out without a memcmp.
      if (row.name.size() == key.size() && !key.empty() && row.name[0] == key[0] &&
          row.name == key) {
        return &row;
      }
    }
    return nullptr;
  }
};

/// The table of resource T; defined for Outcome, Call, Meeting and CallLog.
template <class T>
const ResourceTable<T>& resource_table();

/// Appends `text` as a JSON string. Throws std::invalid_argument naming `field` when `text` is
/// not valid UTF-8.
void append_json_string(std::string& out, std::string_view text, std::string_view field);

// ---- Row builders -------------------------------------------------------------------------

namespace field_detail {

template <class C, class V>
C class_of(V C::*);
template <class C, class V>
V value_of(V C::*);

template <class V>
struct is_optional : std::false_type {};
template <class V>
struct is_optional<std::optional<V>> : std::true_type {
  using type = V;
};

// What a member of type V (std::optional<V> unwrapped) reads and writes.
template <class V>
struct Codec;

template <>
struct Codec<std::string> {
  static constexpr JsonType type = JsonType::string;
  static void read(std::string& v, std::string_view text) { v.assign(text.data(), text.size()); }
  static void json(const std::string& v, std::string& out, std::string_view field) {
    append_json_string(out, v, field);
  }
  static void text(const std::string& v, std::string& out) { out += v; }
};

template <>
struct Codec<Timestamp> {
  static constexpr JsonType type = JsonType::string;
  static void read(Timestamp& v, std::string_view text) { v = parse_timestamp(text); }
  static void json(Timestamp v, std::string& out, std::string_view /*unused*/) {
    out += '"';
    out += format_timestamp(v);
    out += '"';
  }
  static void text(Timestamp v, std::string& out) { out += format_timestamp(v); }
};

template <>
struct Codec<std::chrono::seconds> {
  static constexpr JsonType type = JsonType::integer;
  static void json(std::chrono::seconds v, std::string& out, std::string_view /*unused*/) {
    out += std::to_string(v.count());
  }
  static void text(std::chrono::seconds v, std::string& out) { out += std::to_string(v.count()); }
};

template <>
struct Codec<std::int64_t> {
  static constexpr JsonType type = JsonType::integer;
  static void json(std::int64_t v, std::string& out, std::string_view /*unused*/) {
    out += std::to_string(v);
  }
  static void text(std::int64_t v, std::string& out) { out += std::to_string(v); }
};

template <>
struct Codec<bool> {
  static constexpr JsonType type = JsonType::boolean;
  static void json(bool v, std::string& out, std::string_view /*unused*/) {
    out += v ? "true" : "false";
  }
  static void text(bool v, std::string& out) { out += v ? "true" : "false"; }
};

/// Any JSON value kept as its compact text in a std::string (an object Close documents no
/// shape for). Written back as it is: it was JSON when received, and request bodies that carry
/// caller-supplied JSON check it first.
struct RawJsonCodec {
  static constexpr JsonType type = JsonType::raw;
  static void read(std::string& v, std::string_view text) { v.assign(text.data(), text.size()); }
  static void json(const std::string& v, std::string& out, std::string_view /*unused*/) {
    out += v;
  }
  static void text(const std::string& v, std::string& out) { out += v; }
};

template <class E, const auto& Names>
struct EnumCodec {
  static constexpr JsonType type = JsonType::string;
  static void read(E& v, std::string_view text) { v = Names.parse(text); }
  static void json(E v, std::string& out, std::string_view field);
  static void text(E v, std::string& out) { out += Names.name(v); }
};

[[noreturn]] void throw_unsendable_enum(std::string_view field);

template <class E, const auto& Names>
void EnumCodec<E, Names>::json(E v, std::string& out, std::string_view field) {
  if (!Names.sendable(v)) throw_unsendable_enum(field);
  out += '"';
  out += Names.name(v);
  out += '"';
}

template <class V>
struct Identity {
  using type = V;
};

// The member M points to, seen through std::optional: read/write access shared by every row.
template <auto M>
struct Row {
  using C = decltype(class_of(M));
  using V = decltype(value_of(M));
  static constexpr bool optional = is_optional<V>::value;
  using Plain = typename std::conditional_t<optional, is_optional<V>, Identity<V>>::type;

  static const Plain& value(const C& c) {
    if constexpr (optional) {
      return *(c.*M);
    } else {
      return c.*M;
    }
  }
  static Plain& slot(C& c) {
    if constexpr (optional) {
      return (c.*M).has_value() ? *(c.*M) : (c.*M).emplace();
    } else {
      return c.*M;
    }
  }
  static bool present(const C& c) {
    if constexpr (optional) {
      return (c.*M).has_value();
    } else {
      (void)c;
      return true;
    }
  }
  static void reset(C& c) {
    if constexpr (optional) (c.*M).reset();
  }
};

template <auto M, class Cx>
constexpr FieldSpec<typename Row<M>::C> scalar_row(std::string_view name) {
  using R = Row<M>;
  using C = typename R::C;
  using Plain = typename R::Plain;
  FieldSpec<C> row;
  row.name = name;
  row.type = Cx::type;
  row.nullable = R::optional;
  if constexpr (Cx::type == JsonType::integer) {
    row.set_integer = [](C& c, std::int64_t v) { R::slot(c) = Plain(v); };
  } else if constexpr (Cx::type == JsonType::boolean) {
    row.set_bool = [](C& c, bool v) { R::slot(c) = v; };
  } else {
    row.set_text = [](C& c, std::string_view text) { Cx::read(R::slot(c), text); };
  }
  if constexpr (std::is_same_v<Plain, std::string> && Cx::type == JsonType::string) {
    row.string_slot = [](C& c) -> std::string* { return &R::slot(c); };
  }
  row.reset = [](C& c) { R::reset(c); };
  row.present = [](const C& c) { return R::present(c); };
  row.write_json = [](const C& c, std::string& out, std::string_view field) {
    if (R::present(c)) {
      Cx::json(R::value(c), out, field);
    } else {
      out += "null";
    }
  };
  row.write_text = [](const C& c, std::string& out) {
    if (R::present(c)) Cx::text(R::value(c), out);
  };
  return row;
}

}  // namespace field_detail

/// A row for a std::string, Timestamp or std::chrono::seconds member, or a std::optional of
/// one; an optional member is nullable on the wire.
template <auto M>
constexpr auto field(std::string_view name) {
  return field_detail::scalar_row<M, field_detail::Codec<typename field_detail::Row<M>::Plain>>(
      name);
}

/// A row whose value is any JSON (JsonType::raw): `Cx` has `read(V&, std::string_view json)`
/// (throwing std::invalid_argument for JSON it does not accept), `json(const V&, std::string&,
/// std::string_view field)` and `text(const V&, std::string&)`. RawJsonCodec keeps the text;
/// a codec of its own parses nested objects, e.g. an array of objects into a std::vector.
template <auto M, class Cx = field_detail::RawJsonCodec>
constexpr auto json_field(std::string_view name) {
  return field_detail::scalar_row<M, Cx>(name);
}

/// A row for an enum member (or std::optional of one) whose wire names are `Names`.
template <auto M, const auto& Names>
constexpr auto enum_field(std::string_view name) {
  using E = typename field_detail::Row<M>::Plain;
  return field_detail::scalar_row<M, field_detail::EnumCodec<E, Names>>(name);
}

/// A row for a std::vector of enums: a JSON array of wire names, nullable (null means empty).
template <auto M, const auto& Names>
constexpr auto enum_list_field(std::string_view name) {
  using C = decltype(field_detail::class_of(M));
  using E = typename decltype(field_detail::value_of(M))::value_type;
  FieldSpec<C> row;
  row.name = name;
  row.type = JsonType::string_array;
  row.nullable = true;
  row.set_text = [](C& c, std::string_view text) { (c.*M).push_back(Names.parse(text)); };
  row.reset = [](C& c) { (c.*M).clear(); };
  row.present = [](const C&) { return true; };
  row.write_json = [](const C& c, std::string& out, std::string_view field) {
    out += '[';
    for (std::size_t i = 0; i < (c.*M).size(); ++i) {
      if (i > 0) out += ',';
      field_detail::EnumCodec<E, Names>::json((c.*M)[i], out, field);
    }
    out += ']';
  };
  row.write_text = [](const C& c, std::string& out) {
    for (std::size_t i = 0; i < (c.*M).size(); ++i) {
      if (i > 0) out += ',';
      out += Names.name((c.*M)[i]);
    }
  };
  return row;
}

/// A row for a std::vector<std::string>: a JSON array of strings, nullable (null means empty).
template <auto M>
constexpr auto string_list_field(std::string_view name) {
  using C = decltype(field_detail::class_of(M));
  FieldSpec<C> row;
  row.name = name;
  row.type = JsonType::string_array;
  row.nullable = true;
  row.set_text = [](C& c, std::string_view text) { (c.*M).emplace_back(text); };
  row.reset = [](C& c) { (c.*M).clear(); };
  row.present = [](const C&) { return true; };
  row.write_json = [](const C& c, std::string& out, std::string_view field) {
    out += '[';
    for (std::size_t i = 0; i < (c.*M).size(); ++i) {
      if (i > 0) out += ',';
      append_json_string(out, (c.*M)[i], field);
    }
    out += ']';
  };
  row.write_text = [](const C& c, std::string& out) {
    for (std::size_t i = 0; i < (c.*M).size(); ++i) {
      if (i > 0) out += ',';
      out += (c.*M)[i];
    }
  };
  return row;
}

}  // namespace closeio::internal
