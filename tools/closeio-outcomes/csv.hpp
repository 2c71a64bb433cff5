// CSV output per RFC 4180.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace closeio_cli {

/// One field: as is, or in double quotes (inner quotes doubled) when it holds a comma, a double
/// quote, a carriage return or a line feed.
std::string csv_field(std::string_view value);

/// One record: the fields joined with commas, ended by CRLF as RFC 4180 prescribes.
std::string csv_record(const std::vector<std::string>& fields);

}  // namespace closeio_cli
