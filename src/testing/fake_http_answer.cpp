#include "testing/fake_http_answer.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace closeio::testing::internal {
namespace {

bool is_content_type(const std::string& name) {
  static const std::string kName = "content-type";
  return std::equal(name.begin(), name.end(), kName.begin(), kName.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
}

}  // namespace

void write_api_answer(const ApiAnswer& answer, const std::string& rate_limit,
                      httplib::Response& response) {
  response.status = answer.status;
  for (const auto& [name, value] : answer.headers) response.set_header(name, value);
  response.set_header("RateLimit", rate_limit);
  response.set_content(answer.body, "application/json");
}

void write_scripted_answer(const ScriptedResponse& scripted, httplib::Response& response) {
  response.status = scripted.status;
  std::string content_type = scripted.content_type;
  for (const auto& [name, value] : scripted.headers) {
    if (is_content_type(name)) {
      content_type = value;
    } else {
      response.set_header(name, value);
    }
  }

  // Content providers always send a Content-Type; use httplib's own default when none is set.
  const std::string provider_type = content_type.empty() ? "text/plain" : content_type;
  switch (scripted.fault) {
    case Fault::none:
      // httplib labels a non-empty body without Content-Type as text/plain by itself.
      if (!content_type.empty()) response.set_header("Content-Type", content_type);
      response.body = scripted.body;
      return;

    case Fault::drop_mid_body: {
      auto body = std::make_shared<const std::string>(scripted.body);
      // An empty body would make httplib send no Content-Length at all; promise one byte.
      const std::size_t promised = std::max<std::size_t>(body->size(), 1);
      const std::size_t sent = body->size() / 2;
      response.set_content_provider(
          promised, provider_type,
          [body, sent](std::size_t offset, std::size_t, httplib::DataSink& sink) {
            if (offset < sent) sink.write(body->data() + offset, sent - offset);
            return false;  // httplib aborts the answer and closes the connection
          });
      return;
    }

    case Fault::close_connection:
      // The status line and headers go out before httplib asks for the first chunk; refusing
      // it makes httplib close the connection with no body at all.
      response.set_chunked_content_provider(provider_type,
                                            [](std::size_t, httplib::DataSink&) { return false; });
      return;

    case Fault::close_silently:
      return;  // FakeCloseServer closes the socket itself (silent_close.hpp); nothing is sent.
  }
}

}  // namespace closeio::testing::internal
