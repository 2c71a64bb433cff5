#include "credentials_file.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string_view>

#include "exit_codes.hpp"

namespace closeio_cli {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string trimmed(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_blank(text[begin])) ++begin;
  while (end > begin && is_blank(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

}  // namespace

std::string read_api_key_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw CliError(ExitCode::auth,
                   "cannot read the API key file " + path + ": " + std::strerror(errno));
  }
  // A key is a few dozen bytes; never read a huge file (or a device) given here by mistake.
  std::string content(kMaxApiKeyFileBytes + 1, '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  if (in.bad()) throw CliError(ExitCode::auth, "cannot read the API key file " + path);
  content.resize(static_cast<std::size_t>(in.gcount()));
  if (content.size() > kMaxApiKeyFileBytes) {
    throw CliError(ExitCode::auth, "the API key file " + path + " is larger than " +
                                       std::to_string(kMaxApiKeyFileBytes / 1024) +
                                       " KiB: is it the right file?");
  }
  std::string key = trimmed(std::string_view(content).substr(0, content.find('\n')));
  if (key.empty()) {
    throw CliError(ExitCode::auth, "the API key file " + path + " has an empty first line");
  }
  return key;
}

std::optional<std::string> api_key_file_warning(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  if ((info.st_mode & (S_IRGRP | S_IROTH)) == 0) return std::nullopt;
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
  return "warning: the API key file " + path + " is readable by " +
         ((info.st_mode & S_IROTH) ? "others" : "its group") + " (permissions " + mode +
         "); make it private with: chmod 600 " + path;
}

}  // namespace closeio_cli
