#include "uncertain_write.hpp"

#include <closeio/errors.hpp>
#include <utility>

#include "exit_codes.hpp"

namespace closeio_cli {
namespace {

// libcurl's words for failures that happen before a request leaves the machine.
bool never_connected(const std::string& message) {
  for (const char* text : {"Could not resolve", "Couldn't resolve", "Failed to connect",
                           "Couldn't connect", "Connection refused"}) {
    if (message.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

WriteOutcome classify_write_failure(std::exception_ptr error) {
  try {
    std::rethrow_exception(std::move(error));
  } catch (const closeio::DecodeError&) {
    return WriteOutcome::done_unread;
  } catch (const closeio::TransportError& e) {
    return never_connected(e.what()) ? WriteOutcome::not_done : WriteOutcome::maybe_done;
  } catch (...) {
    return WriteOutcome::not_done;
  }
}

std::string describe_write_failure(const std::exception_ptr& error, const std::string& what,
                                   const std::string& past) {
  const Failure failure = describe_failure(error);
  switch (classify_write_failure(error)) {
    case WriteOutcome::done_unread:
      return what + " " + past + ", but the answer could not be read (" + failure.message + ")";
    case WriteOutcome::maybe_done:
      return what + " may have been " + past + ", but the answer could not be read (" +
             failure.message + ")";
    case WriteOutcome::not_done:
      break;
  }
  return failure.message;
}

void rethrow_write_failure(const std::exception_ptr& error, const std::string& what,
                           const std::string& past, const std::string& advice) {
  if (classify_write_failure(error) == WriteOutcome::not_done) std::rethrow_exception(error);
  throw CliError(ExitCode::server, describe_write_failure(error, what, past) + "; " + advice);
}

}  // namespace closeio_cli
