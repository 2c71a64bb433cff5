// Reading the apply input and writing the export output.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>

namespace closeio_cli {

/// The largest outcomes file apply reads: 16 MiB (Close organizations hold far fewer outcomes).
constexpr std::size_t kMaxInputFileBytes = 16u * 1024u * 1024u;

/// The whole content of `path`, or of stdin when `path` is "-". Throws CliError
/// (ExitCode::validation) when it cannot be read or is larger than kMaxInputFileBytes, which is
/// found before the content is parsed (for a regular file, before it is read).
std::string read_input_file(const std::string& path);

/// Writes `content` to `path` atomically: into a temporary file beside it, then renamed over it,
/// so an interrupted export never leaves half a file. Throws CliError (ExitCode::failure).
void write_file_atomically(const std::string& path, const std::string& content);
/// Streams what `write` writes to `path` atomically, as above; when `write` throws, the temporary
/// file is removed and the exception passes on. Throws CliError (ExitCode::failure).
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace closeio_cli
