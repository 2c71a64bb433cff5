// CSV output per RFC 4180, safe to open in a spreadsheet and to print on a terminal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace closeio_cli {

/// One field. A value starting with '=', '+', '-', '@', tab or carriage return gets a leading
/// "'" so a spreadsheet shows it as text instead of running it as a formula. Control characters
/// other than line feed (C0, DEL, C1) become spaces and invalid UTF-8 bytes U+FFFD. The result
/// is in double quotes (inner quotes doubled) when it holds a comma, a double quote or a line
/// feed.
std::string csv_field(std::string_view raw);

/// One record: the fields joined with commas, ended by CRLF as RFC 4180 prescribes.
std::string csv_record(const std::vector<std::string>& fields);

}  // namespace closeio_cli
