// Redaction of header values for the logging hook: allow-list, not deny-list, so a header we
// have never heard of (a cookie, a token of a proxy) is hidden by default.
#pragma once

#include "closeio/errors.hpp"

namespace closeio::internal {

/// `headers` with every value whose name is not on the allow-list replaced by "REDACTED".
HttpHeaders redact_headers(const HttpHeaders& headers);

}  // namespace closeio::internal
