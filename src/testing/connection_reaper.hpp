// Ends the server side of idle keep-alive connections when the emulator stops.
#pragma once

#include <string>

namespace closeio::testing::internal {

/// Shuts down the receiving side of every TCP socket in this process whose local end is
/// `port` (and `host`, when that is a numeric, non-wildcard address) and which has a peer:
/// the connections our listener accepted. httplib 0.11 waits for the next keep-alive request
/// for up to the keep-alive timeout without looking at stop(); a shut-down socket reads as end
/// of stream, so its worker leaves at once. Answers being written are not cut: only reading is
/// shut down. Call after the listening socket is closed. No-op where /proc/self/fd and POSIX
/// sockets are unavailable.
void shut_down_accepted_connections(const std::string& host, int port);

}  // namespace closeio::testing::internal
