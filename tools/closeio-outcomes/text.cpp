#include "text.hpp"

#include <nlohmann/json.hpp>

namespace closeio_cli {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0u) == 0x80u; }
bool is_control(unsigned char byte) { return byte < 0x20u || byte == 0x7Fu; }

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER

// Length of the well-formed UTF-8 sequence at text[i] (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF), or 0 when the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80u) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80u;
  unsigned char high = 0xBFu;  // the allowed range of the second byte
  if (lead >= 0xC2u && lead <= 0xDFu) {
    length = 2;
  } else if (lead >= 0xE0u && lead <= 0xEFu) {
    length = 3;
    if (lead == 0xE0u) low = 0xA0u;
    if (lead == 0xEDu) high = 0x9Fu;
  } else if (lead >= 0xF0u && lead <= 0xF4u) {
    length = 4;
    if (lead == 0xF0u) low = 0x90u;
    if (lead == 0xF4u) high = 0x8Fu;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (!is_continuation(byte(k))) return 0;
  }
  return length;
}

// U+0080..U+009F (C1 controls; U+009B is a CSI) are encoded as C2 80..C2 9F.
bool is_c1_control(std::string_view text, std::size_t i, std::size_t length) {
  return length == 2 && static_cast<unsigned char>(text[i]) == 0xC2u &&
         static_cast<unsigned char>(text[i + 1]) <= 0x9Fu;
}

}  // namespace

std::string terminal_safe(std::string_view text, const char* control_replacement,
                          bool keep_line_feeds) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const bool control = (length == 1 && is_control(static_cast<unsigned char>(text[i])) &&
                          !(keep_line_feeds && text[i] == '\n')) ||
                         is_c1_control(text, i, length);
    if (control) {
      out += control_replacement;
    } else {
      out.append(text, i, length);
    }
    i += length;
  }
  return out;
}

bool is_terminal_safe(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0 || is_c1_control(text, i, length)) return false;
    if (length == 1 && is_control(static_cast<unsigned char>(text[i]))) return false;
    i += length;
  }
  return true;
}

std::string escape_c1_in_json(std::string json) {
  // In a JSON text, DEL and C2 80..C2 9F can only stand inside a string: write them as \\u escapes.
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    const auto byte = static_cast<unsigned char>(json[i]);
    const auto next = i + 1 < json.size() ? static_cast<unsigned char>(json[i + 1]) : 0u;
    unsigned code = 0;
    if (byte == 0x7Fu) {
      code = 0x7Fu;
    } else if (byte == 0xC2u && next >= 0x80u && next <= 0x9Fu) {
      code = next;
      ++i;
    } else {
      out += json[i];
      continue;
    }
    out += "\\u00";
    out += kHex[code >> 4];
    out += kHex[code & 0xFu];
  }
  return out;
}

bool is_blank_name(std::string_view name) {
  // ASCII whitespace, and the Unicode spaces and invisible separators a pasted name may hold.
  static const char* const kBlanks[] = {
      " ",
      "\t",
      "\n",
      "\r",
      "\v",
      "\f",
      "\xC2\xA0",      // U+00A0 NO-BREAK SPACE
      "\xE1\x9A\x80",  // U+1680 OGHAM SPACE MARK
      "\xE2\x80\x80",
      "\xE2\x80\x81",
      "\xE2\x80\x82",
      "\xE2\x80\x83",  // U+2000..
      "\xE2\x80\x84",
      "\xE2\x80\x85",
      "\xE2\x80\x86",
      "\xE2\x80\x87",
      "\xE2\x80\x88",
      "\xE2\x80\x89",
      "\xE2\x80\x8A",
      "\xE2\x80\x8B",  // ..U+200B
      "\xE2\x80\xA8",
      "\xE2\x80\xA9",
      "\xE2\x80\xAF",  // U+2028, U+2029, U+202F
      "\xE2\x81\x9F",
      "\xE3\x80\x80",
      "\xEF\xBB\xBF",  // U+205F, U+3000, U+FEFF
  };
  std::size_t i = 0;
  while (i < name.size()) {
    bool matched = false;
    for (const char* blank : kBlanks) {
      const std::string_view b(blank);
      if (name.substr(i, b.size()) == b) {
        i += b.size();
        matched = true;
        break;
      }
    }
    if (!matched) return false;
  }
  return true;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    if (!is_continuation(static_cast<unsigned char>(c))) ++width;
  }
  return width;
}

std::string truncate(std::string_view text, std::size_t max_width) {
  if (display_width(text) <= max_width) return std::string(text);
  if (max_width == 0) return {};
  // Keep max_width - 1 code points, then the ellipsis.
  std::size_t kept = 0;
  std::size_t end = 0;
  for (; end < text.size(); ++end) {
    if (!is_continuation(static_cast<unsigned char>(text[end]))) {
      if (kept == max_width - 1) break;
      ++kept;
    }
  }
  return std::string(text.substr(0, end)) + "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
}

std::string without_control_chars(std::string_view text) { return terminal_safe(text, " "); }

std::string one_line(std::string_view text, std::size_t max_width) {
  std::string out;
  bool pending_space = false;
  for (char c : without_control_chars(text)) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_control(byte) || c == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return truncate(out, max_width);
}

std::string json_quoted(std::string_view text) {
  // `replace` keeps the output printable even if the text is not valid UTF-8; C1 controls are
  // escaped like the C0 ones nlohmann already escapes.
  return escape_c1_in_json(nlohmann::json(std::string(text))
                               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string display_name(std::string_view name) {
  bool plain = !name.empty() && name.front() != ' ' && name.back() != ' ' &&
               name.find('"') == std::string_view::npos &&
               name.find(": ") == std::string_view::npos && name.back() != ':' &&
               is_terminal_safe(name);
  return plain ? std::string(name) : json_quoted(name);
}

std::string display_description(const std::optional<std::string>& description) {
  return description ? json_quoted(*description) : std::string("null");
}

std::string trim_right(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r' ||
                     text[end - 1] == '\n')) {
    --end;
  }
  return std::string(text.substr(0, end));
}

}  // namespace closeio_cli
