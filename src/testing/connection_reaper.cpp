#include "testing/connection_reaper.hpp"

#if defined(__linux__)
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <cstring>
#include <optional>
#endif

namespace closeio::testing::internal {

#if defined(__linux__)
namespace {

// The local address and port of a socket, std::nullopt if `fd` is not an IP socket.
struct Endpoint {
  int family = 0;
  int port = 0;
  unsigned char address[16] = {};
};

std::optional<Endpoint> endpoint(const sockaddr_storage& storage) {
  Endpoint result;
  result.family = storage.ss_family;
  if (storage.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(storage);
    result.port = ntohs(v4.sin_port);
    std::memcpy(result.address, &v4.sin_addr, sizeof v4.sin_addr);
    return result;
  }
  if (storage.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(storage);
    result.port = ntohs(v6.sin6_port);
    std::memcpy(result.address, &v6.sin6_addr, sizeof v6.sin6_addr);
    return result;
  }
  return std::nullopt;
}

// The host as an address to compare with, when it is numeric and not a wildcard.
std::optional<Endpoint> numeric_host(const std::string& host) {
  Endpoint result;
  if (inet_pton(AF_INET, host.c_str(), result.address) == 1) {
    result.family = AF_INET;
    if (std::memcmp(result.address, "\0\0\0\0", 4) == 0) return std::nullopt;
    return result;
  }
  if (inet_pton(AF_INET6, host.c_str(), result.address) == 1) {
    result.family = AF_INET6;
    const unsigned char any[16] = {};
    if (std::memcmp(result.address, any, sizeof any) == 0) return std::nullopt;
    return result;
  }
  return std::nullopt;
}

bool accepted_by_us(int fd, const std::optional<Endpoint>& host, int port) {
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0) return false;
  std::optional<Endpoint> mine = endpoint(local);
  if (!mine || mine->port != port) return false;
  if (host) {
    const std::size_t size = host->family == AF_INET ? 4 : 16;
    if (mine->family != host->family || std::memcmp(mine->address, host->address, size) != 0) {
      return false;
    }
  }
  sockaddr_storage peer{};
  length = sizeof peer;
  return getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) == 0;
}

}  // namespace

void shut_down_accepted_connections(const std::string& host, int port) {
  const std::optional<Endpoint> address = numeric_host(host);
  DIR* directory = opendir("/proc/self/fd");
  if (directory == nullptr) return;
  const int own_fd = dirfd(directory);
  while (const dirent* entry = readdir(directory)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == own_fd) continue;
    if (accepted_by_us(static_cast<int>(fd), address, port)) {
      shutdown(static_cast<int>(fd), SHUT_RD);
    }
  }
  closedir(directory);
}

#else

void shut_down_accepted_connections(const std::string&, int) {}

#endif

}  // namespace closeio::testing::internal
