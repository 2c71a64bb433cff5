#include "exit_codes.hpp"

#include <closeio/errors.hpp>
#include <string>
#include <utility>

#include "sdk_messages.hpp"
#include "text.hpp"

namespace closeio_cli {
namespace {

// "<what> (HTTP <status>): <Close's message>". An HTML page (a proxy's error page) is not a
// message: it is summarised as status, reason and attempts.
std::string api_message(const char* what, const closeio::ApiError& e) {
  std::string message = std::string(what) + " (HTTP " + std::to_string(e.status());
  if (is_html_body(e)) {
    if (*reason_phrase(e.status()) != '\0') message += std::string(" ") + reason_phrase(e.status());
    if (e.attempts() > 1) message += ", after " + std::to_string(e.attempts()) + " attempts";
    return message + ")";
  }
  message += ")";
  if (!e.message().empty()) message += ": " + e.message();
  if (e.attempts() > 1) message += " (after " + std::to_string(e.attempts()) + " attempts)";
  return message;
}

// A 404 for the collection itself never comes from Close's API: the base URL is wrong, most
// often because /api/v1/ is missing from it.
std::string not_found_message(const closeio::NotFoundError& e) {
  std::string message = api_message("not found", e);
  if (e.path() == "/outcome/" || is_html_body(e)) {
    message +=
        "; the base URL does not look like Close's API: it must end in /api/v1/ (e.g. "
        "https://api.close.com/api/v1/)";
  }
  return message;
}

Failure classify(std::exception_ptr error) {
  try {
    std::rethrow_exception(std::move(error));
  } catch (const CliError& e) {
    return {e.code(), e.what()};
  } catch (const closeio::NotFoundError& e) {
    return {ExitCode::not_found, not_found_message(e)};
  } catch (const closeio::UnauthorizedError& e) {
    return {ExitCode::auth, api_message("authentication failed", e)};
  } catch (const closeio::ForbiddenError& e) {
    return {ExitCode::auth, api_message("permission denied", e)};
  } catch (const closeio::BadRequestError& e) {
    return {ExitCode::validation, api_message("rejected by Close", e)};
  } catch (const closeio::RateLimitError& e) {
    std::string message = api_message("rate limited", e);
    if (e.retry_after().count() > 0) {
      message += " (retry after " + std::to_string((e.retry_after().count() + 999) / 1000) + " s)";
    }
    return {ExitCode::rate_limited, message};
  } catch (const closeio::ServerError& e) {
    return {ExitCode::server, api_message("server error", e)};
  } catch (const closeio::ApiError& e) {
    return {ExitCode::server, api_message("unexpected answer", e)};
  } catch (const closeio::TransportError& e) {
    return {ExitCode::server, "network error: " + in_tool_words(e.what())};
  } catch (const closeio::DecodeError& e) {
    return {ExitCode::server, "unreadable answer: " + in_tool_words(e.what())};
  } catch (const closeio::Error& e) {
    return {ExitCode::server, in_tool_words(e.what())};
  } catch (const std::invalid_argument& e) {
    // The SDK's own argument checks (an empty name or id), made before anything is sent.
    return {ExitCode::validation, in_tool_words(e.what())};
  } catch (const std::exception& e) {
    return {ExitCode::failure, in_tool_words(e.what())};
  } catch (...) {
    return {ExitCode::failure, "unknown error"};
  }
}

}  // namespace

Failure describe_failure(std::exception_ptr error) {
  Failure failure = classify(std::move(error));
  failure.message = one_line(failure.message, 500);
  return failure;
}

const char* exit_codes_help() {
  return "Exit codes:\n"
         "  0  success\n"
         "  1  local failure (cannot write a file) or a declined confirmation\n"
         "  2  usage error (bad option or argument; delete or apply --prune without --yes when "
         "stdin is not a terminal)\n"
         "  3  not found\n"
         "  4  authentication or permission (missing credentials, HTTP 401/403)\n"
         "  5  validation (HTTP 400, empty name, bad input file, duplicate names)\n"
         "  6  rate limited (HTTP 429 after retries)\n"
         "  7  server or network (HTTP 5xx, connection failure, unreadable answer)\n"
         "Credentials: CLOSE_API_KEY or CLOSE_ACCESS_TOKEN, or --api-key-file FILE.\n"
         "Base URL: --base-url, else CLOSE_API_BASE_URL, else Close production.";
}

}  // namespace closeio_cli
