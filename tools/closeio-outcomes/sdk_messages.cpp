#include "sdk_messages.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

namespace closeio_cli {
namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::string in_tool_words(std::string message) {
  replace_all(message, "closeio: ", "");
  // Whole phrases first, where a C++ option has a command-line counterpart or none.
  replace_all(message, "; use https:// or set ClientOptions::allow_insecure_http",
              "; use https://");
  replace_all(message, "pass secrets in ClientOptions::credentials",
              "pass the key in CLOSE_API_KEY or --api-key-file");
  replace_all(message, "ClientOptions::max_retries", "--max-retries");
  replace_all(message, "max_retries", "--max-retries");
  static const std::regex too_large(R"(larger than max_response_bytes \((\d+) bytes\))");
  std::smatch match;
  if (std::regex_search(message, match, too_large)) {
    const unsigned long long bytes = std::stoull(match[1].str());
    const std::string limit = bytes % (1024 * 1024) == 0
                                  ? std::to_string(bytes / (1024 * 1024)) + " MiB"
                                  : std::to_string(bytes) + " bytes";
    message = match.prefix().str() + "larger than the " + limit + " the tool accepts" +
              match.suffix().str();
  }
  replace_all(message, "base_url", "the base URL (--base-url or CLOSE_API_BASE_URL)");
  replace_all(message, "OutcomeType::unknown", "an unknown type");
  replace_all(message, "OutcomeCreate: ", "");
  replace_all(message, "OutcomeUpdate: ", "");
  // Any other C++ qualified name keeps only its last part: "Credentials::api_key" -> "api_key".
  static const std::regex qualified(R"(\b(?:[A-Z][A-Za-z0-9]*::)+([A-Za-z_][A-Za-z0-9_]*))");
  return std::regex_replace(message, qualified, "$1");
}

bool is_html_body(const closeio::ApiError& error) {
  if (lower(error.header("content-type")).find("html") != std::string::npos) return true;
  const std::string& body = error.body();
  const auto start = body.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || body[start] != '<') return false;
  const std::string head = lower(body.substr(start, 64));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 ||
         head.rfind("<head", 0) == 0 || head.rfind("<body", 0) == 0 || head.rfind("<h1", 0) == 0 ||
         head.rfind("<title", 0) == 0;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

}  // namespace closeio_cli
