#include "position_file.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <stdexcept>

#include "exit_codes.hpp"
#include "file_io.hpp"

namespace closeio_cli {

std::optional<closeio::EventPosition> read_position_file(const std::string& path) {
  if (path.empty()) throw CliError(ExitCode::usage, "--position-file needs a path");
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 && errno == ENOENT) return std::nullopt;
  if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    throw CliError(ExitCode::validation, "--position-file " + path + " is not a regular file");
  }
  const std::string text = read_input_file(path);
  try {
    return closeio::EventPosition::parse(text);
  } catch (const std::invalid_argument& e) {
    throw CliError(ExitCode::validation, "--position-file " + path +
                                             " does not hold an event position (" + e.what() +
                                             "); nothing was read from Close");
  }
}

void write_position_file(const std::string& path, const closeio::EventPosition& position) {
  write_file_atomically(path, position.to_string());
}

}  // namespace closeio_cli
