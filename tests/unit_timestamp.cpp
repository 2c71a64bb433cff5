// closeio::format_timestamp / parse_timestamp. Expected instants were computed independently
// (Python's calendar.timegm, GNU date) or by the naive day counter below, never by the code under
// test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>

#include "closeio/timestamp.hpp"

namespace closeio::unit_timestamp_test {
namespace {

using std::chrono::microseconds;
using ::testing::HasSubstr;

Timestamp at_seconds(std::int64_t s, std::int64_t us = 0) {
  return Timestamp(microseconds(s * 1'000'000 + us));
}

// An oracle that shares nothing with the implementation: counts whole years and months from
// 1970 one by one. Slow, obviously correct, fine for a test.
std::int64_t naive_days_from_civil(int year, int month, int day) {
  const auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  std::int64_t days = 0;
  for (int y = 1970; y < year; ++y) days += leap(y) ? 366 : 365;
  for (int y = year; y < 1970; ++y) days -= leap(y) ? 366 : 365;
  for (int m = 1; m < month; ++m) days += month_days[m - 1] + (m == 2 && leap(year) ? 1 : 0);
  return days + day - 1;
}

std::string two(int v) { return std::string(1, char('0' + v / 10)) + char('0' + v % 10); }
std::string four(int v) { return two(v / 100) + two(v % 100); }

TEST(TimestampParse, KnownInstants) {
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00.000000+00:00"), Timestamp{});
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00+00:00"), at_seconds(1753785000));
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00.000000+00:00"), at_seconds(1753785000));
  EXPECT_EQ(parse_timestamp("2025-07-30T08:00:01.000001+00:00"), at_seconds(1753862401, 1));
  EXPECT_EQ(parse_timestamp("2000-02-29T12:00:00Z"), at_seconds(951825600));
  EXPECT_EQ(parse_timestamp("1600-02-29T00:00:00Z"), at_seconds(-11670998400));
  EXPECT_EQ(parse_timestamp("9999-12-31T23:59:59.999999Z"), at_seconds(253402300799, 999999));
}

TEST(TimestampParse, BeforeNineteenSeventy) {
  EXPECT_EQ(parse_timestamp("1969-12-31T23:59:59.999999+00:00"), Timestamp(microseconds(-1)));
  EXPECT_EQ(parse_timestamp("1969-07-20T20:17:40Z"), at_seconds(-14182940));
  EXPECT_EQ(parse_timestamp("1900-01-01T00:00:00Z"), at_seconds(-2208988800));
  EXPECT_EQ(parse_timestamp("0001-01-01T00:00:00Z"), at_seconds(-62135596800));
  // Year 0 (1 BC, proleptic Gregorian) is a leap year of 366 days before 0001-01-01.
  EXPECT_EQ(parse_timestamp("0000-01-01T00:00:00Z"), at_seconds(-62135596800 - 366 * 86400));
}

TEST(TimestampParse, OffsetsNormaliseToUtc) {
  const Timestamp expected = at_seconds(1753785000);  // 2025-07-29T10:30:00Z
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00Z"), expected);
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00z"), expected);
  EXPECT_EQ(parse_timestamp("2025-07-29T16:00:00+05:30"), expected);
  EXPECT_EQ(parse_timestamp("2025-07-29T16:00:00+0530"), expected);
  EXPECT_EQ(parse_timestamp("2025-07-29T06:30:00-04:00"), expected);
  EXPECT_EQ(parse_timestamp("2025-07-29T06:30:00-0400"), expected);
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00-00:00"), expected);
  EXPECT_EQ(parse_timestamp("2025-07-30T10:29:00+23:59"), expected);  // The largest offset.
  // Offsets that move the instant across a day and a year boundary.
  EXPECT_EQ(parse_timestamp("2025-01-01T01:00:00+02:00"), at_seconds(1735686000));
  EXPECT_EQ(parse_timestamp("2024-12-31T20:00:00-03:00"), at_seconds(1735686000));
}

TEST(TimestampParse, FractionalDigitsZeroToNine) {
  const Timestamp base = at_seconds(1753785000);
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00Z"), base);
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00.1Z"), base + microseconds(100000));
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00.12Z"), base + microseconds(120000));
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00.123Z"), base + microseconds(123000));
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00.1234Z"), base + microseconds(123400));
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00.12345Z"), base + microseconds(123450));
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00.123456Z"), base + microseconds(123456));
  // Beyond microseconds the digits are truncated, not rounded.
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00.1234567Z"), base + microseconds(123456));
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00.12345678Z"), base + microseconds(123456));
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00.999999999+00:00"), base + microseconds(999999));
  EXPECT_EQ(parse_timestamp("2025-07-29T10:30:00.000001+00:00"), base + microseconds(1));
}

TEST(TimestampParse, LeapSecondReadsAsSecondFiftyNine) {
  // The documented choice: ":60" is second 59 of the same minute, fraction kept.
  EXPECT_EQ(parse_timestamp("2016-12-31T23:59:60Z"), at_seconds(1483228799));
  EXPECT_EQ(parse_timestamp("2016-12-31T23:59:60.5Z"), at_seconds(1483228799, 500000));
  EXPECT_EQ(parse_timestamp("2017-01-01T05:29:60+05:30"), at_seconds(1483228799));
}

TEST(TimestampParse, LeapDays) {
  EXPECT_NO_THROW(parse_timestamp("2024-02-29T00:00:00Z"));
  EXPECT_NO_THROW(parse_timestamp("2000-02-29T00:00:00Z"));  // Divisible by 400.
  EXPECT_THROW(parse_timestamp("2025-02-29T00:00:00Z"), std::invalid_argument);
  EXPECT_THROW(parse_timestamp("1900-02-29T00:00:00Z"), std::invalid_argument);  // By 100 only.
  EXPECT_THROW(parse_timestamp("2024-02-30T00:00:00Z"), std::invalid_argument);
}

TEST(TimestampParse, MatchesNaiveOracleEveryTenthDayFrom1600To2400) {
  int checked = 0;
  for (int year = 1600; year <= 2400; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= 28; day += 9) {
        const std::string text =
            four(year) + "-" + two(month) + "-" + two(day) + "T13:14:15.161718+00:00";
        const std::int64_t expected_seconds =
            naive_days_from_civil(year, month, day) * 86400 + 13 * 3600 + 14 * 60 + 15;
        ASSERT_EQ(parse_timestamp(text), at_seconds(expected_seconds, 161718)) << text;
        ASSERT_EQ(format_timestamp(at_seconds(expected_seconds, 161718)), text);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 801 * 12 * 4);
}

TEST(TimestampFormat, KnownInstants) {
  EXPECT_EQ(format_timestamp(Timestamp{}), "1970-01-01T00:00:00.000000+00:00");
  EXPECT_EQ(format_timestamp(at_seconds(1753785000)), "2025-07-29T10:30:00.000000+00:00");
  EXPECT_EQ(format_timestamp(at_seconds(1753862401, 1)), "2025-07-30T08:00:01.000001+00:00");
  EXPECT_EQ(format_timestamp(at_seconds(951825600, 999999)), "2000-02-29T12:00:00.999999+00:00");
  EXPECT_EQ(format_timestamp(Timestamp(microseconds(-1))), "1969-12-31T23:59:59.999999+00:00");
  EXPECT_EQ(format_timestamp(at_seconds(-14182940)), "1969-07-20T20:17:40.000000+00:00");
  EXPECT_EQ(format_timestamp(at_seconds(-2208988800)), "1900-01-01T00:00:00.000000+00:00");
  EXPECT_EQ(format_timestamp(at_seconds(-62135596800)), "0001-01-01T00:00:00.000000+00:00");
  EXPECT_EQ(format_timestamp(at_seconds(253402300799, 999999)), "9999-12-31T23:59:59.999999+00:00");
}

TEST(TimestampFormat, OutsideFourDigitYearsUsesExpandedForm) {
  // The ends of the representable range, cross-checked with GNU date -u -d @<seconds>.
  EXPECT_EQ(format_timestamp(Timestamp(microseconds::max())),
            "+294247-01-10T04:00:54.775807+00:00");
  EXPECT_EQ(format_timestamp(Timestamp(microseconds::min())),
            "-290308-12-21T19:59:05.224192+00:00");
  EXPECT_EQ(format_timestamp(at_seconds(253402300800)), "+010000-01-01T00:00:00.000000+00:00");
  EXPECT_EQ(format_timestamp(at_seconds(-62135596800 - 366 * 86400 - 1)),
            "-000001-12-31T23:59:59.000000+00:00");
}

TEST(TimestampRoundTrip, CloseFormatIsReproducedExactly) {
  for (const char* text : {
           "2025-07-29T10:30:00.000000+00:00",
           "2025-07-29T10:30:00.123456+00:00",
           "1969-12-31T23:59:59.999999+00:00",
           "1970-01-01T00:00:00.000001+00:00",
           "2000-02-29T23:59:59.500000+00:00",
           "0001-01-01T00:00:00.000000+00:00",
           "9999-12-31T23:59:59.999999+00:00",
       }) {
    EXPECT_EQ(format_timestamp(parse_timestamp(text)), text);
  }
}

TEST(TimestampRoundTrip, RandomInstantsSurviveFormatThenParse) {
  std::mt19937_64 rng(20250729);
  // Every microsecond from 0000-01-01 to 9999-12-31 is fair game.
  std::uniform_int_distribution<std::int64_t> dist(-62167219200LL * 1'000'000,
                                                   253402300799LL * 1'000'000 + 999999);
  for (int i = 0; i < 20000; ++i) {
    const Timestamp t{microseconds(dist(rng))};
    const std::string text = format_timestamp(t);
    ASSERT_EQ(text.size(), 32u) << text;
    ASSERT_EQ(parse_timestamp(text), t) << text;
  }
}

class TimestampRejects : public ::testing::TestWithParam<const char*> {};

TEST_P(TimestampRejects, Invalid) {
  const std::string text = GetParam();
  try {
    parse_timestamp(text);
    FAIL() << "accepted: " << text;
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("invalid timestamp")) << text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, TimestampRejects,
    ::testing::Values(
        "", "2025", "2025-07-29", "2025-07-29T10:30:00", "2025-07-29T10:30Z",
        "2025-07-29 10:30:00Z", "2025-07-29t10:30:00Z", "2025-7-29T10:30:00Z", "25-07-29T10:30:00Z",
        "2025/07/29T10:30:00Z", "2025-07-29T10-30-00Z", "2025-00-10T10:30:00Z",
        "2025-13-01T10:30:00Z", "2025-07-00T10:30:00Z", "2025-07-32T10:30:00Z",
        "2025-04-31T10:30:00Z", "2025-07-29T24:00:00Z", "2025-07-29T10:60:00Z",
        "2025-07-29T10:30:61Z", "2025-07-29T10:30:99Z", "2025-07-29T10:30:00.Z",
        "2025-07-29T10:30:00.1234567890Z", "2025-07-29T10:30:00,5Z", "2025-07-29T10:30:00+24:00",
        "2025-07-29T10:30:00+05:60", "2025-07-29T10:30:00+5:30", "2025-07-29T10:30:00+05:3",
        "2025-07-29T10:30:00+05", "2025-07-29T10:30:00+05:30:00", "2025-07-29T10:30:00+05:30 ",
        " 2025-07-29T10:30:00Z", "2025-07-29T10:30:00ZZ", "2025-07-29T10:30:00UTC",
        "2025-07-29T10:30:00 +00:00", "+02025-07-29T10:30:00Z", "-2025-07-29T10:30:00Z",
        "+010000-01-01T00:00:00.000000+00:00", "2025-07-29T1a:30:00Z",
        "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x95-07-29T10:30:00Z",
        "2025-07-29T10:30:00.+00:00", "2025-07-29T10:30:00-", "2025-07-29T10:30:00+"));

TEST(TimestampParse, RejectsEmbeddedNul) {
  const std::string text("2025-07-29T10:30:00Z\0", 21);
  EXPECT_THROW(parse_timestamp(text), std::invalid_argument);
}

TEST(TimestampParse, ErrorQuotesABoundedPrefixOfTheText) {
  const std::string text = "2025-99-29T10:30:00Z" + std::string(10000, 'x');
  try {
    parse_timestamp(text);
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_THAT(what, HasSubstr("\"2025-99-29T10:30:00Zxxx"));
    EXPECT_LT(what.size(), 250u);
  }
}

TEST(TimestampParse, ErrorNamesTheReason) {
  try {
    parse_timestamp("2025-13-01T00:00:00Z");
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("\"2025-13-01T00:00:00Z\""));
    EXPECT_THAT(e.what(), HasSubstr("month"));
  }
}

}  // namespace
}  // namespace closeio::unit_timestamp_test
