#include "testing/fake_auth.hpp"

#include <cctype>

namespace closeio::testing::internal {
namespace {

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Splits "<scheme> <credentials>"; the scheme is compared case-insensitively.
bool take_scheme(std::string_view header, std::string_view scheme, std::string_view& rest) {
  if (header.size() <= scheme.size() || header[scheme.size()] != ' ') return false;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) !=
        std::tolower(static_cast<unsigned char>(scheme[i]))) {
      return false;
    }
  }
  rest = header.substr(scheme.size() + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  return true;
}

// Decodes standard base64 (padding optional) into `out`; false on any other character.
bool decode_base64(std::string_view text, std::string& out) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return false;
  out.clear();
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int value = base64_value(c);
    if (value < 0) return false;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFFu);
    }
  }
  return true;
}

}  // namespace

bool is_authorized(std::string_view authorization, const std::string& api_key,
                   const std::string& access_token) {
  std::string_view credentials;
  if (take_scheme(authorization, "Basic", credentials)) {
    std::string decoded;
    // Close's API keys are the user name with an empty password: "<key>:".
    return !api_key.empty() && decode_base64(credentials, decoded) && decoded == api_key + ":";
  }
  if (take_scheme(authorization, "Bearer", credentials)) {
    return !access_token.empty() && credentials == access_token;
  }
  return false;
}

}  // namespace closeio::testing::internal
