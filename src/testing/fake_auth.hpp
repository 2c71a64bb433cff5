// Close's two ways to authenticate: an API key over HTTP Basic, or an OAuth Bearer token.
#pragma once

#include <string>
#include <string_view>

namespace closeio::testing::internal {

/// True when `authorization` (the header value) is `Basic base64("<api_key>:")` or
/// `Bearer <access_token>`. Scheme names are case-insensitive (RFC 9110); credentials are exact.
bool is_authorized(std::string_view authorization, const std::string& api_key,
                   const std::string& access_token);

}  // namespace closeio::testing::internal
