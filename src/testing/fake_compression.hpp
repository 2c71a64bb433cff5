// Content encoding of the emulator's answers: which one a request allows, and the encoders.
// The emulator compresses bodies itself rather than leaving it to cpp-httplib, which picks
// brotli at the encoder's default quality (11, ~0.8 ms of CPU for a 0.4 KB outcome) whenever
// the client accepts `br`: far slower than any server compressing dynamic answers.
#pragma once

#include <string>

#include "closeio/testing/fake_close_server.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace closeio::testing::internal {

/// The `Content-Encoding` to answer with ("gzip", "br", or "" for none) under `setting`, for a
/// request whose `Accept-Encoding` header is `accept_encoding`. A coding counts as accepted
/// when it is listed (or `*` is) without `q=0`; names are case-insensitive.
std::string choose_encoding(FakeCompression setting, const std::string& accept_encoding);

/// Whether a body of this Content-Type is compressed: JSON and text, as web servers do.
bool compressible(const std::string& content_type);

/// `body` encoded with `encoding` ("gzip": zlib level 1; "br": brotli quality 4; "": as is).
/// Throws std::runtime_error if the encoder fails.
std::string encode_body(const std::string& body, const std::string& encoding);

/// Applies `setting` to an answer a handler has written: a JSON or text body (Content-Type
/// missing counts as text/plain, as cpp-httplib then labels it) gets the encoding the request
/// allows, unless the answer already has a Content-Encoding (a scripted one: sent as is). Every
/// non-empty body then goes out through a content provider of known length, which cpp-httplib
/// sends as it is. Answers without a body (faults stream theirs) are left alone.
void encode_answer(FakeCompression setting, const httplib::Request& request,
                   httplib::Response& response);

}  // namespace closeio::testing::internal
