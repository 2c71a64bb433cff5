#include "file_io.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <sstream>

#include "exit_codes.hpp"

namespace closeio_cli {

namespace {

std::string too_large(const std::string& source) {
  return source + " is larger than " + std::to_string(kMaxInputFileBytes / (1024 * 1024)) +
         " MiB, the limit for an outcomes file; nothing was read or sent";
}

// At most kMaxInputFileBytes + 1 bytes of `in`: enough to tell a file over the limit.
std::string read_bounded(std::istream& in, const std::string& source) {
  std::string content;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    content.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (content.size() > kMaxInputFileBytes)
      throw CliError(ExitCode::validation, too_large(source));
  }
  if (in.bad()) throw CliError(ExitCode::validation, "cannot read " + source);
  return content;
}

}  // namespace

std::string read_input_file(const std::string& path) {
  if (path == "-") return read_bounded(std::cin, "standard input");
  // A regular file's size is known before reading: refuse a huge one without touching it.
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
      static_cast<std::uintmax_t>(info.st_size) > kMaxInputFileBytes) {
    throw CliError(ExitCode::validation, too_large(path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw CliError(ExitCode::validation, "cannot read " + path + ": " + std::strerror(errno));
  }
  return read_bounded(in, path);
}

void write_file_atomically(const std::string& path, const std::string& content) {
  write_file_atomically(path, [&](std::ostream& out) { out << content; });
}

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw CliError(ExitCode::failure, "cannot write " + path + ": " + std::strerror(errno));
    }
    try {
      write(out);
    } catch (...) {
      out.close();
      std::remove(temporary.c_str());  // an interrupted export leaves nothing behind
      throw;
    }
    out.flush();
    if (!out) {
      const int error = errno;
      std::remove(temporary.c_str());
      throw CliError(ExitCode::failure, "cannot write " + path + ": " + std::strerror(error));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    throw CliError(ExitCode::failure, "cannot replace " + path + ": " + std::strerror(error));
  }
}

}  // namespace closeio_cli
