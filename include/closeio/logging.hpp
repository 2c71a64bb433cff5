/// @file
/// An optional hook that sees every HTTP attempt, with secrets redacted, and ready-made loggers.
#pragma once

#include <chrono>
#include <functional>
#include <iosfwd>
#include <string>

#include "closeio/errors.hpp"
#include "closeio/export.hpp"

namespace closeio {

/// One HTTP attempt as the logging hook sees it. Header values not on the SDK's allow-list
/// (Accept, Content-Type, Content-Length, Content-Encoding, Transfer-Encoding, Connection,
/// User-Agent, Server, Date, RateLimit, Retry-After, X-Rate-Limit-Limit/Remaining/Reset, and the
/// request ids X-Request-Id, Request-Id and CF-Ray) are replaced by "REDACTED"; Authorization
/// always is. A request id is what to quote when asking Close's support about one request.
struct HttpLogRecord {
  std::string method;                    ///< "GET", "POST", "PUT", "PATCH" (RawClient) or "DELETE".
  std::string url;                       ///< Full URL with query; never holds a secret.
  int attempt = 1;                       ///< 1-based attempt number within the call.
  int status = 0;                        ///< HTTP status, or 0 when no answer arrived.
  std::chrono::microseconds elapsed{0};  ///< Time from sending to the end of the answer.
  HttpHeaders request_headers;           ///< As sent, redacted.
  HttpHeaders response_headers;          ///< As received, redacted.
  std::string error;                     ///< Transport failure text; empty on an answer.
  std::string http_version;  ///< HTTP version of the attempt ("1.1", "2"); empty without one.
};

/// Receives one record per attempt: on the calling thread for a blocking call, on the session's
/// I/O thread for an asynchronous one (so it must be thread-safe and quick). Must not throw.
using HttpLogger = std::function<void(const HttpLogRecord&)>;

/// A logger that writes one line per attempt to `out`:
/// `closeio: GET https://api.close.com/api/v1/outcome/x/ attempt 1: 200 in 12.3 ms over
/// HTTP/1.1 request-id abc`, or `...: failed: <error> in ...` when no answer arrived. The line
/// holds only the record's redacted contents (no header but the request id); control characters
/// from the server are shown as `\xNN`. Lines from several threads never interleave. `out`
/// must outlive every client using the logger.
CLOSEIO_EXPORT HttpLogger stream_logger(std::ostream& out);

/// stream_logger(std::cerr): set `ClientOptions::logger = closeio::stderr_logger();` to see
/// every attempt a client makes.
CLOSEIO_EXPORT HttpLogger stderr_logger();

}  // namespace closeio
