// The only way to read the secret inside closeio::Credentials, so that every use is greppable.
#pragma once

#include <string>

#include "closeio/credentials.hpp"

namespace closeio::internal {

struct CredentialsAccess {
  static const std::string& secret(const Credentials& c) noexcept { return c.secret_; }
};

/// Throws std::invalid_argument (naming the problem, never the secret) when `c` is missing,
/// empty, holds control characters, or is an API key with ':' (it would split Basic auth).
void validate_credentials(const Credentials& c);

/// The full `Authorization` header value: "Basic <base64(key:)>" or "Bearer <token>".
std::string authorization_value(const Credentials& c);

}  // namespace closeio::internal
