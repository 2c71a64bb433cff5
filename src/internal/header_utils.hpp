// Small helpers over HTTP header lists: case-insensitive lookup and trimming.
#pragma once

#include <string>
#include <string_view>

#include "closeio/errors.hpp"

namespace closeio::internal {

/// ASCII case-insensitive equality, as HTTP header names compare.
bool equals_ignore_case(std::string_view a, std::string_view b) noexcept;

/// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text) noexcept;

/// The first header called `name` (case-insensitive), or nullptr.
const std::string* find_header(const HttpHeaders& headers, std::string_view name) noexcept;

}  // namespace closeio::internal
