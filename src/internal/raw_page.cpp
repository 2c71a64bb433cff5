#include "internal/raw_page.hpp"

#include <nlohmann/json.hpp>

#include "closeio/errors.hpp"

namespace closeio::internal {
namespace {

[[noreturn]] void refuse_page(const char* why) {
  throw DecodeError(std::string("decoding a list page: ") + why, 0);
}

// A cursor over text already known to be valid JSON: only structure is tracked.
struct RawPageScanner {
  std::string_view text;
  std::size_t pos = 0;

  void skip_space() {
    while (pos < text.size() &&
           (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) {
      ++pos;
    }
  }
  char peek() {
    skip_space();
    return text[pos];
  }
  // At a '"': past the closing quote; returns the raw text between the quotes.
  std::string_view string() {
    const std::size_t begin = ++pos;
    while (text[pos] != '"') pos += text[pos] == '\\' ? 2 : 1;
    return text.substr(begin, pos++ - begin);
  }
  // At the start of any value: past its end, without recursion (depth counted).
  void value() {
    skip_space();
    std::size_t depth = 0;
    do {
      const char ch = text[pos];
      if (ch == '"') {
        string();
        continue;
      }
      if (ch == '{' || ch == '[') ++depth;
      if (ch == '}' || ch == ']') --depth;
      ++pos;
      if (depth == 0 && ch != '{' && ch != '[' && ch != '}' && ch != ']') {
        // A scalar: runs to the next delimiter.
        while (pos < text.size() && text[pos] != ',' && text[pos] != '}' && text[pos] != ']' &&
               text[pos] != ' ' && text[pos] != '\t' && text[pos] != '\n' && text[pos] != '\r') {
          ++pos;
        }
      }
    } while (depth > 0);
  }
};

}  // namespace

Page<std::string> split_raw_page(std::string_view body) {
  // The acceptor parses without building anything and without recursion.
  if (!nlohmann::json::accept(body)) refuse_page("not valid JSON");
  RawPageScanner s{body};
  if (s.peek() != '{') refuse_page("not a JSON object");
  ++s.pos;
  Page<std::string> page;
  bool has_data = false;
  while (s.peek() != '}') {
    if (s.text[s.pos] == ',') ++s.pos;
    s.skip_space();
    const std::string_view key = s.string();
    s.peek();
    ++s.pos;  // ':'
    const char first = s.peek();
    if (key == "data") {
      if (first != '[') refuse_page("\"data\" is not an array");
      has_data = true;
      page.data.clear();  // A repeated key: the last one counts, as for a JSON parser.
      ++s.pos;
      while (s.peek() != ']') {
        if (s.text[s.pos] == ',') {
          ++s.pos;
          s.skip_space();
        }
        const std::size_t begin = s.pos;
        s.value();
        page.data.emplace_back(body.substr(begin, s.pos - begin));
      }
      ++s.pos;
    } else if (key == "has_more") {
      const std::size_t begin = s.pos;
      s.value();
      const std::string_view flag = body.substr(begin, s.pos - begin);
      if (flag != "true" && flag != "false") refuse_page("\"has_more\" is not a boolean");
      page.has_more = flag == "true";
    } else {
      s.value();
    }
  }
  if (!has_data) refuse_page("no \"data\" array");
  return page;
}

}  // namespace closeio::internal
