#include "internal/curl_transport.hpp"

#include <curl/curl.h>

#include <mutex>
#include <new>
#include <stdexcept>
#include <utility>

#include "closeio/version.hpp"
#include "internal/curl_easy.hpp"

namespace closeio::internal {
namespace {
constexpr std::size_t kMaxPooledHandles = 64;
}  // namespace

struct CurlTransport::Share : CurlShare {
  using CurlShare::CurlShare;
};

struct CurlTransport::Handle {
  CURL* easy = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  ~Handle() {
    if (easy) curl_easy_cleanup(easy);
  }
};

CurlTransport::CurlTransport(CurlTransportConfig config)
    : config_(std::move(config)), share_(std::make_unique<Share>(config_)) {}

CurlTransport::~CurlTransport() {
  // Easy handles must go before the share they use.
  pool_.clear();
}

std::unique_ptr<CurlTransport::Handle> CurlTransport::acquire() {
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!pool_.empty()) {
      // Most recently used first: its connection is the one most likely still alive.
      auto handle = std::move(pool_.back());
      pool_.pop_back();
      return handle;
    }
  }
  auto handle = std::make_unique<Handle>();
  handle->easy = curl_easy_init();
  if (!handle->easy) throw std::bad_alloc();
  configure_easy(handle->easy, config_, *share_, handle->error);
  // A handle runs one request at a time, so one cached connection is all it can reuse; more
  // would only hold idle sockets (and server workers) open.
  curl_easy_setopt(handle->easy, CURLOPT_MAXCONNECTS, 1L);
  return handle;
}

void CurlTransport::release(std::unique_ptr<Handle> handle) {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  if (pool_.size() < kMaxPooledHandles) pool_.push_back(std::move(handle));
}

HttpResult CurlTransport::perform(const HttpRequest& request) {
  std::unique_ptr<Handle> handle = acquire();
  CURL* e = handle->easy;
  CurlTransfer transfer;
  handle->error[0] = '\0';
  prepare_easy(e, request, *share_, transfer, config_.max_response_bytes);

  const auto started = std::chrono::steady_clock::now();
  const CURLcode code = curl_easy_perform(e);
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  HttpResult result = finish_easy(e, code, transfer, handle->error, elapsed);
  // After a failure the handle is dropped, not pooled: its connection's state is unknown.
  if (result.failure == TransportFailure::none) release(std::move(handle));
  return result;
}

std::string curl_version_string() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  return std::string("libcurl/") + (info && info->version ? info->version : "unknown");
}

std::string closeio_user_agent(const std::string& suffix) {
  for (const char ch : suffix) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) {
      throw std::invalid_argument("closeio: user_agent_suffix contains a control character");
    }
  }
  std::string ua =
      std::string("closeio-cpp/") + CLOSEIO_VERSION_STRING + " (" + curl_version_string() + ")";
  if (!suffix.empty()) ua += " " + suffix;
  return ua;
}

}  // namespace closeio::internal
