// The baseline: a hand-written libcurl client sending exactly the SDK's requests (same URL, same
// request headers: Authorization Basic, Accept, Accept-Encoding, User-Agent) on one reused easy
// handle, discarding the body. Header-only; used by the fetch and TLS benchmarks.
#pragma once

#include <curl/curl.h>

#include <closeio/version.hpp>
#include <cstddef>
#include <stdexcept>
#include <string>

namespace closeio::bench {

/// The API key the emulator accepts by default (FakeCloseServerOptions::api_key).
inline const char* const kApiKey = "test-api-key";

/// Standard base64 with padding.
inline std::string base64(const std::string& bytes) {
  static const char kTable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kTable[(v >> 18) & 63];
    out += kTable[(v >> 12) & 63];
    out += kTable[(v >> 6) & 63];
    out += kTable[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += kTable[(v >> 18) & 63];
    out += kTable[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kTable[(v >> 18) & 63];
    out += kTable[(v >> 12) & 63];
    out += kTable[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

/// The User-Agent the SDK sends (no suffix): "closeio-cpp/<version> (libcurl/<version>)".
inline std::string sdk_user_agent() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  return std::string("closeio-cpp/") + CLOSEIO_VERSION_STRING + " (libcurl/" +
         (info && info->version ? info->version : "unknown") + ")";
}

/// One easy handle, set up once; get() performs a GET of `url` and discards the body; post()
/// sends a JSON body to `url` with CURLOPT_POSTFIELDS (libcurl's plainest POST) instead.
class RawCurlClient {
 public:
  /// `ca_file` (HTTPS) as ClientOptions::ca_file. The handle keeps its connection alive between
  /// calls, like any libcurl program that reuses a handle.
  explicit RawCurlClient(const std::string& url, const std::string& ca_file = "")
      : url_(url), user_agent_(sdk_user_agent()) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    easy_ = curl_easy_init();
    if (!easy_) throw std::runtime_error("curl_easy_init failed");
    const std::string authorization = "Authorization: Basic " + base64(std::string(kApiKey) + ":");
    headers_ = curl_slist_append(headers_, authorization.c_str());
    headers_ = curl_slist_append(headers_, "Accept: application/json");
    curl_easy_setopt(easy_, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, headers_);
    curl_easy_setopt(easy_, CURLOPT_USERAGENT, user_agent_.c_str());
    curl_easy_setopt(easy_, CURLOPT_ACCEPT_ENCODING, "");  // as the SDK: all it can decode
    curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &discard);
    // Not a request header, but without it libcurl brackets every transfer with nine
    // rt_sigaction() calls (SIGPIPE): the baseline would pay syscalls the SDK does not.
    curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
    if (!ca_file.empty()) curl_easy_setopt(easy_, CURLOPT_CAINFO, ca_file.c_str());
  }
  ~RawCurlClient() {
    curl_easy_cleanup(easy_);
    curl_slist_free_all(headers_);
    curl_slist_free_all(post_headers_);
    curl_global_cleanup();
  }
  RawCurlClient(const RawCurlClient&) = delete;
  RawCurlClient& operator=(const RawCurlClient&) = delete;

  /// The handle, for extra options (FRESH_CONNECT, SSL_SESSIONID_CACHE...).
  CURL* handle() const { return easy_; }

  /// Performs the GET; returns the HTTP status, or throws on a transport failure.
  long get() { return perform(); }

  /// POSTs `body` as application/json with the SDK's request headers (its header list adds
  /// `Content-Type` and an empty `Expect:`), on the same kept-alive connection; returns the HTTP
  /// status, or throws on a transport failure. The handle stays a POST handle afterwards.
  long post(const std::string& body) {
    if (!post_headers_) {
      const std::string authorization =
          "Authorization: Basic " + base64(std::string(kApiKey) + ":");
      post_headers_ = curl_slist_append(post_headers_, authorization.c_str());
      post_headers_ = curl_slist_append(post_headers_, "Accept: application/json");
      post_headers_ = curl_slist_append(post_headers_, "Expect:");
      post_headers_ = curl_slist_append(post_headers_, "Content-Type: application/json");
      curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, post_headers_);
    }
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, body.data());
    return perform();
  }

 private:
  long perform() {
    const CURLcode code = curl_easy_perform(easy_);
    if (code != CURLE_OK) {
      throw std::runtime_error(std::string("libcurl baseline: ") + curl_easy_strerror(code));
    }
    long status = 0;
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    return status;
  }

  static std::size_t discard(char*, std::size_t size, std::size_t count, void*) {
    return size * count;
  }
  std::string url_;
  std::string user_agent_;
  CURL* easy_ = nullptr;
  curl_slist* headers_ = nullptr;
  curl_slist* post_headers_ = nullptr;
};

}  // namespace closeio::bench
