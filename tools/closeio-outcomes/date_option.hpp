// Dates given on the command line (--since, --until).
#pragma once

#include <closeio/timestamp.hpp>
#include <optional>
#include <string>

namespace closeio_cli {

/// `text` as a point in time: "YYYY-MM-DD" is that day's midnight UTC, anything else must be a
/// full ISO 8601 timestamp with an offset (closeio::parse_timestamp). Throws CliError
/// (ExitCode::usage) naming `option` for any other text.
closeio::Timestamp parse_date_option(const std::string& text, const std::string& option);

/// A window of date_created for a walk of calls or meetings: [from, to).
struct ActivityWindow {
  closeio::Timestamp from;  ///< Included.
  closeio::Timestamp to;    ///< Excluded.
};

/// `--since` (default 2012-01-01, before Close stored any activity) to `--until` (default a
/// minute from now, so that a row logged during the walk may be in it, or just after a --since
/// in the future: an empty window). Throws CliError (ExitCode::usage) for a date
/// parse_date_option() refuses or an --until given that is not after --since.
ActivityWindow activity_window(const std::optional<std::string>& since,
                               const std::optional<std::string>& until);

}  // namespace closeio_cli
