// The default body of a connection member: connections gain members without breaking users'
// subclasses and mocks, which then raise this for a member they do not implement.
#pragma once

namespace closeio::internal {

/// Throws closeio::UnimplementedError "closeio: this <connection> does not implement <member>".
[[noreturn]] void throw_unimplemented(const char* connection, const char* member);

}  // namespace closeio::internal
