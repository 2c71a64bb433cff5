// HttpTransport over libcurl: a pool of easy handles (each keeps its keep-alive connections)
// sharing DNS and TLS sessions, so sequential calls reuse one connection and reconnects resume TLS.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "internal/http_transport.hpp"

namespace closeio::internal {

/// Settings fixed for the transport's lifetime.
struct CurlTransportConfig {
  std::string authorization;  ///< Full Authorization header value (secret).
  std::string user_agent;
  std::chrono::milliseconds connect_timeout{10000};
  std::size_t max_response_bytes = 16u * 1024u * 1024u;
  std::string ca_file, ca_path, proxy;
};

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(CurlTransportConfig config);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  HttpResult perform(const HttpRequest& request) override;

 private:
  struct Share;
  struct Handle;
  std::unique_ptr<Handle> acquire();
  void release(std::unique_ptr<Handle> handle);

  CurlTransportConfig config_;
  std::unique_ptr<Share> share_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Handle>> pool_;  // Idle handles, most recently used last.
};

/// "libcurl/7.88.1" style version of the linked libcurl, for the User-Agent.
std::string curl_version_string();

/// "closeio-cpp/<version> (libcurl/<version>)[ <suffix>]"; std::invalid_argument when `suffix`
/// holds a control character (it would split the header).
std::string closeio_user_agent(const std::string& suffix);

}  // namespace closeio::internal
