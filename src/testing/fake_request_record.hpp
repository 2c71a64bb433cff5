// Turns an httplib request into the emulator's RecordedRequest.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "closeio/testing/fake_close_server.hpp"

namespace httplib {
struct Request;
}

namespace closeio::testing::internal {

/// Method, raw target, decoded path, query parameters in the order sent, lower-cased headers
/// and body.
RecordedRequest record_request(const httplib::Request& request);

/// Query parameters of a raw target ("/p?a=1&b=x%20y") decoded like a form: '+' is a space,
/// %XX a byte (invalid escapes are kept as written). Order and repeats are kept, unlike
/// httplib's sorted multimap.
std::vector<std::pair<std::string, std::string>> decode_query(std::string_view target);

}  // namespace closeio::testing::internal
