// The SDK's messages are written for C++ programmers ("closeio: ...", "ClientOptions::
// allow_insecure_http", "max_response_bytes"); the tool's users know its options and
// environment instead. This file restates SDK messages in the tool's words, without changing
// the SDK.
#pragma once

#include <closeio/errors.hpp>
#include <string>

namespace closeio_cli {

/// `message` (an exception's what()) without "closeio: " prefixes and with the SDK's option,
/// type and member names replaced by the tool's: base_url -> the base URL (--base-url or
/// CLOSE_API_BASE_URL), ClientOptions::allow_insecure_http -> dropped (the tool has no such
/// option), max_response_bytes -> the size limit in MiB, OutcomeCreate/OutcomeUpdate -> the
/// outcome, and any other Type::member -> member.
std::string in_tool_words(std::string message);

/// True when an error answer's body is an HTML page (a proxy's or ingress' error page), which
/// is summarised rather than printed.
bool is_html_body(const closeio::ApiError& error);

/// The standard reason phrase of an HTTP status, e.g. "Service Unavailable"; empty if unknown.
const char* reason_phrase(int status);

}  // namespace closeio_cli
