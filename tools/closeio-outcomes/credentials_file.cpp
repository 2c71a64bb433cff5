#include "credentials_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "exit_codes.hpp"
#include "text.hpp"

namespace closeio_cli {

std::string read_api_key_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw CliError(ExitCode::auth,
                   "cannot read the API key file " + path + ": " + std::strerror(errno));
  }
  std::string line;
  std::getline(in, line);
  if (in.bad()) throw CliError(ExitCode::auth, "cannot read the API key file " + path);
  std::string key = trim_right(line);
  if (key.empty()) {
    throw CliError(ExitCode::auth, "the API key file " + path + " has an empty first line");
  }
  return key;
}

}  // namespace closeio_cli
