#include "closeio/credentials.hpp"

#include <stdexcept>

#include "internal/base64.hpp"
#include "internal/credentials_access.hpp"

namespace closeio {

Credentials Credentials::api_key(std::string key) { return {Kind::api_key, std::move(key)}; }

Credentials Credentials::bearer_token(std::string token) {
  return {Kind::bearer_token, std::move(token)};
}

namespace internal {

void validate_credentials(const Credentials& c) {
  const char* what = c.kind() == Credentials::Kind::bearer_token ? "access token" : "API key";
  if (c.kind() == Credentials::Kind::none) {
    throw std::invalid_argument(
        "closeio: no credentials: set ClientOptions::credentials to Credentials::api_key(...) or "
        "Credentials::bearer_token(...), or CLOSE_API_KEY / CLOSE_ACCESS_TOKEN for from_env()");
  }
  const std::string& secret = CredentialsAccess::secret(c);
  if (secret.empty())
    throw std::invalid_argument(std::string("closeio: the ") + what + " is empty");
  for (std::size_t i = 0; i < secret.size(); ++i) {
    const auto ch = static_cast<unsigned char>(secret[i]);
    // A CR or LF would let a secret inject headers; any control character is a copy-paste slip.
    if (ch < 0x20 || ch == 0x7f) {
      throw std::invalid_argument(std::string("closeio: the ") + what +
                                  " contains a control character at position " + std::to_string(i) +
                                  " (a stray newline or tab?)");
    }
    if (ch == ' ' && c.kind() == Credentials::Kind::bearer_token) {
      throw std::invalid_argument("closeio: the access token contains a space at position " +
                                  std::to_string(i));
    }
  }
  if (c.kind() == Credentials::Kind::api_key && secret.find(':') != std::string::npos) {
    throw std::invalid_argument(
        "closeio: the API key contains ':', which HTTP Basic auth cannot carry in a user name");
  }
}

std::string authorization_value(const Credentials& c) {
  const std::string& secret = CredentialsAccess::secret(c);
  if (c.kind() == Credentials::Kind::bearer_token) return "Bearer " + secret;
  return "Basic " + base64_encode(secret + ":");
}

}  // namespace internal
}  // namespace closeio
