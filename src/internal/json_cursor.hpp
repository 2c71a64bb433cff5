// A validating, non-allocating reader of JSON text for the decoders' fast paths: it reads
// strings (unescaped into a buffer), literals, and whole values of any kind, which it checks
// against RFC 8259 (nesting limited to kMaxJsonDepth, UTF-8 validated) and returns as the exact
// span of bytes received. It never throws and reports no errors: a false return means "not the
// expected JSON here", and the caller falls back to the nlohmann-based decoder, which then says
// precisely what is wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace closeio::internal {

class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) noexcept
      : p_(text.data()), end_(text.data() + text.size()) {}

  // The small members are inline: the decoders' fast paths call them for every token.

  /// Skips whitespace; consumes `c` if it comes next.
  bool consume(char c) noexcept {
    skip_space();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  /// Skips whitespace; true if `c` comes next (not consumed).
  bool next_is(char c) noexcept {
    skip_space();
    return p_ < end_ && *p_ == c;
  }
  /// Skips whitespace; true at the end of the text.
  bool at_end() noexcept {
    skip_space();
    return p_ == end_;
  }
  /// Consumes the literal `word` ("null", "true", "false") if it comes next.
  bool literal(std::string_view word) noexcept {
    skip_space();
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::string_view(p_, word.size()) != word) {
      return false;
    }
    p_ += word.size();
    return true;
  }
  /// A JSON string, unescaped into `out` (replaced). False on any invalid string.
  bool string(std::string& out);
  /// A small non-negative JSON integer (at most 18 digits, no fraction or exponent) into `out`;
  /// false for anything else (negative, huge, 1.5, 1e3), with the cursor then unspecified.
  bool small_integer(std::int64_t& out) noexcept;
  /// Any one JSON value at nesting level `depth` (0 for a top-level value), checked; `span` is
  /// its text exactly as received (without surrounding whitespace).
  bool value(std::string_view& span, std::size_t depth = 0) noexcept;

 private:
  void skip_space() noexcept {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  bool skip_string() noexcept;
  bool string_body(std::string* out);
  bool skip_number() noexcept;
  bool skip_container(std::size_t depth) noexcept;
  bool escape(std::string* out) noexcept;
  bool utf8_sequence(std::string* out) noexcept;

  const char* p_;
  const char* end_;
};

}  // namespace closeio::internal
