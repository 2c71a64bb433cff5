// The tool's exit codes, the error type its own checks throw, and the mapping from any exception
// (SDK errors included) to an exit code and a one-line message.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

namespace closeio_cli {

/// Process exit codes. Stable: scripts depend on them.
enum class ExitCode : int {
  success = 0,       ///< Everything asked for was done.
  failure = 1,       ///< A local failure (cannot write the output file) or a declined prompt.
  usage = 2,         ///< Bad command line (CLI11 parse errors included), or a refused delete.
  not_found = 3,     ///< NotFoundError: no such outcome.
  auth = 4,          ///< Missing/unreadable credentials, UnauthorizedError, ForbiddenError.
  validation = 5,    ///< BadRequestError, the SDK's argument checks, bad input files, duplicates.
  rate_limited = 6,  ///< RateLimitError: still rate limited after the retries.
  server = 7,        ///< ServerError, TransportError, DecodeError, any other ApiError.
};

/// The numeric value of `code`, for returning from main().
constexpr int to_int(ExitCode code) noexcept { return static_cast<int>(code); }

/// A failure found by the tool itself, carrying the exit code it maps to.
class CliError : public std::runtime_error {
 public:
  CliError(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  /// The exit code this failure ends the process with.
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

/// An exit code and the one-line message that explains it (without the program-name prefix).
struct Failure {
  ExitCode code = ExitCode::failure;
  std::string message;
};

/// Maps an exception to its exit code and message: closeio errors by type (ApiError subclasses
/// show Close's own message()), std::invalid_argument (the SDK's checks) to validation,
/// CliError to its code, anything else to failure. The message is always one line.
Failure describe_failure(std::exception_ptr error);

/// The exit-code table printed in the footer of every --help.
const char* exit_codes_help();

}  // namespace closeio_cli
