// Close's ISO 8601 timestamps <-> closeio::Timestamp.
//
// The calendar arithmetic is done here, on integers, rather than with gmtime/timegm/strftime:
// those depend on the C library, the process time zone and locale, are not thread-safe on every
// platform, and some cannot go before 1970. The day-count conversions are Howard Hinnant's
// public-domain days_from_civil/civil_from_days (proleptic Gregorian calendar).
#include "closeio/timestamp.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace closeio {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;
constexpr std::int64_t kMicrosPerDay = kMicrosPerSecond * kSecondsPerDay;

// Longest part of a rejected text quoted back in the error message: enough to recognise it,
// bounded so that a huge field cannot produce a huge message.
constexpr std::size_t kMaxQuotedText = 64;

struct CivilDate {
  std::int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

// Days since 1970-01-01 of a proleptic Gregorian date.
constexpr std::int64_t days_from_civil(std::int64_t y, int m, int d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                    // [0, 399]
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + doe - 719468;
}

// The date of a day count since 1970-01-01.
constexpr CivilDate civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const auto day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// Spot checks of the conversions, evaluated by the compiler.
static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(days_from_civil(1969, 12, 31) == -1);
static_assert(civil_from_days(-1).year == 1969 && civil_from_days(-1).day == 31);

constexpr bool is_leap_year(std::int64_t y) noexcept {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

constexpr int days_in_month(std::int64_t y, int m) noexcept {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

// Writes `value` as exactly `width` decimal digits, most significant first.
void put_digits(char* out, std::int64_t value, int width) noexcept {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

// Builds the message of a rejected text; quotes at most kMaxQuotedText bytes, with anything
// that is not printable ASCII shown as '?' so that the message stays one clean line.
[[noreturn]] void reject(std::string_view text, const char* reason) {
  std::string message = "invalid timestamp \"";
  const std::size_t shown = text.size() < kMaxQuotedText ? text.size() : kMaxQuotedText;
  for (std::size_t i = 0; i < shown; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    message += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  }
  if (shown < text.size()) message += "...";
  message += "\": ";
  message += reason;
  message += " (expected YYYY-MM-DDThh:mm:ss[.fraction] then Z or +hh:mm)";
  throw std::invalid_argument(message);
}

// Reads `count` decimal digits at `pos`; false when the text is too short or not all digits.
bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& value) noexcept {
  if (pos + count > text.size()) return false;
  int result = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    result = result * 10 + (c - '0');
  }
  value = result;
  return true;
}

bool has_char(std::string_view text, std::size_t pos, char expected) noexcept {
  return pos < text.size() && text[pos] == expected;
}

}  // namespace

std::string format_timestamp(Timestamp t) {
  const std::int64_t micros = t.time_since_epoch().count();
  // Floor division: the time of day of an instant before 1970 is still counted forward from
  // that day's midnight. (The remainder form avoids overflow at the ends of the int64 range.)
  std::int64_t days = micros / kMicrosPerDay;
  std::int64_t micros_of_day = micros % kMicrosPerDay;
  if (micros_of_day < 0) {
    micros_of_day += kMicrosPerDay;
    --days;
  }
  const CivilDate date = civil_from_days(days);
  const std::int64_t seconds_of_day = micros_of_day / kMicrosPerSecond;

  // Years 0000-9999 use Close's four digits. Outside that range (only reachable by building a
  // Timestamp by hand) the ISO 8601 expanded form with a sign and six digits is used, as
  // JavaScript's toISOString does; parse_timestamp does not accept that form.
  std::string out;
  std::int64_t year = date.year;
  if (year >= 0 && year <= 9999) {
    out.resize(4);
    put_digits(out.data(), year, 4);
  } else {
    out.resize(7);
    out[0] = year < 0 ? '-' : '+';
    put_digits(out.data() + 1, year < 0 ? -year : year, 6);
  }
  char rest[] = "-MM-DDThh:mm:ss.ffffff+00:00";
  put_digits(rest + 1, date.month, 2);
  put_digits(rest + 4, date.day, 2);
  put_digits(rest + 7, seconds_of_day / 3600, 2);
  put_digits(rest + 10, seconds_of_day / 60 % 60, 2);
  put_digits(rest + 13, seconds_of_day % 60, 2);
  put_digits(rest + 16, micros_of_day % kMicrosPerSecond, 6);
  out.append(rest, sizeof rest - 1);
  return out;
}

Timestamp parse_timestamp(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!read_digits(text, 0, 4, year) || !has_char(text, 4, '-') ||
      !read_digits(text, 5, 2, month) || !has_char(text, 7, '-') || !read_digits(text, 8, 2, day) ||
      !has_char(text, 10, 'T') || !read_digits(text, 11, 2, hour) || !has_char(text, 13, ':') ||
      !read_digits(text, 14, 2, minute) || !has_char(text, 16, ':') ||
      !read_digits(text, 17, 2, second)) {
    reject(text, "not of the form YYYY-MM-DDThh:mm:ss");
  }
  if (month < 1 || month > 12) reject(text, "month out of range");
  if (day < 1 || day > days_in_month(year, month)) reject(text, "day out of range for the month");
  if (hour > 23) reject(text, "hour out of range");
  if (minute > 59) reject(text, "minute out of range");
  // A leap second (":60") cannot be represented in Unix time. Like Java's ISO_INSTANT parser,
  // it is read as second 59 of the same minute (fraction kept), so the result stays within the
  // minute and the calendar day the text names.
  if (second > 60) reject(text, "second out of range");
  if (second == 60) second = 59;

  std::size_t pos = 19;
  std::int64_t fraction_micros = 0;
  if (has_char(text, pos, '.')) {
    ++pos;
    const std::size_t first = pos;
    std::int64_t scale = 100'000;  // Weight of the first fractional digit in microseconds.
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      // Digits beyond the sixth are checked but truncated: Timestamp holds microseconds.
      fraction_micros += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    const std::size_t digits = pos - first;
    if (digits == 0) reject(text, "no digits after the decimal point");
    if (digits > 9) reject(text, "more than 9 fractional digits");
  }

  std::int64_t offset_seconds = 0;
  if (has_char(text, pos, 'Z') || has_char(text, pos, 'z')) {
    ++pos;
  } else if (has_char(text, pos, '+') || has_char(text, pos, '-')) {
    const bool negative = text[pos] == '-';
    int offset_hours = 0;
    int offset_minutes = 0;
    if (!read_digits(text, pos + 1, 2, offset_hours)) reject(text, "malformed UTC offset");
    pos += 3;
    if (has_char(text, pos, ':')) ++pos;  // "+hh:mm" and "+hhmm" are both ISO 8601.
    if (!read_digits(text, pos, 2, offset_minutes)) reject(text, "malformed UTC offset");
    pos += 2;
    if (offset_hours > 23 || offset_minutes > 59) reject(text, "UTC offset out of range");
    offset_seconds = offset_hours * 3600 + offset_minutes * 60;
    if (negative) offset_seconds = -offset_seconds;
  } else {
    // A time without an offset is local time of an unknown zone: refuse to guess.
    reject(text, "missing UTC offset");
  }
  if (pos != text.size()) reject(text, "unexpected text after the UTC offset");

  // Local time minus its offset is UTC. With a four-digit year every value fits easily.
  const std::int64_t seconds = days_from_civil(year, month, day) * kSecondsPerDay + hour * 3600 +
                               minute * 60 + second - offset_seconds;
  return Timestamp(std::chrono::microseconds(seconds * kMicrosPerSecond + fraction_micros));
}

}  // namespace closeio
