// Dates given on the command line (--since, --until).
#pragma once

#include <closeio/timestamp.hpp>
#include <string>

namespace closeio_cli {

/// `text` as a point in time: "YYYY-MM-DD" is that day's midnight UTC, anything else must be a
/// full ISO 8601 timestamp with an offset (closeio::parse_timestamp). Throws CliError
/// (ExitCode::usage) naming `option` for any other text.
closeio::Timestamp parse_date_option(const std::string& text, const std::string& option);

}  // namespace closeio_cli
