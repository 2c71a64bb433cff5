#include "in_flight_option.hpp"

#include "text.hpp"

namespace closeio_cli {

std::string check_max_in_flight(const std::string& text) {
  // At most three digits: std::stoi cannot overflow, and "08" still reads as 8.
  bool digits = !text.empty() && text.size() <= 3;
  for (const char c : text) digits = digits && c >= '0' && c <= '9';
  const int value = digits ? std::stoi(text) : 0;
  if (digits && value >= 1 && value <= kLargestMaxInFlight) return {};
  return "must be a whole number from 1 to " + std::to_string(kLargestMaxInFlight) +
         " (requests sent at once), not " + json_quoted(truncate(text, 20));
}

}  // namespace closeio_cli
