#include "testing/fake_request_record.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>

namespace closeio::testing {

std::string RecordedRequest::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

namespace internal {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode_component(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> decode_query(std::string_view target) {
  std::vector<std::pair<std::string, std::string>> params;
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return params;
  std::string_view query = target.substr(question + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) {
      params.emplace_back(decode_component(pair), std::string());
    } else {
      params.emplace_back(decode_component(pair.substr(0, equals)),
                          decode_component(pair.substr(equals + 1)));
    }
  }
  return params;
}

RecordedRequest record_request(const httplib::Request& request) {
  RecordedRequest record;
  record.method = request.method;
  record.target = request.target;
  record.path = request.path;
  record.query = decode_query(request.target);
  record.headers.reserve(request.headers.size());
  for (const auto& [name, value] : request.headers) {
    // httplib adds these for its own bookkeeping; they were not sent by the client.
    if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
        name == "LOCAL_PORT") {
      continue;
    }
    record.headers.emplace_back(lower(name), value);
  }
  record.body = request.body;
  return record;
}

}  // namespace internal
}  // namespace closeio::testing
