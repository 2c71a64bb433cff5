// The emulator's OAuth state: authorization codes, access tokens with their expiry, refresh
// tokens that die when used (rotation), revocation, and the counts tests read.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "closeio/oauth.hpp"

namespace closeio::testing::internal {

/// Thread-safe.
class FakeOAuthStore {
 public:
  /// What a grant request got: a new pair (with its lifetime) or an OAuth error code.
  struct Grant {
    std::optional<OAuthTokens> tokens;
    std::chrono::seconds expires_in{0};
    std::string error;  ///< "invalid_grant" when `tokens` is empty.
  };

  /// A new single-use code for `redirect_uri` (empty: any).
  std::string mint_code(const std::string& redirect_uri);
  /// A new pair as if a code had been exchanged.
  OAuthTokens issue();
  /// Uses up `code` (any redirect_uri matches one minted with an empty one).
  Grant exchange(const std::string& code, const std::string& redirect_uri);
  /// Uses up `refresh_token`: a new pair, the old refresh token dead from now on.
  Grant refresh(const std::string& refresh_token);
  /// True for an access token issued here, not revoked and not expired.
  bool accepts(const std::string& access_token) const;
  /// Lifetime of the access tokens issued from now on.
  void set_lifetime(std::chrono::seconds lifetime);
  /// Every access token issued so far expires now.
  void expire_all();
  /// Revokes an access or refresh token; false when unknown.
  bool revoke(const std::string& token);
  /// Arms the drop of the next refresh's answer.
  void arm_drop();
  /// Whether the drop is armed; disarms it.
  bool take_drop();

 private:
  OAuthTokens issue_locked(std::chrono::system_clock::time_point now);

  mutable std::mutex mutex_;
  std::uint64_t serial_ = 0;
  std::chrono::seconds lifetime_{3600};
  std::map<std::string, std::string> codes_;                             // code -> redirect_uri
  std::map<std::string, std::chrono::system_clock::time_point> access_;  // token -> expires_at
  std::map<std::string, bool> refresh_;                                  // token -> alive
  bool drop_next_refresh_ = false;
};

}  // namespace closeio::testing::internal
