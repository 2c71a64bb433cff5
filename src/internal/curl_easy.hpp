// What every libcurl easy handle of this library shares, whether it runs under curl_easy_perform
// (CurlTransport) or a multi handle (CurlMultiEngine): the one-time global init, the share of DNS
// and TLS sessions, the fixed options, the per-transfer callbacks and the mapping of a finished
// transfer to an HttpResult. Kept in one place so both drivers send exactly the same requests.
#pragma once

#include <curl/curl.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "internal/curl_transport.hpp"
#include "internal/http_transport.hpp"

namespace closeio::internal {

/// Runs curl_global_init once per process (it is not thread-safe).
void curl_global_init_once();

/// A CURLSH sharing DNS answers and TLS sessions, plus the two header lists every request uses.
struct CurlShare {
  explicit CurlShare(const CurlTransportConfig& config);
  ~CurlShare();
  CurlShare(const CurlShare&) = delete;
  CurlShare& operator=(const CurlShare&) = delete;

  CURLSH* handle = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks;
  curl_slist* headers_without_body = nullptr;
  curl_slist* headers_with_body = nullptr;
  std::string authorization;  // The fixed Authorization value of the two lists (secret).
};

/// Frees a curl_slist.
struct CurlSlistFree {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

/// Per-transfer state the libcurl callbacks write into.
struct CurlTransfer {
  // The headers of a request that does not use the share's lists (its own Authorization or
  // Content-Type); libcurl reads them until the transfer ends.
  std::unique_ptr<curl_slist, CurlSlistFree> own_headers;
  std::string body;
  HttpHeaders headers;
  std::size_t max_body = 0;
  bool too_large = false;
  bool cancelled = false;
  const CancellationToken* cancellation = nullptr;
  std::string_view upload;        // The request body, handed to libcurl by the read callback.
  std::size_t upload_offset = 0;  // How much of it libcurl has taken.
  bool upload_rewindable = true;  // Whether the seek callback lets libcurl start the body again.
  int sends = 0;                  // How often libcurl started sending the request.
};

/// Sets the options fixed for a handle's lifetime. `error` must hold CURL_ERROR_SIZE bytes and
/// outlive the handle.
void configure_easy(CURL* easy, const CurlTransportConfig& config, const CurlShare& share,
                    char* error);

/// Sets the options of one attempt; `transfer` and `request` must outlive the transfer.
void prepare_easy(CURL* easy, const HttpRequest& request, const CurlShare& share,
                  CurlTransfer& transfer, std::size_t max_body);

/// The HttpResult of a transfer that ended with `code`. Moves the body and headers out of
/// `transfer`. `cancelled` reports a cancellation noticed outside libcurl (the multi engine).
HttpResult finish_easy(CURL* easy, CURLcode code, CurlTransfer& transfer, const char* error,
                       std::chrono::microseconds elapsed);

}  // namespace closeio::internal
