/// @file
/// How the client authenticates: a Close API key or an OAuth access token.
#pragma once

#include <string>

#include "closeio/export.hpp"

namespace closeio {
namespace internal {
struct CredentialsAccess;
}

/// A secret that authenticates requests. It is never printed: not in exception messages, logs
/// or `what()`. Validation happens when an OutcomesClient is built from it.
class CLOSEIO_EXPORT Credentials {
 public:
  /// Which kind of secret this holds.
  enum class Kind {
    none,          ///< No credentials; OutcomesClient rejects them.
    api_key,       ///< HTTP Basic: the key as user name, an empty password.
    bearer_token,  ///< OAuth 2.0: `Authorization: Bearer <token>`.
  };

  /// No credentials. OutcomesClient throws std::invalid_argument for these.
  Credentials() = default;
  /// A Close API key, sent as `Authorization: Basic base64("<key>:")`.
  static Credentials api_key(std::string key);
  /// An OAuth 2.0 access token, sent as `Authorization: Bearer <token>`.
  static Credentials bearer_token(std::string token);

  /// The kind of secret held.
  Kind kind() const noexcept { return kind_; }
  /// True when no credentials or an empty secret are held.
  bool empty() const noexcept { return kind_ == Kind::none || secret_.empty(); }

 private:
  friend struct internal::CredentialsAccess;
  Credentials(Kind kind, std::string secret) : kind_(kind), secret_(std::move(secret)) {}
  Kind kind_ = Kind::none;
  std::string secret_;
};

}  // namespace closeio
