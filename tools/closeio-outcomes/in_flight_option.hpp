// --max-in-flight: how many requests apply and usage keep on the wire at once.
#pragma once

#include <string>

namespace closeio_cli {

/// Requests apply and usage keep in flight when --max-in-flight is not given.
constexpr int kDefaultMaxInFlight = 4;
/// The largest --max-in-flight accepted: more would only draw 429s from Close.
constexpr int kLargestMaxInFlight = 32;

/// The --max-in-flight value check: an empty string when `text` is a whole number from 1 to
/// kLargestMaxInFlight (decimal digits only, no sign), otherwise the message that says so,
/// quoting `text` with its control characters neutralised.
std::string check_max_in_flight(const std::string& text);

}  // namespace closeio_cli
