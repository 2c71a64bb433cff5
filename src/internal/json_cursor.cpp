#include "internal/json_cursor.hpp"

#include "internal/json_codec.hpp"

namespace closeio::internal {
namespace {

int cursor_hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

void append_code_point(std::string& out, unsigned cp) {
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

}  // namespace

// At a backslash: one escape, appended to `out` when there is one.
bool JsonCursor::escape(std::string* out) noexcept {
  if (end_ - p_ < 2) return false;
  const char kind = p_[1];
  p_ += 2;
  char plain = 0;
  switch (kind) {
    case '"':
    case '\\':
    case '/':
      plain = kind;
      break;
    case 'b':
      plain = '\b';
      break;
    case 'f':
      plain = '\f';
      break;
    case 'n':
      plain = '\n';
      break;
    case 'r':
      plain = '\r';
      break;
    case 't':
      plain = '\t';
      break;
    case 'u': {
      const auto hex4 = [this](unsigned& value) {
        if (end_ - p_ < 4) return false;
        value = 0;
        for (int i = 0; i < 4; ++i) {
          const int digit = cursor_hex_digit(p_[i]);
          if (digit < 0) return false;
          value = value * 16 + static_cast<unsigned>(digit);
        }
        p_ += 4;
        return true;
      };
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
      if (out) append_code_point(*out, cp);
      return true;
    }
    default:
      return false;
  }
  if (out) *out += plain;
  return true;
}

// At a byte >= 0x80: one well-formed UTF-8 sequence (Unicode Table 3-7).
bool JsonCursor::utf8_sequence(std::string* out) noexcept {
  const auto b0 = static_cast<unsigned char>(p_[0]);
  int length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;
    if (b0 == 0xED) high = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F;
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
  if (out) out->append(p_, static_cast<std::size_t>(length));
  p_ += length;
  return true;
}

bool JsonCursor::string(std::string& out) {
  if (!consume('"')) return false;
  out.clear();
  return string_body(&out);
}

// At a quote: the same checks as string(), nothing kept (so nothing allocated: no throw).
bool JsonCursor::skip_string() noexcept {
  ++p_;
  return string_body(nullptr);
}

// After the opening quote, up to and including the closing one; unescaped into `out` if given.
bool JsonCursor::string_body(std::string* out) {
  for (;;) {
    const char* run = p_;
    while (p_ < end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
      ++p_;
    }
    if (out) out->append(run, static_cast<std::size_t>(p_ - run));
    if (p_ == end_) return false;
    const auto c = static_cast<unsigned char>(*p_);
    if (c == '"') {
      ++p_;
      return true;
    }
    if (c < 0x20) return false;  // Raw control characters are not allowed in JSON strings.
    if (!(c == '\\' ? escape(out) : utf8_sequence(out))) return false;
  }
}

bool JsonCursor::small_integer(std::int64_t& out) noexcept {
  skip_space();
  const char* start = p_;
  std::int64_t value = 0;
  while (p_ < end_ && is_digit(*p_) && p_ - start < 18) {
    value = value * 10 + (*p_ - '0');
    ++p_;
  }
  const auto digits = p_ - start;
  if (digits == 0 || (digits > 1 && *start == '0')) return false;
  if (p_ < end_ && (is_digit(*p_) || *p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
  out = value;
  return true;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool JsonCursor::skip_number() noexcept {
  if (p_ < end_ && *p_ == '-') ++p_;
  if (p_ == end_) return false;
  if (*p_ == '0') {
    ++p_;
  } else if (is_digit(*p_)) {
    while (p_ < end_ && is_digit(*p_)) ++p_;
  } else {
    return false;
  }
  if (p_ < end_ && *p_ == '.') {
    ++p_;
    if (p_ == end_ || !is_digit(*p_)) return false;
    while (p_ < end_ && is_digit(*p_)) ++p_;
  }
  if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
    ++p_;
    if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
    if (p_ == end_ || !is_digit(*p_)) return false;
    while (p_ < end_ && is_digit(*p_)) ++p_;
  }
  return true;
}

// At '{' or '['. Recursion is bounded by kMaxJsonDepth.
bool JsonCursor::skip_container(std::size_t depth) noexcept {
  if (depth >= kMaxJsonDepth) return false;
  const bool object = *p_ == '{';
  const char close = object ? '}' : ']';
  ++p_;
  if (consume(close)) return true;
  std::string_view ignored;
  do {
    if (object) {
      skip_space();
      if (p_ == end_ || *p_ != '"' || !skip_string() || !consume(':')) return false;
    }
    if (!value(ignored, depth + 1)) return false;
  } while (consume(','));
  return consume(close);
}

bool JsonCursor::value(std::string_view& span, std::size_t depth) noexcept {
  skip_space();
  if (p_ == end_) return false;
  const char* start = p_;
  bool ok = false;
  switch (*p_) {
    case '"':
      ok = skip_string();
      break;
    case '{':
    case '[':
      ok = skip_container(depth);
      break;
    case 't':
      ok = literal("true");
      break;
    case 'f':
      ok = literal("false");
      break;
    case 'n':
      ok = literal("null");
      break;
    default:
      ok = skip_number();
      break;
  }
  if (ok) span = std::string_view(start, static_cast<std::size_t>(p_ - start));
  return ok;
}

}  // namespace closeio::internal
