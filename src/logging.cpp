#include "closeio/logging.hpp"

#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

#include "internal/header_utils.hpp"

namespace closeio {
namespace {

// Header names that carry a request id, in the order they are preferred.
constexpr std::string_view kRequestIdHeaders[] = {"X-Request-Id", "Request-Id", "CF-Ray"};

// Text from the server (a request id, an error) goes to a terminal: control characters are
// shown, never sent raw (an ESC could rewrite the terminal). Bytes >= 0x80 pass: UTF-8.
void append_printable(std::string& line, std::string_view text) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
      line += escaped;
    } else {
      line += ch;
    }
  }
}

std::string_view request_id(const HttpHeaders& headers) {
  for (std::string_view name : kRequestIdHeaders) {
    for (const auto& [key, value] : headers) {
      if (internal::equals_ignore_case(key, name) && value != "REDACTED") return value;
    }
  }
  return {};
}

std::string format_line(const HttpLogRecord& record) {
  std::string line = "closeio: ";
  line += record.method;
  line += ' ';
  append_printable(line, record.url);
  line += " attempt " + std::to_string(record.attempt) + ": ";
  if (record.status != 0) {
    line += std::to_string(record.status);
  } else {
    line += "failed: ";
    append_printable(line, record.error);
  }
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, " in %.1f ms",
                static_cast<double>(record.elapsed.count()) / 1000.0);
  line += elapsed;
  if (!record.http_version.empty()) {
    line += " over HTTP/";
    append_printable(line, record.http_version);
  }
  const std::string_view id = request_id(record.response_headers);
  if (!id.empty()) {
    line += " request-id ";
    append_printable(line, id);
  }
  line += '\n';
  return line;
}

// `mutex` is shared by every logger writing to the same stream, so their lines never interleave.
HttpLogger make_stream_logger(std::ostream& out, std::shared_ptr<std::mutex> mutex) {
  return [&out, mutex = std::move(mutex)](const HttpLogRecord& record) {
    const std::string line = format_line(record);
    std::lock_guard<std::mutex> lock(*mutex);
    out << line << std::flush;
  };
}

}  // namespace

HttpLogger stream_logger(std::ostream& out) {
  return make_stream_logger(out, std::make_shared<std::mutex>());
}

HttpLogger stderr_logger() {
  static const auto stderr_mutex = std::make_shared<std::mutex>();
  return make_stream_logger(std::cerr, stderr_mutex);
}

}  // namespace closeio
