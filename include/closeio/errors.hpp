/// @file
/// The exceptions the SDK throws. Every one derives from closeio::Error (a std::runtime_error);
/// argument mistakes found before anything is sent are std::invalid_argument instead.
#pragma once

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "closeio/export.hpp"

namespace closeio {

/// Response headers as received: (name, value) pairs in arrival order, names as sent.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

/// Base of every SDK error. `what()` names the method, the path and the cause, never a secret.
class CLOSEIO_EXPORT Error : public std::runtime_error {
 public:
  /// `what` is the full message; `attempts` the HTTP attempts made (default 1).
  explicit Error(const std::string& what, int attempts = 1);
  /// How many HTTP attempts the call made before it gave up, retries included (0 = none sent).
  int attempts() const noexcept { return attempts_; }

 private:
  int attempts_;
};

/// The server answered with a status the operation does not accept (any non-2xx, or a redirect).
class CLOSEIO_EXPORT ApiError : public Error {
 public:
  /// Builds the error; `what()` becomes
  /// "closeio: <method> <path> failed: HTTP <status>: <message>[ (after N attempts)]".
  ApiError(std::string method, std::string path, int status, std::string message, std::string body,
           HttpHeaders headers, int attempts = 1);
  /// The HTTP status code, e.g. 404.
  int status() const noexcept { return status_; }
  /// Close's own message (`error`, or `errors` + `field-errors`), else the bounded raw body.
  const std::string& message() const noexcept { return message_; }
  /// The response body, cut to at most 64 KiB.
  const std::string& body() const noexcept { return body_; }
  /// The HTTP method of the failed call, e.g. "GET".
  const std::string& method() const noexcept { return method_; }
  /// The path of the failed call relative to the base URL, e.g. "/outcome/outcome_1/".
  const std::string& path() const noexcept { return path_; }
  /// The response headers.
  const HttpHeaders& headers() const noexcept { return headers_; }
  /// The first value of header `name` (case-insensitive), or an empty string.
  std::string header(const std::string& name) const;

 private:
  std::string method_, path_;
  int status_;
  std::string message_, body_;
  HttpHeaders headers_;
};

/// 400: the request was invalid. Carries Close's validation errors.
class CLOSEIO_EXPORT BadRequestError : public ApiError {
 public:
  /// As ApiError, plus the parsed `errors` list and flattened `field-errors` map.
  BadRequestError(std::string method, std::string path, std::string message, std::string body,
                  HttpHeaders headers, std::vector<std::string> errors,
                  std::map<std::string, std::string> field_errors, int attempts = 1);
  /// Close's `errors` list (may be empty).
  const std::vector<std::string>& errors() const noexcept { return errors_; }
  /// Close's `field-errors`, nested ones flattened to dotted paths such as "applies_to.0".
  const std::map<std::string, std::string>& field_errors() const noexcept { return field_errors_; }

 private:
  std::vector<std::string> errors_;
  std::map<std::string, std::string> field_errors_;
};

/// 401: the API key or token is missing, wrong or revoked.
class CLOSEIO_EXPORT UnauthorizedError : public ApiError {
 public:
  using ApiError::ApiError;
};

/// 403: the credentials are valid but may not perform this operation.
class CLOSEIO_EXPORT ForbiddenError : public ApiError {
 public:
  using ApiError::ApiError;
};

/// 404: no such outcome (or path).
class CLOSEIO_EXPORT NotFoundError : public ApiError {
 public:
  using ApiError::ApiError;
};

/// 429: rate limited, and the SDK's retries (if any) did not get through.
class CLOSEIO_EXPORT RateLimitError : public ApiError {
 public:
  /// As ApiError, plus how long the server asked the caller to wait.
  RateLimitError(std::string method, std::string path, std::string message, std::string body,
                 HttpHeaders headers, std::chrono::milliseconds retry_after, int attempts = 1);
  /// How long the server asked to wait before the next request, in milliseconds; zero when the
  /// server did not say.
  std::chrono::milliseconds retry_after() const noexcept { return retry_after_; }

 private:
  std::chrono::milliseconds retry_after_;
};

/// 5xx: the server, or a proxy in front of it, failed.
class CLOSEIO_EXPORT ServerError : public ApiError {
 public:
  using ApiError::ApiError;
};

/// No HTTP answer was received: DNS, connect, TLS, a dropped connection, or a timeout.
class CLOSEIO_EXPORT TransportError : public Error {
 public:
  /// `timed_out` marks a connect timeout, a request timeout or an exceeded call deadline.
  TransportError(const std::string& what, bool timed_out, int attempts = 1);
  /// True when a timeout (connect, whole request, or the call deadline) ended the call.
  bool timed_out() const noexcept { return timed_out_; }

 private:
  bool timed_out_;
};

/// The server's answer was not the JSON the API documents (malformed, truncated, wrong type,
/// too large, too deeply nested).
class CLOSEIO_EXPORT DecodeError : public Error {
 public:
  using Error::Error;
};

/// A list walk could not continue past Close's `_skip` cap without risking a row skipped or
/// repeated: the answers were not in date_created order (newest first), or more rows than the
/// cap share one date_created. The rows already delivered are correct; narrow the walk by date
/// (ActivityFilter) or use list_sliced() with more slices.
class CLOSEIO_EXPORT PaginationError : public Error {
 public:
  using Error::Error;
};

/// The call was cancelled through a CancellationSource before it completed.
class CLOSEIO_EXPORT CancelledError : public Error {
 public:
  using Error::Error;
};

/// A connection (e.g. a user's own subclass or mock written for an older SDK version) does not
/// implement the operation called. Raised by the default bodies of connection members added
/// after a connection interface was first published; no request is sent (attempts() is 0).
class CLOSEIO_EXPORT UnimplementedError : public Error {
 public:
  using Error::Error;
};

}  // namespace closeio
