// After a write (create, update, delete) fails: may it have been carried out anyway? A write
// whose answer was lost or unreadable must not be reported as "failed": it may well be done.
#pragma once

#include <exception>
#include <string>

namespace closeio_cli {

/// What a failed write left behind, as far as the client can tell.
enum class WriteOutcome {
  not_done,    ///< Refused or never sent: an HTTP error answer, a local check, no connection.
  maybe_done,  ///< Sent, but no (complete) answer came back: dropped connection, timeout.
  done_unread  ///< Answered, but the answer could not be read (too large, not the documented JSON).
};

/// Classifies the exception a write call threw.
WriteOutcome classify_write_failure(std::exception_ptr error);

/// Rethrows `error` unchanged when the write was not done; otherwise throws a CliError
/// (ExitCode::server) that says so: "<what> created, but the answer could not be read (...)" or
/// "<what> may have been created, but the answer could not be read (...)", where `past` is
/// "created", "updated" or "deleted", then `advice`.
[[noreturn]] void rethrow_write_failure(const std::exception_ptr& error, const std::string& what,
                                        const std::string& past, const std::string& advice);

/// The sentence rethrow_write_failure() uses, without the advice: for a caller that goes on.
std::string describe_write_failure(const std::exception_ptr& error, const std::string& what,
                                   const std::string& past);

}  // namespace closeio_cli
