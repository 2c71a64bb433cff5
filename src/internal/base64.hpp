// Standard base64 (RFC 4648, with padding), for HTTP Basic auth.
#pragma once

#include <string>
#include <string_view>

namespace closeio::internal {

std::string base64_encode(std::string_view bytes);

}  // namespace closeio::internal
