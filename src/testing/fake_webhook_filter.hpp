// Close's webhook `extra_filter` language (EVENTS.md §2.3), evaluated on an event.
#pragma once

#include <nlohmann/json.hpp>

namespace closeio::testing::internal {

/// True when `value` passes `filter`: null passes everything; `equals`, `not_equals`,
/// `is_null`, `non_null`, `contains` (array membership or substring), `and`/`or` over
/// `filters`, `not` over `filter`, `field_accessor` (`field` of an object, then `filter`) and
/// `any_array_value` (some element passes `filter`). An unknown or malformed filter passes
/// nothing.
bool filter_admits(const nlohmann::json& filter, const nlohmann::json& value);

}  // namespace closeio::testing::internal
