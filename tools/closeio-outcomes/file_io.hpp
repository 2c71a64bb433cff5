// Reading the apply input and writing the export output.
#pragma once

#include <string>

namespace closeio_cli {

/// The whole content of `path`, or of stdin when `path` is "-". Throws CliError
/// (ExitCode::validation) when it cannot be read: a bad input file.
std::string read_input_file(const std::string& path);

/// Writes `content` to `path` atomically: into a temporary file beside it, then renamed over it,
/// so an interrupted export never leaves half a file. Throws CliError (ExitCode::failure).
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace closeio_cli
