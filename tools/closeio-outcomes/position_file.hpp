// events --position-file: where the Event Log follower stands, read at start and replaced
// atomically after each pass.
#pragma once

#include <closeio/event_position.hpp>
#include <optional>
#include <string>

namespace closeio_cli {

/// The position stored in `path`; std::nullopt when there is no such file yet. Throws CliError
/// (ExitCode::validation) when it cannot be read or is not a position (the message says why and
/// does not quote the file).
std::optional<closeio::EventPosition> read_position_file(const std::string& path);

/// Replaces `path` with `position` (a temporary file beside it, then rename). Throws CliError
/// (ExitCode::failure).
void write_position_file(const std::string& path, const closeio::EventPosition& position);

}  // namespace closeio_cli
