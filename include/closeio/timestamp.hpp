/// @file
/// closeio::Timestamp and its conversions to and from Close's ISO
/// 8601 wire format.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "closeio/export.hpp"

namespace closeio {

/// A point in time in UTC with microsecond resolution, the resolution Close uses on the wire.
using Timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

/// Formats as Close does: "2025-07-29T10:30:00.000000+00:00" (UTC, six fractional digits).
/// parse_timestamp() reads the result back to the same Timestamp.
CLOSEIO_EXPORT std::string format_timestamp(Timestamp t);

/// Parses ISO 8601 "YYYY-MM-DDThh:mm:ss[.f{1,9}](Z|±hh:mm|±hhmm)" and normalises to UTC.
/// Digits beyond microseconds are truncated.
/// @throws std::invalid_argument any other text, or an impossible date or time.
CLOSEIO_EXPORT Timestamp parse_timestamp(std::string_view text);

}  // namespace closeio
