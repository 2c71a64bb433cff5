// Reading an API key from a file (--api-key-file): keys never appear on the command line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace closeio_cli {

/// The most read from an API key file: 4 KiB (a key is a few dozen bytes).
constexpr std::size_t kMaxApiKeyFileBytes = 4096;

/// The first line of `path`, without surrounding spaces, tabs or line endings. Reads
/// at most kMaxApiKeyFileBytes; throws CliError with ExitCode::auth when the file cannot be
/// read, is larger, or its first line is blank. The key is never part of any message.
std::string read_api_key_file(const std::string& path);

/// A warning, as ssh gives for private keys, when `path` is readable by its group or by others;
/// std::nullopt when it is private (or cannot be examined).
std::optional<std::string> api_key_file_warning(const std::string& path);

}  // namespace closeio_cli
