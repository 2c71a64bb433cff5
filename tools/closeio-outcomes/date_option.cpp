#include "date_option.hpp"

#include <cctype>
#include <stdexcept>

#include "exit_codes.hpp"
#include "text.hpp"

namespace closeio_cli {
namespace {

bool is_plain_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace

closeio::Timestamp parse_date_option(const std::string& text, const std::string& option) {
  try {
    // parse_timestamp checks the calendar (no February 30th) for both forms.
    return closeio::parse_timestamp(is_plain_date(text) ? text + "T00:00:00Z" : text);
  } catch (const std::invalid_argument&) {
    throw CliError(ExitCode::usage,
                   option + " '" + one_line(text, 60) +
                       "' is not a date: use YYYY-MM-DD (midnight UTC) or an ISO 8601 timestamp "
                       "such as 2026-03-01T09:00:00+01:00");
  }
}

}  // namespace closeio_cli
