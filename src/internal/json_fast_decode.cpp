#include "internal/json_fast_decode.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

#include "closeio/timestamp.hpp"
#include "internal/resource_tables.hpp"

namespace closeio::internal {
namespace {

// Why a second decoder: nlohmann's lexer appends every character of every string through an
// out-of-line push_back, which made decoding two thirds of the SDK's own CPU per request. This
// scanner copies runs of plain characters at once. It never reports errors itself.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool consume(char c) {
    skip_space();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }

  bool next_is(char c) {
    skip_space();
    return p_ < end_ && *p_ == c;
  }

  bool at_end() {
    skip_space();
    return p_ == end_;
  }

  bool literal(std::string_view word) {
    skip_space();
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::string_view(p_, word.size()) != word) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  // A JSON string into `out` (replaced). Handles escapes and validates UTF-8 as RFC 8259 and
  // nlohmann do; gives up on a lone surrogate escape.
  bool string(std::string& out) {
    if (!consume('"')) return false;
    out.clear();
    for (;;) {
      const char* run = p_;
      while (p_ < end_) {
        const auto c = static_cast<unsigned char>(*p_);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++p_;
      }
      out.append(run, static_cast<std::size_t>(p_ - run));
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return false;  // Raw control characters are not allowed in JSON strings.
      if (c == '\\') {
        if (!escape(out)) return false;
      } else if (!utf8_sequence(out)) {
        return false;
      }
    }
  }

  // Skips a value under a key we do not read: only strings and literals; anything else (a
  // number, an object, an array) goes to the full decoder.
  bool skip_simple_value(std::string& scratch) {
    if (next_is('"')) return string(scratch);
    return literal("null") || literal("true") || literal("false");
  }

  // A small non-negative JSON integer (at most 18 digits, no fraction or exponent); anything
  // else (negative, huge, 1.5, 1e3) goes to the full decoder.
  bool small_integer(std::int64_t& out) {
    skip_space();
    const char* start = p_;
    std::int64_t value = 0;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9' && p_ - start < 18) {
      value = value * 10 + (*p_ - '0');
      ++p_;
    }
    const auto digits = p_ - start;
    if (digits == 0 || (digits > 1 && *start == '0')) return false;
    if (p_ < end_ && ((*p_ >= '0' && *p_ <= '9') || *p_ == '.' || *p_ == 'e' || *p_ == 'E')) {
      return false;
    }
    out = value;
    return true;
  }

 private:
  void skip_space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool hex4(unsigned& value) {
    if (end_ - p_ < 4) return false;
    value = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = hex(p_[i]);
      if (digit < 0) return false;
      value = value * 16 + static_cast<unsigned>(digit);
    }
    p_ += 4;
    return true;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // At a backslash.
  bool escape(std::string& out) {
    if (end_ - p_ < 2) return false;
    const char kind = p_[1];
    p_ += 2;
    switch (kind) {
      case '"':
        out += '"';
        return true;
      case '\\':
        out += '\\';
        return true;
      case '/':
        out += '/';
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u': {
        unsigned cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // A low surrogate alone.
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned low = 0;
          if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
          p_ += 2;
          if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, cp);
        return true;
      }
      default:
        return false;
    }
  }

  // At a byte >= 0x80: one well-formed UTF-8 sequence (Unicode Table 3-7), copied to `out`.
  bool utf8_sequence(std::string& out) {
    const auto b0 = static_cast<unsigned char>(p_[0]);
    int length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;  // Range of the second byte.
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      if (b0 == 0xE0) low = 0xA0;
      if (b0 == 0xED) high = 0x9F;  // No UTF-16 surrogates.
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      if (b0 == 0xF0) low = 0x90;
      if (b0 == 0xF4) high = 0x8F;  // Nothing above U+10FFFF.
    } else {
      return false;
    }
    if (end_ - p_ < length) return false;
    const auto b1 = static_cast<unsigned char>(p_[1]);
    if (b1 < low || b1 > high) return false;
    for (int i = 2; i < length; ++i) {
      const auto b = static_cast<unsigned char>(p_[i]);
      if (b < 0x80 || b > 0xBF) return false;
    }
    out.append(p_, static_cast<std::size_t>(length));
    p_ += length;
    return true;
  }

  const char* p_;
  const char* end_;
};

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
    if (!(row ? value(in, scratch, *row, out) : in.skip_simple_value(scratch))) return false;
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
    } else if (!in.skip_simple_value(scratch)) {
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
