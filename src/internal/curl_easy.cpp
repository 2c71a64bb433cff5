#include "internal/curl_easy.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <new>
#include <stdexcept>
#include <utility>

#include "internal/rate_limit_headers.hpp"

namespace closeio::internal {
namespace {

// The longest a connection may sit idle and still carry a request libcurl must not re-send
// (POST), in whole seconds (libcurl compares whole seconds, so up to 2.999 s in practice). A
// server closes idle keep-alive connections after its own timeout; a request sent as that
// happens dies unanswered, and a POST cannot be re-sent, so it would fail although the server
// never saw it. Common server timeouts are 5 s or more (Node, uvicorn, the emulator; nginx 75 s,
// load balancers 60 s), so staying under 3 s avoids the race, while back-to-back creates still
// share one warm connection. Against a server with a shorter timeout the race stays possible;
// it then costs a TransportError, never a duplicate.
constexpr long kMaxIdleSecondsForNonReplayable = 2;
// libcurl's own default for CURLOPT_MAXAGE_CONN, kept for requests it may re-send anyway.
constexpr long kMaxIdleSecondsDefault = 118;

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<CurlTransfer*>(user);
  const std::size_t n = size * count;
  // Bounded buffering: a body past the cap stops the transfer instead of growing memory.
  if (t->body.size() + n > t->max_body) {
    t->too_large = true;
    return 0;
  }
  t->body.append(data, n);
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<CurlTransfer*>(user);
  const std::size_t n = size * count;
  std::string_view line(data, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.rfind("HTTP/", 0) == 0) {
    t->headers.clear();  // A new response (after 100 Continue): keep only the final headers.
    return n;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  t->headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  return n;
}

// The body goes to libcurl through a read callback rather than CURLOPT_POSTFIELDS because a
// read callback can refuse to rewind: that is how libcurl is kept from re-sending a POST.
std::size_t on_read(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<CurlTransfer*>(user);
  const std::size_t n = std::min(size * count, t->upload.size() - t->upload_offset);
  std::memcpy(buffer, t->upload.data() + t->upload_offset, n);
  t->upload_offset += n;
  return n;
}

// libcurl rewinds the body only to send the request again (after a reused connection died
// before answering). Refusing makes it fail with CURLE_SEND_FAIL_REWIND instead: the server may
// have acted on the first copy, and a second would duplicate a create.
int on_seek(void* user, curl_off_t offset, int origin) {
  auto* t = static_cast<CurlTransfer*>(user);
  if (!t->upload_rewindable || origin != SEEK_SET || offset < 0 ||
      static_cast<std::size_t>(offset) > t->upload.size()) {
    return CURL_SEEKFUNC_CANTSEEK;
  }
  t->upload_offset = static_cast<std::size_t>(offset);
  return CURL_SEEKFUNC_OK;
}

// libcurl calls this each time it is about to send the request, its own re-sends included:
// more than one call means an earlier copy went out on a connection that then died.
int on_prereq(void* user, char* /*conn_primary_ip*/, char* /*conn_local_ip*/,
              int /*conn_primary_port*/, int /*conn_local_port*/) {
  ++static_cast<CurlTransfer*>(user)->sends;
  return CURL_PREREQFUNC_OK;
}

int on_progress(void* user, curl_off_t /*dltotal*/, curl_off_t /*dlnow*/, curl_off_t /*ultotal*/,
                curl_off_t /*ulnow*/) {
  auto* t = static_cast<CurlTransfer*>(user);
  if (t->cancellation && t->cancellation->cancelled()) {
    t->cancelled = true;
    return 1;  // Aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
  }
  return 0;
}

// libcurl wanted to send a non-replayable request again because its reused connection closed
// without an answer: the first copy reached the server, which may have acted on it.
bool refused_to_resend(CURLcode code) { return code == CURLE_SEND_FAIL_REWIND; }

// Failures that happen before a single byte of the request reaches the server.
bool fails_before_sending(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
      return true;
    default:
      return false;
  }
}

template <class T>
void set(CURL* easy, CURLoption option, T value) {
  // Every option used here exists in the libcurl versions we support; a failure is a bug.
  if (curl_easy_setopt(easy, option, value) != CURLE_OK) {
    throw std::logic_error("closeio: curl_easy_setopt failed for option " +
                           std::to_string(static_cast<int>(option)));
  }
}

// An empty `authorization` sends none; an empty `content_type` means JSON.
curl_slist* make_header_list(const std::string& authorization, bool with_body,
                             const std::string& content_type = std::string()) {
  curl_slist* list = nullptr;
  if (!authorization.empty()) {
    const std::string line = "Authorization: " + authorization;
    list = curl_slist_append(list, line.c_str());
  }
  list = curl_slist_append(list, "Accept: application/json");
  // No "Expect: 100-continue" round trip before bodies: ours are small JSON documents.
  list = curl_slist_append(list, "Expect:");
  if (with_body) {
    const std::string line =
        "Content-Type: " + (content_type.empty() ? std::string("application/json") : content_type);
    list = curl_slist_append(list, line.c_str());
  }
  if (list == nullptr) throw std::bad_alloc();
  return list;
}

void share_lock(CURL* /*handle*/, curl_lock_data data, curl_lock_access /*access*/, void* user) {
  static_cast<CurlShare*>(user)->locks[static_cast<std::size_t>(data)].lock();
}
void share_unlock(CURL* /*handle*/, curl_lock_data data, void* user) {
  static_cast<CurlShare*>(user)->locks[static_cast<std::size_t>(data)].unlock();
}

}  // namespace

