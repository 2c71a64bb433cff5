/// @file
/// An optional hook that sees every HTTP attempt, with secrets redacted.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "closeio/errors.hpp"

namespace closeio {

/// One HTTP attempt as the logging hook sees it. Header values not on the SDK's allow-list
/// (Accept, Content-Type, Content-Length, Content-Encoding, Transfer-Encoding, Connection,
/// User-Agent, Server, Date, RateLimit, Retry-After, X-Rate-Limit-Limit/Remaining/Reset) are
/// replaced by "REDACTED"; Authorization always is.
struct HttpLogRecord {
  std::string method;                    ///< "GET", "POST", "PUT" or "DELETE".
  std::string url;                       ///< Full URL with query; never holds a secret.
  int attempt = 1;                       ///< 1-based attempt number within the call.
  int status = 0;                        ///< HTTP status, or 0 when no answer arrived.
  std::chrono::microseconds elapsed{0};  ///< Time from sending to the end of the answer.
  HttpHeaders request_headers;           ///< As sent, redacted.
  HttpHeaders response_headers;          ///< As received, redacted.
  std::string error;                     ///< Transport failure text; empty on an answer.
};

/// Receives one record per attempt, on the calling thread. Must not throw.
using HttpLogger = std::function<void(const HttpLogRecord&)>;

}  // namespace closeio
