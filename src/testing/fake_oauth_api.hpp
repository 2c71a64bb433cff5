// Close's OAuth token endpoint (`POST /oauth2/token/`, form-encoded): authorization-code
// exchange and refresh with rotation, OAuth 2.0 error bodies (RFC 6749 section 5.2), and the
// Bearer check of the access tokens it issued. Outside /api/v1/, so no API credentials needed.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <string_view>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_api_support.hpp"
#include "testing/fake_oauth_store.hpp"

namespace closeio::testing::internal {

/// The token endpoint's path.
inline constexpr std::string_view kOAuthTokenPath = "/oauth2/token/";

class FakeOAuthApi {
 public:
  /// Keeps references: both must outlive this object.
  FakeOAuthApi(const FakeCloseServerOptions& options, FakeOAuthStore& store);

  /// The answer to a request for the token endpoint; std::nullopt for any other path.
  std::optional<ApiAnswer> route(const RecordedRequest& request) const;
  /// True for `Bearer <token>` with a token issued here, neither expired nor revoked.
  bool accepts(std::string_view authorization) const;

  /// Requests to the token endpoint so far, of any kind and outcome.
  std::size_t token_requests() const { return token_requests_.load(); }
  /// Requests with grant_type=refresh_token so far, whatever their outcome.
  std::size_t refresh_requests() const { return refresh_requests_.load(); }
  /// Refreshes that issued a new pair so far.
  std::size_t refreshes_performed() const { return refreshes_performed_.load(); }

 private:
  ApiAnswer grant(const RecordedRequest& request) const;

  const FakeCloseServerOptions& options_;
  FakeOAuthStore& store_;
  mutable std::atomic<std::size_t> token_requests_{0};
  mutable std::atomic<std::size_t> refresh_requests_{0};
  mutable std::atomic<std::size_t> refreshes_performed_{0};
};

}  // namespace closeio::testing::internal
