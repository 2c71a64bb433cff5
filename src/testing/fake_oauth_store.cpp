#include "testing/fake_oauth_store.hpp"

#include <algorithm>
#include <random>
#include <utility>

namespace closeio::testing::internal {
namespace {

// Unguessable enough for tests, and distinct per emulator so one server's tokens never pass
// another's checks.
std::string random_tag() {
  std::random_device device;
  std::mt19937_64 generator(device());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag;
  for (std::uint64_t bits = generator(), i = 0; i < 12; ++i, bits >>= 4) tag += kHex[bits & 15];
  return tag;
}

}  // namespace

std::string FakeOAuthStore::mint_code(const std::string& redirect_uri) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string code = "fake_code_" + std::to_string(++serial_) + "_" + random_tag();
  codes_[code] = redirect_uri;
  return code;
}

OAuthTokens FakeOAuthStore::issue_locked(std::chrono::system_clock::time_point now) {
  const std::string serial = std::to_string(++serial_) + "_" + random_tag();
  OAuthTokens tokens;
  tokens.access_token = "fake_at_" + serial;
  tokens.refresh_token = "fake_rt_" + serial;
  tokens.expires_at = now + lifetime_;
  access_[tokens.access_token] = tokens.expires_at;
  refresh_[tokens.refresh_token] = true;
  return tokens;
}

OAuthTokens FakeOAuthStore::issue() {
  std::lock_guard<std::mutex> lock(mutex_);
  return issue_locked(std::chrono::system_clock::now());
}

FakeOAuthStore::Grant FakeOAuthStore::exchange(const std::string& code,
                                               const std::string& redirect_uri) {
  std::lock_guard<std::mutex> lock(mutex_);
  Grant grant;
  auto it = codes_.find(code);
  if (it == codes_.end() || (!it->second.empty() && it->second != redirect_uri)) {
    grant.error = "invalid_grant";
    return grant;
  }
  codes_.erase(it);  // Single-use.
  grant.tokens = issue_locked(std::chrono::system_clock::now());
  grant.expires_in = lifetime_;
  return grant;
}

FakeOAuthStore::Grant FakeOAuthStore::refresh(const std::string& refresh_token) {
  std::lock_guard<std::mutex> lock(mutex_);
  Grant grant;
  auto it = refresh_.find(refresh_token);
  if (it == refresh_.end() || !it->second) {
    grant.error = "invalid_grant";
    return grant;
  }
  it->second = false;  // Rotation: the old refresh token is dead once a new one is issued.
  grant.tokens = issue_locked(std::chrono::system_clock::now());
  grant.expires_in = lifetime_;
  return grant;
}

bool FakeOAuthStore::accepts(const std::string& access_token) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = access_.find(access_token);
  return it != access_.end() && std::chrono::system_clock::now() < it->second;
}

void FakeOAuthStore::set_lifetime(std::chrono::seconds lifetime) {
  std::lock_guard<std::mutex> lock(mutex_);
  lifetime_ = lifetime;
}

void FakeOAuthStore::expire_all() {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto now = std::chrono::system_clock::now();
  for (auto& entry : access_) entry.second = std::min(entry.second, now);
}

bool FakeOAuthStore::revoke(const std::string& token) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (access_.erase(token) > 0) return true;
  auto it = refresh_.find(token);
  if (it == refresh_.end()) return false;
  it->second = false;
  return true;
}

void FakeOAuthStore::arm_drop() {
  std::lock_guard<std::mutex> lock(mutex_);
  drop_next_refresh_ = true;
}

bool FakeOAuthStore::take_drop() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::exchange(drop_next_refresh_, false);
}

}  // namespace closeio::testing::internal
