// Reading an API key from a file (--api-key-file): keys never appear on the command line.
#pragma once

#include <string>

namespace closeio_cli {

/// The first line of `path`, without trailing whitespace or line ending. Throws CliError with
/// ExitCode::auth when the file cannot be read or that line is empty. The key is never part of
/// any message.
std::string read_api_key_file(const std::string& path);

}  // namespace closeio_cli
