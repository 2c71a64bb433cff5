// Canned failures for the Close emulator, written "STATUS[:COUNT][@METHOD]" (e.g. "503:2",
// "429", "400@PUT"). Shared by closeio-fake-server's --inject and the examples' test launcher.
#pragma once

#include <algorithm>
#include <cctype>
#include <chrono>
#include <closeio/testing/fake_close_server.hpp>
#include <stdexcept>
#include <string>

namespace closeio::tools {

/// The body Close (or the proxy in front of it) sends with `status`, as a scripted answer.
/// A 429 carries `retry_after` three ways: `RateLimit`, `Retry-After` and the body's rate_reset.
inline testing::ScriptedResponse injected_failure(int status, std::chrono::seconds retry_after) {
  testing::ScriptedResponse r;
  r.status = status;
  const std::string reset = std::to_string(retry_after.count());
  switch (status) {
    case 400:
      r.body = R"({"errors": [], "field-errors": {"name": "This field is required."}})";
      break;
    case 401:
      r.body = R"({"error": "The server could not verify that you are authorized to access )"
               R"(the URL requested."})";
      break;
    case 403:
      r.body = R"({"error": "You don't have permission to do this."})";
      break;
    case 404:
      r.body = R"({"error": "Empty query: Outcome matching query does not exist."})";
      break;
    case 429:
      r.headers = {{"RateLimit", "limit=100, remaining=0, reset=" + reset}, {"Retry-After", reset}};
      r.body =
          R"({"error": {"message": "API call count exceeded for this period", "rate_reset": )" +
          reset +
          R"(, "rate_limit": 100, "rate_window": 1, "rate_limit_type": "key", )"
          R"("rate_endpoint_group": "outcome"}})";
      break;
    case 502:
    case 503:
    case 504: {
      // Failures of the ingress layer in front of Close are not JSON.
      const char* reason = status == 502   ? "Bad Gateway"
                           : status == 503 ? "Service Unavailable"
                                           : "Gateway Timeout";
      r.content_type = "text/html";
      r.body = "<html><body><h1>" + std::to_string(status) + " " + reason +
               "</h1>Injected by the Close emulator.</body></html>";
      break;
    }
    default:
      r.body = R"({"error": "Injected failure (HTTP )" + std::to_string(status) + R"()."})";
  }
  return r;
}

/// Parses "STATUS[:COUNT][@METHOD]": STATUS 400-599, COUNT >= 1 (default 1), METHOD one of
/// GET, POST, PUT, DELETE (default: any). Throws std::invalid_argument on anything else.
inline testing::ScriptedResponse parse_injected_failure(const std::string& spec,
                                                        std::chrono::seconds retry_after) {
  const auto fail = [&spec](const char* why) {
    throw std::invalid_argument("bad failure \"" + spec + "\" (" + why +
                                "; expected STATUS[:COUNT][@METHOD], e.g. 503:2 or 400@PUT)");
  };
  const auto number = [&fail](const std::string& text, const char* what) {
    if (text.empty() || text.size() > 6 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
      fail(what);
    }
    return std::stoi(text);
  };
  std::string rest = spec;
  std::string method;
  if (const auto at = rest.find('@'); at != std::string::npos) {
    method = rest.substr(at + 1);
    rest.erase(at);
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (method != "GET" && method != "POST" && method != "PUT" && method != "DELETE") {
      fail("METHOD must be GET, POST, PUT or DELETE");
    }
  }
  int count = 1;
  if (const auto colon = rest.find(':'); colon != std::string::npos) {
    count = number(rest.substr(colon + 1), "COUNT must be a positive integer");
    if (count < 1) fail("COUNT must be a positive integer");
    rest.erase(colon);
  }
  const int status = number(rest, "STATUS must be an HTTP status from 400 to 599");
  if (status < 400 || status > 599) fail("STATUS must be an HTTP status from 400 to 599");
  testing::ScriptedResponse r = injected_failure(status, retry_after);
  r.times = count;
  r.method = method;
  return r;
}

}  // namespace closeio::tools
