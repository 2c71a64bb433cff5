#include "text.hpp"

#include <nlohmann/json.hpp>

namespace closeio_cli {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0u) == 0x80u; }
bool is_control(unsigned char byte) { return byte < 0x20u || byte == 0x7Fu; }

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    if (!is_continuation(static_cast<unsigned char>(c))) ++width;
  }
  return width;
}

std::string truncate(std::string_view text, std::size_t max_width) {
  if (display_width(text) <= max_width) return std::string(text);
  if (max_width == 0) return std::string();
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

std::string without_control_chars(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (is_control(static_cast<unsigned char>(c))) c = ' ';
  }
  return out;
}

std::string one_line(std::string_view text, std::size_t max_width) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
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
  // `replace` keeps the output printable even if the text is not valid UTF-8.
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string display_name(std::string_view name) {
  bool plain = !name.empty() && name.front() != ' ' && name.back() != ' ' &&
               name.find('"') == std::string_view::npos &&
               name.find(": ") == std::string_view::npos && name.back() != ':';
  for (char c : name) {
    if (is_control(static_cast<unsigned char>(c))) plain = false;
  }
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
