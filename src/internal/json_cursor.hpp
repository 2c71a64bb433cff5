// A validating, non-allocating reader of JSON text for the decoders' fast paths: it reads
// strings (unescaped into a buffer), literals, and whole values of any kind, which it checks
// against RFC 8259 (nesting limited to kMaxJsonDepth, UTF-8 validated) and returns as the exact
// span of bytes received. It never throws and reports no errors: a false return means "not the
// expected JSON here", and the caller falls back to the nlohmann-based decoder, which then says
// precisely what is wrong.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace closeio::internal {

class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) noexcept
      : p_(text.data()), end_(text.data() + text.size()) {}

  /// Skips whitespace; consumes `c` if it comes next.
  bool consume(char c) noexcept;
  /// Skips whitespace; true if `c` comes next (not consumed).
  bool next_is(char c) noexcept;
  /// Skips whitespace; true at the end of the text.
  bool at_end() noexcept;
  /// Consumes the literal `word` ("null", "true", "false") if it comes next.
  bool literal(std::string_view word) noexcept;
  /// A JSON string, unescaped into `out` (replaced). False on any invalid string.
  bool string(std::string& out);
  /// Any one JSON value at nesting level `depth` (0 for a top-level value), checked; `span` is
  /// its text exactly as received (without surrounding whitespace).
  bool value(std::string_view& span, std::size_t depth = 0) noexcept;

 private:
  void skip_space() noexcept;
  bool skip_string() noexcept;
  bool skip_number() noexcept;
  bool skip_container(std::size_t depth) noexcept;
  bool escape(std::string* out) noexcept;
  bool utf8_sequence(std::string* out) noexcept;

  const char* p_;
  const char* end_;
};

}  // namespace closeio::internal
