// ISO 8601 as Close's date filters and request bodies accept it, parsed by the emulator itself
// (not by the SDK's parser, so that a bug there cannot hide here).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "closeio/timestamp.hpp"

namespace closeio::testing::internal {

/// A date-time "YYYY-MM-DDThh:mm[:ss[.f{1,9}]][Z|±hh:mm|±hhmm|±hh]"; without an offset it is
/// read at `default_offset` from UTC. std::nullopt for anything else, including a space where
/// the offset's '+' was (what an unencoded '+' in a query string turns into).
std::optional<Timestamp> parse_iso_date_time(std::string_view text,
                                             std::chrono::minutes default_offset);

/// As parse_iso_date_time, and also a plain date "YYYY-MM-DD" (its midnight at
/// `default_offset`), as Close's date filters take.
std::optional<Timestamp> parse_iso_date_or_time(std::string_view text,
                                                std::chrono::minutes default_offset);

/// Close's `X-TZ-Offset` header: hours from UTC, possibly fractional ("-4", "5.5"), within
/// ±24 h. std::nullopt for an absent or malformed value (then dates without offset are UTC).
std::optional<std::chrono::minutes> parse_tz_offset_header(std::string_view text);

}  // namespace closeio::testing::internal
