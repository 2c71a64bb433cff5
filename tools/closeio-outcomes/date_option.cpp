#include "date_option.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
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

ActivityWindow activity_window(const std::optional<std::string>& since,
                               const std::optional<std::string>& until) {
  ActivityWindow window;
  window.from = parse_date_option(since.value_or("2012-01-01"), "--since");
  if (until) {
    window.to = parse_date_option(*until, "--until");
    if (window.to <= window.from) {
      throw CliError(ExitCode::usage, "--until must be later than --since");
    }
    return window;
  }
  // A --since in the future is an empty window, not an error about an --until nobody gave.
  window.to = std::max(std::chrono::time_point_cast<std::chrono::microseconds>(
                           std::chrono::system_clock::now() + std::chrono::minutes(1)),
                       window.from + std::chrono::microseconds(1));
  return window;
}

}  // namespace closeio_cli