// curl_global_init is not thread-safe and must run once per process, before any handle.
void curl_global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("closeio: curl_global_init failed");
    }
  });
}

CurlShare::CurlShare(const CurlTransportConfig& config) : authorization(config.authorization) {
  curl_global_init_once();
  handle = curl_share_init();
  if (!handle) throw std::bad_alloc();
  // Handles share DNS answers and TLS sessions: a new connection resumes the TLS session.
  curl_share_setopt(handle, CURLSHOPT_LOCKFUNC, &share_lock);
  curl_share_setopt(handle, CURLSHOPT_UNLOCKFUNC, &share_unlock);
  curl_share_setopt(handle, CURLSHOPT_USERDATA, this);
  curl_share_setopt(handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  headers_without_body = make_header_list(config.authorization, false);
  headers_with_body = make_header_list(config.authorization, true);
}

CurlShare::~CurlShare() {
  if (handle) curl_share_cleanup(handle);
  curl_slist_free_all(headers_without_body);
  curl_slist_free_all(headers_with_body);
}

void configure_easy(CURL* e, const CurlTransportConfig& config, const CurlShare& share,
                    char* error) {
  set(e, CURLOPT_SHARE, share.handle);
  set(e, CURLOPT_NOSIGNAL, 1L);  // Threads: no SIGALRM for DNS timeouts.
  set(e, CURLOPT_ERRORBUFFER, error);
  set(e, CURLOPT_USERAGENT, config.user_agent.c_str());
  set(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config.connect_timeout.count()));
  set(e, CURLOPT_ACCEPT_ENCODING, "");  // Every encoding this libcurl can decode.
  set(e, CURLOPT_PROTOCOLS_STR, "http,https");
  set(e, CURLOPT_FOLLOWLOCATION, 0L);  // Redirects are reported, never followed with credentials.
  // The path goes out exactly as built: ids are single percent-encoded segments, and libcurl
  // must not resolve "." or ".." segments into another resource's path.
  set(e, CURLOPT_PATH_AS_IS, 1L);
  set(e, CURLOPT_SSL_VERIFYPEER, 1L);
  set(e, CURLOPT_SSL_VERIFYHOST, 2L);
  set(e, CURLOPT_TCP_KEEPALIVE, 1L);
  set(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(config.max_response_bytes));
  if (!config.ca_file.empty()) set(e, CURLOPT_CAINFO, config.ca_file.c_str());
  if (!config.ca_path.empty()) set(e, CURLOPT_CAPATH, config.ca_path.c_str());
  // Left unset otherwise, so libcurl keeps honouring https_proxy / no_proxy.
  if (!config.proxy.empty()) set(e, CURLOPT_PROXY, config.proxy.c_str());
  set(e, CURLOPT_WRITEFUNCTION, &on_body);
  set(e, CURLOPT_HEADERFUNCTION, &on_header);
  set(e, CURLOPT_XFERINFOFUNCTION, &on_progress);
  set(e, CURLOPT_READFUNCTION, &on_read);
  set(e, CURLOPT_SEEKFUNCTION, &on_seek);
  set(e, CURLOPT_PREREQFUNCTION, &on_prereq);
}

