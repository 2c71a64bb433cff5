#include "testing/silent_close.hpp"

#if defined(__linux__)
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#endif

namespace closeio::testing::internal {

#if defined(__linux__)
namespace {

// The port of an IPv4 or IPv6 socket address, or -1.
int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  }
  return -1;
}

bool is_connection(int fd, int local_port, int peer_port) {
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0) return false;
  if (port_of(local) != local_port) return false;
  sockaddr_storage peer{};
  length = sizeof peer;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0) return false;
  return port_of(peer) == peer_port;
}

}  // namespace

void close_connection_silently(int local_port, int peer_port) {
  // httplib does not hand the socket to handlers, so it is found by its two ports (the client
  // and the emulator run in one process: only the accepted side has local_port as local port).
  DIR* directory = opendir("/proc/self/fd");
  if (directory == nullptr) return;
  const int own_fd = dirfd(directory);
  while (const dirent* entry = readdir(directory)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == own_fd) continue;
    if (is_connection(static_cast<int>(fd), local_port, peer_port)) {
      shutdown(static_cast<int>(fd), SHUT_RDWR);
    }
  }
  closedir(directory);
}

#else

void close_connection_silently(int, int) {}

#endif

}  // namespace closeio::testing::internal
