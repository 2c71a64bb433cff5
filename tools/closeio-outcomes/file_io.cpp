#include "file_io.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "exit_codes.hpp"

namespace closeio_cli {

std::string read_input_file(const std::string& path) {
  if (path == "-") {
    std::ostringstream content;
    content << std::cin.rdbuf();
    if (std::cin.bad()) throw CliError(ExitCode::validation, "cannot read standard input");
    return content.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw CliError(ExitCode::validation, "cannot read " + path + ": " + std::strerror(errno));
  }
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw CliError(ExitCode::validation, "cannot read " + path);
  return content;
}

void write_file_atomically(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw CliError(ExitCode::failure, "cannot write " + temporary + ": " + std::strerror(errno));
    }
    out << content;
    out.flush();
    if (!out) {
      const int error = errno;
      std::remove(temporary.c_str());
      throw CliError(ExitCode::failure, "cannot write " + temporary + ": " + std::strerror(error));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    throw CliError(ExitCode::failure, "cannot replace " + path + ": " + std::strerror(error));
  }
}

}  // namespace closeio_cli
