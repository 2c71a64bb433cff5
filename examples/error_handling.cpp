// error_handling: how to tell the SDK's failures apart, and what each one means.
//
// Shows: one catch ladder, most specific type first. Arguments the SDK rejects before sending
// anything are std::invalid_argument; everything else derives from closeio::Error:
//   NotFoundError (404), BadRequestError (400, with errors() and field_errors()),
//   UnauthorizedError (401), RateLimitError (429, with retry_after()), any other ApiError
//   (ForbiddenError, ServerError, ...: status(), message()), TransportError (no answer, with
//   timed_out()), and the closeio::Error base (DecodeError, CancelledError, ...).
//
// It runs five calls that fail on purpose and prints how each failure was classified:
//   1. create an outcome with an empty name    -> std::invalid_argument, nothing sent
//   2. fetch an outcome that does not exist    -> NotFoundError
//   3. ask for a page of 100000 outcomes       -> BadRequestError (Close caps _limit)
//   4. call with a wrong API key               -> UnauthorizedError
//   5. call a server that never answers        -> TransportError, timed out
// RateLimitError appears when Close keeps answering 429 past the retries, or asks for a longer
// wait than ClientOptions::max_rate_limit_wait; closeio-fake-server shows it on demand:
//   closeio-fake-server --inject 429 --retry-after 120
//
//   CLOSE_API_KEY=... ./error_handling
//
// Exit status: 0 when every call ended in a failure the ladder handled, 1 on an unexpected
// failure (one line on stderr), 2 without credentials.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <closeio/closeio.hpp>
#include <iostream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace {

// "1 attempt", "4 attempts": how many HTTP attempts the SDK made, its retries included.
std::string attempts(const closeio::Error& e) {
  return std::to_string(e.attempts()) + (e.attempts() == 1 ? " attempt" : " attempts");
}

// Runs `call` and prints what became of it.
template <class Call>
void classify(int number, const std::string& what, Call&& call) {
  std::cout << number << ". " << what << "\n   -> ";
  try {
    call();
    std::cout << "succeeded\n";
  } catch (const std::invalid_argument& e) {
    // A mistake in the calling code, found before anything was sent: fix the code.
    std::cout << "std::invalid_argument (nothing was sent): " << e.what() << '\n';
  } catch (const closeio::NotFoundError& e) {
    // No such outcome: a wrong id, or it was deleted. Often fine to treat as "already gone".
    std::cout << "NotFoundError: HTTP " << e.status() << ", " << e.message() << '\n';
  } catch (const closeio::BadRequestError& e) {
    // Close refused the request. field_errors() names each bad field; errors() the rest.
    std::cout << "BadRequestError: HTTP " << e.status() << ", " << e.message() << '\n';
    for (const auto& [field, problem] : e.field_errors()) {
      std::cout << "      field " << field << ": " << problem << '\n';
    }
    for (const std::string& error : e.errors()) std::cout << "      error: " << error << '\n';
  } catch (const closeio::UnauthorizedError& e) {
    // The API key or token is wrong, revoked or missing: retrying will not help.
    std::cout << "UnauthorizedError: HTTP " << e.status() << ", check the API key or token\n";
  } catch (const closeio::RateLimitError& e) {
    // Rate limited beyond what the SDK waits out by itself: come back after retry_after().
    const std::chrono::duration<double> wait = e.retry_after();
    std::cout << "RateLimitError: HTTP " << e.status() << ", retry after " << wait.count() << " s ("
              << attempts(e) << ")\n";
  } catch (const closeio::ApiError& e) {
    // Any other status: ForbiddenError (403), ServerError (5xx after the retries), ...
    std::cout << "ApiError: HTTP " << e.status() << " on " << e.method() << ' ' << e.path() << ", "
              << e.message() << '\n';
  } catch (const closeio::TransportError& e) {
    // No HTTP answer at all: DNS, connect, TLS, a dropped connection, or a timeout.
    std::cout << "TransportError (" << (e.timed_out() ? "timed out" : "no answer") << ", "
              << attempts(e) << "): " << e.what() << '\n';
  } catch (const closeio::Error& e) {
    // Everything else the SDK raises: DecodeError, CancelledError, and kinds added later.
    std::cout << "closeio::Error: " << e.what() << '\n';
  }
}

// A loopback TCP port that accepts connections (the kernel completes the handshake) but never
// answers: it stands in for a server or proxy that hangs.
class SilentServer {
 public:
  SilentServer() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;  // any free port
    socklen_t length = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      const std::error_code error(errno, std::generic_category());
      if (fd_ >= 0) ::close(fd_);
      throw std::system_error(error, "silent server");
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api/v1/"; }

 private:
  int fd_;
  int port_ = 0;
};

}  // namespace

int main() {
  const closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (options.credentials.empty()) {
    std::cerr << "error_handling: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN\n";
    return 2;
  }
  try {
    const closeio::OutcomesClient client(options);

    classify(1, "create an outcome with an empty name", [&] {
      client.create(closeio::OutcomeCreate{});  // name is required
    });

    classify(2, "fetch an outcome that does not exist",
             [&] { client.fetch("outcome_0000000000000000000000"); });

    classify(3, "ask for a page of 100000 outcomes", [&] {
      closeio::ListOptions huge;
      huge.limit = 100000;
      client.list_page(huge);
    });

    classify(4, "call with a wrong API key", [&] {
      closeio::ClientOptions wrong = options;
      wrong.credentials = closeio::Credentials::api_key("not-a-valid-api-key");
      closeio::OutcomesClient(wrong).list_page();
    });

    classify(5, "call a server that never answers, with a 250 ms timeout and no retries", [&] {
      const SilentServer silent;
      closeio::ClientOptions impatient = options;
      impatient.base_url = silent.base_url();
      impatient.timeout = std::chrono::milliseconds(250);
      impatient.max_retries = 0;
      closeio::OutcomesClient(impatient).list_page();
    });
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error_handling: " << e.what() << '\n';
    return 1;
  }
}
