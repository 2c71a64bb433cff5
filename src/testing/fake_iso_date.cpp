#include "testing/fake_iso_date.hpp"

#include <cstdint>
#include <string>

namespace closeio::testing::internal {
namespace {

// Reads exactly `digits` decimal digits at `pos`, advancing it.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t digits) {
  if (pos + digits > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += digits;
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(month + (month > 2 ? -3 : 9)) + 2) / 5 +
                       static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Date {
  int year, month, day;
};

std::optional<Date> read_date(std::string_view text, std::size_t& pos) {
  auto year = read_digits(text, pos, 4);
  if (!year || !expect(text, pos, '-')) return std::nullopt;
  auto month = read_digits(text, pos, 2);
  if (!month || !expect(text, pos, '-')) return std::nullopt;
  auto day = read_digits(text, pos, 2);
  if (!day || *month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month)) {
    return std::nullopt;
  }
  return Date{*year, *month, *day};
}

Timestamp at(const Date& date, std::chrono::microseconds time_of_day, std::chrono::minutes offset) {
  const std::chrono::microseconds since_epoch =
      std::chrono::hours(24) * days_from_civil(date.year, date.month, date.day) + time_of_day -
      offset;
  return Timestamp(since_epoch);
}

// ".f{1,9}" at `pos` (optional) into microseconds; false for a '.' without 1 to 9 digits.
bool read_fraction(std::string_view text, std::size_t& pos, std::int64_t& micros) {
  micros = 0;
  if (pos >= text.size() || text[pos] != '.') return true;
  ++pos;
  std::size_t digits = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    if (digits < 6) micros = micros * 10 + (text[pos] - '0');
    ++digits;
    ++pos;
  }
  if (digits == 0 || digits > 9) return false;
  for (std::size_t i = digits; i < 6; ++i) micros *= 10;
  return true;
}

// "Z", "±hh", "±hhmm" or "±hh:mm" at `pos`, or nothing (then `offset` is left as it is).
bool read_offset(std::string_view text, std::size_t& pos, std::chrono::minutes& offset) {
  if (pos >= text.size()) return true;
  const char sign = text[pos++];
  if (sign == 'Z' || sign == 'z') {
    offset = std::chrono::minutes(0);
    return true;
  }
  if (sign != '+' && sign != '-') return false;
  auto oh = read_digits(text, pos, 2);
  if (!oh) return false;
  int om = 0;
  if (pos < text.size()) {
    if (text[pos] == ':') ++pos;
    auto m = read_digits(text, pos, 2);
    if (!m) return false;
    om = *m;
  }
  if (*oh > 23 || om > 59) return false;
  offset = std::chrono::minutes((*oh * 60 + om) * (sign == '-' ? -1 : 1));
  return true;
}

}  // namespace

std::optional<Timestamp> parse_iso_date_time(std::string_view text,
                                             std::chrono::minutes default_offset) {
  std::size_t pos = 0;
  const std::optional<Date> date = read_date(text, pos);
  if (!date || !expect(text, pos, 'T')) return std::nullopt;
  auto hour = read_digits(text, pos, 2);
  if (!hour || !expect(text, pos, ':')) return std::nullopt;
  auto minute = read_digits(text, pos, 2);
  if (!minute || *hour > 23 || *minute > 59) return std::nullopt;
  int second = 0;
  std::int64_t micros = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    auto s = read_digits(text, pos, 2);
    if (!s || *s > 59) return std::nullopt;
    second = *s;
    if (!read_fraction(text, pos, micros)) return std::nullopt;
  }
  std::chrono::minutes offset = default_offset;
  if (!read_offset(text, pos, offset) || pos != text.size()) return std::nullopt;
  const auto time_of_day = std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
                           std::chrono::seconds(second) + std::chrono::microseconds(micros);
  return at(*date, time_of_day, offset);
}

std::optional<Timestamp> parse_iso_date_or_time(std::string_view text,
                                                std::chrono::minutes default_offset) {
  if (text.size() == 10) {
    std::size_t pos = 0;
    if (std::optional<Date> date = read_date(text, pos)) {
      return at(*date, std::chrono::microseconds(0), default_offset);
    }
    return std::nullopt;
  }
  return parse_iso_date_time(text, default_offset);
}

std::optional<std::chrono::minutes> parse_tz_offset_header(std::string_view text) {
  if (text.empty() || text.size() > 16) return std::nullopt;
  const std::string copy(text);
  std::size_t used = 0;
  double hours = 0;
  try {
    hours = std::stod(copy, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (used != copy.size() || !(hours >= -24 && hours <= 24)) return std::nullopt;
  return std::chrono::minutes(static_cast<int>(hours * 60 + (hours < 0 ? -0.5 : 0.5)));
}

}  // namespace closeio::testing::internal