void prepare_easy(CURL* e, const HttpRequest& request, const CurlShare& share,
                  CurlTransfer& transfer, std::size_t max_body) {
  // Room for a typical answer's headers: one allocation instead of the vector growing 1, 2, 4,
  // 8, 16 while on_header() appends.
  transfer.headers.reserve(16);
  transfer.max_body = max_body;
  transfer.cancellation = &request.cancellation;

  set(e, CURLOPT_URL, request.url.c_str());
  set(e, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  set(e, CURLOPT_MAXAGE_CONN,
      request.replayable ? kMaxIdleSecondsDefault : kMaxIdleSecondsForNonReplayable);
  if (request.authorization || !request.content_type.empty()) {
    // A request of its own (an OAuth session's current token, the token endpoint's form body).
    transfer.own_headers.reset(make_header_list(request.authorization.value_or(share.authorization),
                                                request.has_body, request.content_type));
    set(e, CURLOPT_HTTPHEADER, transfer.own_headers.get());
  } else {
    set(e, CURLOPT_HTTPHEADER,
        request.has_body ? share.headers_with_body : share.headers_without_body);
  }
  set(e, CURLOPT_WRITEDATA, &transfer);
  set(e, CURLOPT_HEADERDATA, &transfer);
  set(e, CURLOPT_XFERINFODATA, &transfer);
  set(e, CURLOPT_READDATA, &transfer);
  set(e, CURLOPT_SEEKDATA, &transfer);
  set(e, CURLOPT_PREREQDATA, &transfer);
  // The progress callback exists only to notice cancellation; without a token it is pure cost.
  set(e, CURLOPT_NOPROGRESS, request.cancellation.can_be_cancelled() ? 0L : 1L);
  if (request.has_body) {
    transfer.upload = request.body;
    transfer.upload_rewindable = request.replayable;
    set(e, CURLOPT_POST, 1L);  // With no CURLOPT_POSTFIELDS: the body comes from on_read().
    set(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else {
    set(e, CURLOPT_HTTPGET, 1L);
  }
  // POST is libcurl's own verb for a body; every other method is named explicitly.
  set(e, CURLOPT_CUSTOMREQUEST,
      request.method == "GET" || request.method == "POST" ? nullptr : request.method.c_str());
}

HttpResult finish_easy(CURL* e, CURLcode code, CurlTransfer& transfer, const char* error,
                       std::chrono::microseconds elapsed) {
  HttpResult result;
  result.elapsed = elapsed;
  result.resent_by_libcurl = transfer.sends > 1;
  long version = 0;
  curl_easy_getinfo(e, CURLINFO_HTTP_VERSION, &version);
  switch (version) {
    case CURL_HTTP_VERSION_1_0:
      result.http_version = "1.0";
      break;
    case CURL_HTTP_VERSION_1_1:
      result.http_version = "1.1";
      break;
    case CURL_HTTP_VERSION_2_0:
      result.http_version = "2";
      break;
    case CURL_HTTP_VERSION_3:
      result.http_version = "3";
      break;
    default:
      break;
  }

  if (code == CURLE_OK && !transfer.cancelled) {
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    result.status = static_cast<int>(status);
    result.request_sent = true;
    result.headers = std::move(transfer.headers);
    result.body = std::move(transfer.body);
    result.rate_limit = parse_rate_limit_info(result.headers, std::chrono::system_clock::now());
    return result;
  }

  curl_off_t pretransfer_us = 0;
  curl_easy_getinfo(e, CURLINFO_PRETRANSFER_TIME_T, &pretransfer_us);
  result.request_sent = refused_to_resend(code) ||
                        (!fails_before_sending(code) && pretransfer_us > 0) ||
                        (transfer.cancelled && transfer.sends > 0);
  if (refused_to_resend(code)) {
    result.error =
        "the connection closed before an answer; not sent again (the server may "
        "have acted on it)";
  } else if (transfer.cancelled) {
    result.error = "cancelled";
  } else {
    result.error = error && error[0] != '\0' ? std::string(error) : curl_easy_strerror(code);
  }
  if (transfer.cancelled) {
    result.failure = TransportFailure::cancelled;
  } else if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    result.failure = TransportFailure::too_large;
  } else if (code == CURLE_OPERATION_TIMEDOUT) {
    result.failure = TransportFailure::timed_out;
  } else if (!result.request_sent) {
    result.failure = TransportFailure::not_sent;
  } else {
    result.failure = TransportFailure::failed;
  }
  return result;
}

}  // namespace closeio::internal
