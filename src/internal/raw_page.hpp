// Splits a `{"data": [...], "has_more": ...}` list answer into the JSON text of each item, as
// received: a raw list hands items on without parsing them into anything.
#pragma once

#include <string>
#include <string_view>

#include "closeio/list_options.hpp"

namespace closeio::internal {

/// The items of a list page, each the exact text of one element of `data`, and `has_more`
/// (false when absent). Throws closeio::DecodeError (attempts 0, no body quoted) when `body` is
/// not valid JSON, not an object, has no `data` array, or has a `has_more` that is not a boolean.
Page<std::string> split_raw_page(std::string_view body);

}  // namespace closeio::internal
