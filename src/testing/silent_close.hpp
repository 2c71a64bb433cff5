// Fault::close_silently: ends one accepted connection without sending a byte.
#pragma once

namespace closeio::testing::internal {

/// Shuts down both directions of the socket in this process whose local port is `local_port`
/// and whose peer port is `peer_port` (the connection a request arrived on): the client reads
/// end of stream with no answer byte, and the server's own later writes fail. No-op where
/// /proc/self/fd is unavailable, or when no such socket exists.
void close_connection_silently(int local_port, int peer_port);

}  // namespace closeio::testing::internal
