// Writes the emulator's answers, normal or scripted (faults included), into httplib responses.
#pragma once

#include <string>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_api_support.hpp"

namespace httplib {
struct Response;
}

namespace closeio::testing::internal {

/// The emulator's own answer: status, JSON body, `Content-Type: application/json`, the
/// `RateLimit` header value given and the answer's extra headers.
void write_api_answer(const ApiAnswer& answer, const std::string& rate_limit,
                      httplib::Response& response);

/// A scripted answer, exactly as scripted: its status, headers, body and content type, and no
/// emulator headers (a test of `Retry-After` must not also see a `RateLimit`). A Content-Type
/// among the scripted headers wins over `content_type`. Faults:
/// - drop_mid_body: Content-Length announces the whole body (at least 1 byte), half of it is
///   sent, then the connection closes.
/// - close_connection: the headers of a chunked answer are sent, then the connection closes.
void write_scripted_answer(const ScriptedResponse& scripted, httplib::Response& response);

}  // namespace closeio::testing::internal
