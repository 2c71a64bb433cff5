// The Outcomes wire format (internal/json_codec) and the Outcome enums and setters.
// Expected values are written out by hand from Close's documented format.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "closeio/errors.hpp"
#include "closeio/outcome.hpp"
#include "internal/json_codec.hpp"

namespace closeio::internal::unit_json_codec_test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Timestamp at_seconds(std::int64_t s, std::int64_t us = 0) {
  return Timestamp(std::chrono::microseconds(s * 1'000'000 + us));
}

// The what() of the DecodeError that `f` must throw.
template <class F>
std::string decode_error(F&& f) {
  try {
    f();
  } catch (const DecodeError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("wrong exception type: ") + e.what();
  }
  return "no exception";
}

std::string outcome_error(const std::string& body) {
  return decode_error([&] { decode_outcome(body); });
}
std::string page_error(const std::string& body) {
  return decode_error([&] { decode_outcome_page(body); });
}
std::string delete_error(const std::string& body) {
  return decode_error([&] { check_delete_body(body); });
}

// An outcome as Close sends it (all ten keys, Python's json.dumps spacing).
const std::string kServerOutcome = R"({
  "applies_to": ["calls", "meetings"],
  "created_by": "user_8z9nA4sgFYYoS52nOgCTQ2Y1HwJ0LCLGjXMD0IjTDMg",
  "date_created": "2025-07-29T10:30:00.123456+00:00",
  "date_updated": "2025-07-30T08:00:01.000001+00:00",
  "description": "The lead agreed to a demo.",
  "id": "outcome_03oUxZfoO6e2vHmcz1DiHR",
  "name": "Demo Booked",
  "organization_id": "orga_bOOtQfnNcMiHkxoDsZIOa3PhD2Tb4v3BFLsPbqdDCQ5",
  "type": "custom",
  "updated_by": null
})";

Outcome server_outcome_struct() {
  Outcome o;
  o.id = "outcome_03oUxZfoO6e2vHmcz1DiHR";
  o.organization_id = "orga_bOOtQfnNcMiHkxoDsZIOa3PhD2Tb4v3BFLsPbqdDCQ5";
  o.name = "Demo Booked";
  o.description = "The lead agreed to a demo.";
  o.type = OutcomeType::custom;
  o.applies_to = {AppliesTo::calls, AppliesTo::meetings};
  o.created_by = "user_8z9nA4sgFYYoS52nOgCTQ2Y1HwJ0LCLGjXMD0IjTDMg";
  o.updated_by = std::nullopt;
  o.date_created = at_seconds(1753785000, 123456);  // 2025-07-29T10:30:00.123456Z
  o.date_updated = at_seconds(1753862401, 1);       // 2025-07-30T08:00:01.000001Z
  return o;
}

// --- enums and OutcomeUpdate ------------------------------------------------------------------

TEST(OutcomeWireNames, ToString) {
  EXPECT_EQ(to_string(OutcomeType::custom), "custom");
  EXPECT_EQ(to_string(OutcomeType::vm_dropped), "vm-dropped");
  EXPECT_EQ(to_string(OutcomeType::unknown), "unknown");
  EXPECT_EQ(to_string(static_cast<OutcomeType>(42)), "unknown");
  EXPECT_EQ(to_string(AppliesTo::calls), "calls");
  EXPECT_EQ(to_string(AppliesTo::meetings), "meetings");
  EXPECT_EQ(to_string(AppliesTo::unknown), "unknown");
}

TEST(OutcomeWireNames, FromString) {
  EXPECT_EQ(outcome_type_from_string("custom"), OutcomeType::custom);
  EXPECT_EQ(outcome_type_from_string("vm-dropped"), OutcomeType::vm_dropped);
  EXPECT_EQ(outcome_type_from_string("vm_dropped"), OutcomeType::unknown);
  EXPECT_EQ(outcome_type_from_string("Custom"), OutcomeType::unknown);
  EXPECT_EQ(outcome_type_from_string(""), OutcomeType::unknown);
  EXPECT_EQ(outcome_type_from_string("unknown"), OutcomeType::unknown);
  EXPECT_EQ(applies_to_from_string("calls"), AppliesTo::calls);
  EXPECT_EQ(applies_to_from_string("meetings"), AppliesTo::meetings);
  EXPECT_EQ(applies_to_from_string("emails"), AppliesTo::unknown);
  EXPECT_EQ(applies_to_from_string("calls "), AppliesTo::unknown);
}

TEST(OutcomeUpdateSetters, RecordWhatWasSet) {
  OutcomeUpdate none;
  EXPECT_TRUE(none.empty());
  EXPECT_FALSE(none.has_description());

  OutcomeUpdate u;
  u.set_name("New").set_description("Text").set_type(OutcomeType::vm_dropped);
  EXPECT_FALSE(u.empty());
  EXPECT_EQ(u.name(), std::optional<std::string>("New"));
  EXPECT_TRUE(u.has_description());
  EXPECT_EQ(u.description(), std::optional<std::string>("Text"));
  EXPECT_EQ(u.type(), std::optional<OutcomeType>(OutcomeType::vm_dropped));

  u.clear_description();
  EXPECT_TRUE(u.has_description());
  EXPECT_EQ(u.description(), std::nullopt);

  OutcomeUpdate only_clear;
  only_clear.clear_description();
  EXPECT_FALSE(only_clear.empty());
}

// --- decode_outcome ---------------------------------------------------------------------------

TEST(DecodeOutcome, ServerShapedBody) {
  EXPECT_EQ(decode_outcome(kServerOutcome), server_outcome_struct());
}

TEST(DecodeOutcome, VmDroppedWithNulls) {
  const Outcome o = decode_outcome(
      R"({"id":"outcome_2","organization_id":"orga_1","name":"VM","description":null,)"
      R"("type":"vm-dropped","applies_to":["calls"],"created_by":null,"updated_by":"user_9",)"
      R"("date_created":"1999-12-31T23:00:00-01:00","date_updated":"2000-01-01T00:00:00Z"})");
  EXPECT_EQ(o.id, "outcome_2");
  EXPECT_EQ(o.organization_id, "orga_1");
  EXPECT_EQ(o.name, "VM");
  EXPECT_EQ(o.description, std::nullopt);
  EXPECT_EQ(o.type, OutcomeType::vm_dropped);
  EXPECT_EQ(o.applies_to, std::vector<AppliesTo>{AppliesTo::calls});
  EXPECT_EQ(o.created_by, std::nullopt);
  EXPECT_EQ(o.updated_by, std::optional<std::string>("user_9"));
  EXPECT_EQ(o.date_created, at_seconds(946684800));  // 2000-01-01T00:00:00Z
  EXPECT_EQ(o.date_updated, at_seconds(946684800));
}

TEST(DecodeOutcome, MissingKeysKeepDefaults) {
  EXPECT_EQ(decode_outcome("{}"), Outcome{});
  // A `_fields=id,name` answer.
  const Outcome o = decode_outcome(R"({"id": "outcome_1", "name": "Qualified"})");
  Outcome expected;
  expected.id = "outcome_1";
  expected.name = "Qualified";
  EXPECT_EQ(o, expected);
  EXPECT_EQ(o.type, OutcomeType::custom);
  EXPECT_EQ(o.date_created, Timestamp{});
}

TEST(DecodeOutcome, UnknownKeysAreIgnoredAtAnyDepth) {
  const Outcome o = decode_outcome(R"({
    "extra": {"name": 5, "id": [1, 2], "data": [{"type": 7}], "deep": {"x": {"y": [[[]]]}}},
    "name": "A",
    "more": [[{"type": 7, "name": null}], "s", 1.5, -3, 18446744073709551615, true, null],
    "z": null, "n": 1e300, "b": false, "s": "text", "o": {}, "a": [],
    "id": "outcome_1",
    "applies_to_future": 3,
    "Name": 4
  })");
  Outcome expected;
  expected.id = "outcome_1";
  expected.name = "A";
  EXPECT_EQ(o, expected);
}

TEST(DecodeOutcome, UnknownEnumValuesDecodeAsUnknown) {
  const Outcome o = decode_outcome(
      R"({"type": "phone-call", "applies_to": ["calls", "emails", "meetings", ""]})");
  EXPECT_EQ(o.type, OutcomeType::unknown);
  EXPECT_EQ(o.applies_to, (std::vector<AppliesTo>{AppliesTo::calls, AppliesTo::unknown,
                                                  AppliesTo::meetings, AppliesTo::unknown}));
}

TEST(DecodeOutcome, NullableFieldsAcceptNull) {
  const Outcome o = decode_outcome(
      R"({"description": null, "created_by": null, "updated_by": null, "applies_to": null})");
  EXPECT_EQ(o.description, std::nullopt);
  EXPECT_EQ(o.created_by, std::nullopt);
  EXPECT_EQ(o.updated_by, std::nullopt);
  EXPECT_TRUE(o.applies_to.empty());
}

TEST(DecodeOutcome, RepeatedKeyKeepsTheLastValue) {
  const Outcome o = decode_outcome(
      R"({"name": "a", "name": "b", "applies_to": ["calls"], "applies_to": ["meetings"],)"
      R"( "description": "x", "description": null})");
  EXPECT_EQ(o.name, "b");
  EXPECT_EQ(o.applies_to, std::vector<AppliesTo>{AppliesTo::meetings});
  EXPECT_EQ(o.description, std::nullopt);
}

TEST(DecodeOutcome, StringEscapesAndUnicode) {
  const Outcome o = decode_outcome(
      R"({"name": "Line\nBreak \"q\" \\ \/ \u00e9 \ud83d\ude00", "description": "D\u00e9mo \u2713"})");
  EXPECT_EQ(o.name, "Line\nBreak \"q\" \\ / \xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(o.description, std::optional<std::string>("D\xC3\xA9mo \xE2\x9C\x93"));
  EXPECT_EQ(decode_outcome("{\"name\": \"Caf\xC3\xA9 \xE2\x98\x95\"}").name,
            "Caf\xC3\xA9 \xE2\x98\x95");
}

TEST(DecodeOutcome, WhitespaceAroundTheBodyIsFine) {
  EXPECT_EQ(decode_outcome(" \r\n\t{\"name\":\"A\"} \n").name, "A");
}

struct WrongType {
  const char* body;
  const char* message;
};

class DecodeOutcomeWrongType : public ::testing::TestWithParam<WrongType> {};

TEST_P(DecodeOutcomeWrongType, NamesTheField) {
  EXPECT_EQ(outcome_error(GetParam().body), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DecodeOutcomeWrongType,
    ::testing::Values(
        WrongType{R"({"name": 5})",
                  R"(decoding outcome: field "name": expected a string, got number)"},
        WrongType{R"({"name": null})",
                  R"(decoding outcome: field "name": expected a string, got null)"},
        WrongType{R"({"id": true})",
                  R"(decoding outcome: field "id": expected a string, got boolean)"},
        WrongType{R"({"id": null})",
                  R"(decoding outcome: field "id": expected a string, got null)"},
        WrongType{R"({"organization_id": -1})",
                  R"(decoding outcome: field "organization_id": expected a string, got number)"},
        WrongType{R"({"organization_id": null})",
                  R"(decoding outcome: field "organization_id": expected a string, got null)"},
        WrongType{
            R"({"description": 1.5})",
            R"(decoding outcome: field "description": expected a string or null, got number)"},
        WrongType{R"({"created_by": {}})",
                  R"(decoding outcome: field "created_by": expected a string or null, got object)"},
        WrongType{R"({"updated_by": []})",
                  R"(decoding outcome: field "updated_by": expected a string or null, got array)"},
        WrongType{R"({"type": ["custom"]})",
                  R"(decoding outcome: field "type": expected a string, got array)"},
        WrongType{R"({"type": null})",
                  R"(decoding outcome: field "type": expected a string, got null)"},
        WrongType{R"({"applies_to": "calls"})",
                  R"(decoding outcome: field "applies_to": expected an array or null, got string)"},
        WrongType{R"({"applies_to": {"0": "calls"}})",
                  R"(decoding outcome: field "applies_to": expected an array or null, got object)"},
        WrongType{R"({"applies_to": [null]})",
                  R"(decoding outcome: field "applies_to[0]": expected a string, got null)"},
        WrongType{R"({"applies_to": ["calls", {"x": 1}]})",
                  R"(decoding outcome: field "applies_to[1]": expected a string, got object)"},
        WrongType{R"({"applies_to": ["calls", "meetings", ["calls"]]})",
                  R"(decoding outcome: field "applies_to[2]": expected a string, got array)"},
        WrongType{R"({"date_created": 1753785000})",
                  R"(decoding outcome: field "date_created": expected a string, got number)"},
        WrongType{R"({"date_updated": null})",
                  R"(decoding outcome: field "date_updated": expected a string, got null)"},
        // Huge numbers are still numbers, wherever they are.
        WrongType{R"({"name": 123456789012345678901234567890})",
                  R"(decoding outcome: field "name": expected a string, got number)"},
        WrongType{R"({"id": -1.7976931348623157e308})",
                  R"(decoding outcome: field "id": expected a string, got number)"},
        WrongType{R"([])", "decoding outcome: expected a JSON object, got array"},
        WrongType{R"("outcome")", "decoding outcome: expected a JSON object, got string"},
        WrongType{"42", "decoding outcome: expected a JSON object, got number"},
        WrongType{"null", "decoding outcome: expected a JSON object, got null"},
        WrongType{"true", "decoding outcome: expected a JSON object, got boolean"}));

TEST(DecodeOutcome, MalformedTimestampNamesTheField) {
  const std::string what = outcome_error(R"({"date_updated": "2025-07-29 10:30:00"})");
  EXPECT_THAT(what, StartsWith(R"(decoding outcome: field "date_updated": )"));
  EXPECT_THAT(what, HasSubstr(R"("2025-07-29 10:30:00")"));
  EXPECT_THAT(outcome_error(R"({"date_created": "2025-02-30T00:00:00Z"})"),
              StartsWith(R"(decoding outcome: field "date_created": )"));
  EXPECT_THAT(outcome_error(R"({"date_created": ""})"),
              StartsWith(R"(decoding outcome: field "date_created": )"));
}

TEST(DecodeOutcome, NumberTooLargeForADoubleIsAParseErrorEvenUnderAnUnknownKey) {
  // nlohmann/json refuses numbers that overflow a double while parsing, before our handler can
  // skip them. Close never sends such numbers; the point is a DecodeError rather than a crash.
  EXPECT_THAT(outcome_error(R"({"extra": 1e400})"), HasSubstr("invalid JSON at byte"));
}

TEST(DecodeOutcome, InvalidJsonGivesTheBytePosition) {
  // 'x' is the 10th byte of the body.
  EXPECT_THAT(outcome_error(R"({"name": x})"),
              StartsWith("decoding outcome: invalid JSON at byte 10: "));
  EXPECT_THAT(outcome_error(""), StartsWith("decoding outcome: invalid JSON at byte "));
  EXPECT_THAT(outcome_error("{} {}"), StartsWith("decoding outcome: invalid JSON at byte "));
  EXPECT_THAT(outcome_error("{}x"), StartsWith("decoding outcome: invalid JSON at byte "));
  EXPECT_THAT(outcome_error(R"({"name": "a",})"), HasSubstr("invalid JSON"));
  EXPECT_THAT(outcome_error(R"({'name': 'a'})"), HasSubstr("invalid JSON"));
  EXPECT_THAT(outcome_error(R"({"name": "a" /* c */})"), HasSubstr("invalid JSON"));
  EXPECT_THAT(outcome_error(R"({"name": NaN})"), HasSubstr("invalid JSON"));
  EXPECT_THAT(outcome_error("{\"name\": \"tab\there\"}"), HasSubstr("invalid JSON"));
}

TEST(DecodeOutcome, EveryTruncationIsADecodeError) {
  for (std::size_t length = 0; length < kServerOutcome.size(); ++length) {
    const std::string prefix = kServerOutcome.substr(0, length);
    ASSERT_THAT(outcome_error(prefix), StartsWith("decoding outcome: invalid JSON at byte "))
        << "length " << length;
  }
}

TEST(DecodeOutcome, InvalidUtf8IsADecodeError) {
  // The 0xFF is the 12th byte.
  EXPECT_THAT(outcome_error("{\"name\": \"a\xFF\"}"),
              StartsWith("decoding outcome: invalid JSON at byte 12: "));
  for (const std::string& body : {
           std::string("{\"name\": \"\xC0\xAF\"}"),            // Overlong '/'.
           std::string("{\"name\": \"\x80\"}"),                // Lone continuation byte.
           std::string("{\"name\": \"\xE2\x82\"}"),            // Truncated sequence.
           std::string("{\"name\": \"\xED\xA0\x80\"}"),        // UTF-16 surrogate.
           std::string("{\"name\": \"\xF4\x90\x80\x80\"}"),    // Past U+10FFFF.
           std::string("{\"extra\": \"\xFF\", \"name\": 1}"),  // Under an unknown key too.
           std::string("{\"n\xFF\": 1}"),                      // In a key.
           std::string("{\"name\": \"x\"}\xFF"),               // Outside any string.
       }) {
    const std::string what = outcome_error(body);
    EXPECT_THAT(what, StartsWith("decoding outcome: invalid JSON at byte ")) << body;
    // The message itself stays printable ASCII whatever the body held.
    for (const char c : what) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << what;
  }
}

TEST(DecodeOutcome, ParserMessageIsBounded) {
  const std::string body = "{\"name\": \"" + std::string(100000, 'a');  // Unterminated string.
  const std::string what = outcome_error(body);
  EXPECT_THAT(what, StartsWith("decoding outcome: invalid JSON at byte "));
  EXPECT_LT(what.size(), 300u);
  EXPECT_THAT(what, ::testing::EndsWith("..."));
}

// --- nesting ----------------------------------------------------------------------------------

std::string nested_arrays(std::size_t levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

TEST(DecodeNesting, HundredThousandLevelsAreRefusedWithoutCrashing) {
  const std::string deep_arrays(100000, '[');
  EXPECT_EQ(outcome_error(deep_arrays), "decoding outcome: expected a JSON object, got array");
  EXPECT_EQ(page_error(deep_arrays), "decoding outcome page: expected a JSON object, got array");

  const std::string under_unknown_key = "{\"x\": " + deep_arrays;
  EXPECT_EQ(outcome_error(under_unknown_key),
            "decoding outcome: JSON nested deeper than 64 levels");
  EXPECT_EQ(page_error(under_unknown_key),
            "decoding outcome page: JSON nested deeper than 64 levels");

  std::string deep_objects;
  for (int i = 0; i < 100000; ++i) deep_objects += "{\"a\":";
  EXPECT_EQ(outcome_error(deep_objects), "decoding outcome: JSON nested deeper than 64 levels");
  EXPECT_EQ(page_error(deep_objects), "decoding outcome page: JSON nested deeper than 64 levels");
  EXPECT_EQ(page_error("{\"data\": [{\"x\": " + deep_arrays),
            "decoding outcome page: JSON nested deeper than 64 levels");
}

TEST(DecodeNesting, SixtyFourLevelsAreAcceptedSixtyFiveAreNot) {
  // The outer object is level 1, so 63 arrays under it make 64 levels.
  EXPECT_EQ(decode_outcome("{\"x\": " + nested_arrays(63) + ", \"name\": \"ok\"}").name, "ok");
  EXPECT_EQ(outcome_error("{\"x\": " + nested_arrays(64) + "}"),
            "decoding outcome: JSON nested deeper than 64 levels");
  // In a page the outcomes sit at level 3: 61 more levels are allowed under an unknown key.
  EXPECT_EQ(decode_outcome_page("{\"data\": [{\"x\": " + nested_arrays(61) + "}]}").data.size(),
            1u);
  EXPECT_EQ(page_error("{\"data\": [{\"x\": " + nested_arrays(62) + "}]}"),
            "decoding outcome page: JSON nested deeper than 64 levels");
}

// --- decode_outcome_page ----------------------------------------------------------------------

TEST(DecodeOutcomePage, TwoOutcomesAndHasMore) {
  const Page<Outcome> page =
      decode_outcome_page("{\"has_more\": true, \"data\": [" + kServerOutcome + ", " +
                          R"({"id": "outcome_2", "type": "vm-dropped"}]})");
  ASSERT_EQ(page.data.size(), 2u);
  EXPECT_EQ(page.data[0], server_outcome_struct());
  Outcome second;
  second.id = "outcome_2";
  second.type = OutcomeType::vm_dropped;
  EXPECT_EQ(page.data[1], second);
  EXPECT_TRUE(page.has_more);
}

TEST(DecodeOutcomePage, EmptyPageAndMissingHasMore) {
  const Page<Outcome> empty = decode_outcome_page(R"({"data": [], "has_more": false})");
  EXPECT_TRUE(empty.data.empty());
  EXPECT_FALSE(empty.has_more);
  const Page<Outcome> no_flag = decode_outcome_page(R"({"data": [{"name": "A"}]})");
  ASSERT_EQ(no_flag.data.size(), 1u);
  EXPECT_EQ(no_flag.data[0].name, "A");
  EXPECT_FALSE(no_flag.has_more);
}

TEST(DecodeOutcomePage, UnknownKeysAreIgnored) {
  const Page<Outcome> page = decode_outcome_page(R"({
    "meta": {"data": 5, "has_more": "yes", "more": [{"data": []}]},
    "data": [{"name": "A", "extra": {"name": 1}}, {"name": "B", "x": [[{"id": 3}]]}],
    "total_results": 2,
    "cursor": null,
    "has_more": true
  })");
  ASSERT_EQ(page.data.size(), 2u);
  EXPECT_EQ(page.data[0].name, "A");
  EXPECT_EQ(page.data[1].name, "B");
  EXPECT_TRUE(page.has_more);
}

TEST(DecodeOutcomePage, RepeatedDataKeepsTheLastArray) {
  const Page<Outcome> page =
      decode_outcome_page(R"({"data": [{"name": "A"}, {"name": "B"}], "data": [{"name": "C"}]})");
  ASSERT_EQ(page.data.size(), 1u);
  EXPECT_EQ(page.data[0].name, "C");
}

TEST(DecodeOutcomePage, RequiresData) {
  EXPECT_EQ(page_error(R"({"has_more": true})"), R"(decoding outcome page: missing field "data")");
  EXPECT_EQ(page_error("{}"), R"(decoding outcome page: missing field "data")");
  EXPECT_EQ(page_error(R"({"meta": {"data": []}})"),
            R"(decoding outcome page: missing field "data")");
}

TEST(DecodeOutcomePage, WrongTypesNameTheIndex) {
  EXPECT_EQ(page_error(R"({"data": [{}, {}, {}, {"name": 5}]})"),
            R"(decoding outcome page: field "data[3].name": expected a string, got number)");
  EXPECT_EQ(
      page_error(R"({"data": [{"applies_to": ["calls", 1]}]})"),
      R"(decoding outcome page: field "data[0].applies_to[1]": expected a string, got number)");
  EXPECT_EQ(page_error(R"({"data": [{}, 3]})"),
            R"(decoding outcome page: field "data[1]": expected an object, got number)");
  EXPECT_EQ(page_error(R"({"data": [[]]})"),
            R"(decoding outcome page: field "data[0]": expected an object, got array)");
  EXPECT_EQ(page_error(R"({"data": {}})"),
            R"(decoding outcome page: field "data": expected an array, got object)");
  EXPECT_EQ(page_error(R"({"data": null})"),
            R"(decoding outcome page: field "data": expected an array, got null)");
  EXPECT_EQ(page_error(R"({"data": [], "has_more": 1})"),
            R"(decoding outcome page: field "has_more": expected a boolean, got number)");
  EXPECT_EQ(page_error(R"({"data": [], "has_more": "false"})"),
            R"(decoding outcome page: field "has_more": expected a boolean, got string)");
  EXPECT_EQ(page_error(R"({"data": [], "has_more": null})"),
            R"(decoding outcome page: field "has_more": expected a boolean, got null)");
  EXPECT_THAT(page_error(R"({"data": [{}, {"date_created": "yesterday"}]})"),
              StartsWith(R"(decoding outcome page: field "data[1].date_created": )"));
  EXPECT_EQ(page_error("[]"), "decoding outcome page: expected a JSON object, got array");
}

TEST(DecodeOutcomePage, InvalidJson) {
  EXPECT_THAT(page_error(R"({"data": [{"name": "A"})"),
              StartsWith("decoding outcome page: invalid JSON at byte "));
  EXPECT_THAT(page_error(""), StartsWith("decoding outcome page: invalid JSON at byte "));
  const std::string page = "{\"data\": [" + kServerOutcome + "], \"has_more\": false}";
  for (std::size_t length = 0; length < page.size(); length += 7) {
    ASSERT_THAT(page_error(page.substr(0, length)), HasSubstr("invalid JSON")) << length;
  }
}

TEST(DecodeOutcomePage, HundredOutcomes) {
  std::string body = "{\"data\": [";
  for (int i = 0; i < 100; ++i) {
    if (i > 0) body += ",";
    body += "{\"id\": \"outcome_" + std::to_string(i) +
            "\", \"date_created\": \"2025-07-29T10:30:" + (i % 60 < 10 ? "0" : "") +
            std::to_string(i % 60) + ".000000+00:00\"}";
  }
  body += "], \"has_more\": true}";
  const Page<Outcome> page = decode_outcome_page(body);
  ASSERT_EQ(page.data.size(), 100u);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(page.data[i].id, "outcome_" + std::to_string(i));
    EXPECT_EQ(page.data[i].date_created, at_seconds(1753785000 + i % 60));
  }
}

// --- check_delete_body ------------------------------------------------------------------------

TEST(CheckDeleteBody, AcceptsEmptyAndObjects) {
  for (const char* body : {"", " ", "\r\n\t ", "{}", " {} \n", R"({"a": [1, {"b": null}]})"}) {
    EXPECT_NO_THROW(check_delete_body(body)) << body;
  }
}

TEST(CheckDeleteBody, RejectsEverythingElse) {
  EXPECT_EQ(delete_error("[]"),
            "decoding delete response: expected an empty body or a JSON object, got array");
  EXPECT_EQ(delete_error("null"),
            "decoding delete response: expected an empty body or a JSON object, got null");
  EXPECT_EQ(delete_error("\"\""),
            "decoding delete response: expected an empty body or a JSON object, got string");
  EXPECT_EQ(delete_error("0"),
            "decoding delete response: expected an empty body or a JSON object, got number");
  EXPECT_EQ(delete_error("true"),
            "decoding delete response: expected an empty body or a JSON object, got boolean");
  for (const char* body : {"{", "{}x", "{} {}", "<html>", "OK", "{\"a\": \"\xFF\"}"}) {
    EXPECT_THAT(delete_error(body), StartsWith("decoding delete response: invalid JSON at byte "))
        << body;
  }
}

TEST(CheckDeleteBody, DeepNestingIsRefused) {
  EXPECT_EQ(delete_error(std::string(100000, '[')),
            "decoding delete response: expected an empty body or a JSON object, got array");
  std::string deep_objects;
  for (int i = 0; i < 100000; ++i) deep_objects += "{\"a\":";
  EXPECT_EQ(delete_error(deep_objects),
            "decoding delete response: JSON nested deeper than 64 levels");
  EXPECT_NO_THROW(check_delete_body("{\"x\": " + nested_arrays(63) + "}"));
}

// --- encode_create / encode_update ------------------------------------------------------------

TEST(EncodeCreate, ExactBodies) {
  EXPECT_EQ(encode_create(OutcomeCreate{"Demo Booked", std::nullopt, std::nullopt}),
            R"({"name":"Demo Booked"})");
  EXPECT_EQ(encode_create(OutcomeCreate{"VM", "Left a voicemail", OutcomeType::vm_dropped}),
            R"({"name":"VM","description":"Left a voicemail","type":"vm-dropped"})");
  EXPECT_EQ(encode_create(OutcomeCreate{"Q", "", OutcomeType::custom}),
            R"({"name":"Q","description":"","type":"custom"})");
  EXPECT_EQ(encode_create(OutcomeCreate{"Q", std::nullopt, OutcomeType::custom}),
            R"({"name":"Q","type":"custom"})");
}

TEST(EncodeCreate, EscapesStrings) {
  EXPECT_EQ(encode_create(
                OutcomeCreate{"Say \"hi\"\n\t\\ / \x01 Caf\xC3\xA9", std::nullopt, std::nullopt}),
            "{\"name\":\"Say \\\"hi\\\"\\n\\t\\\\ / \\u0001 Caf\xC3\xA9\"}");
}

TEST(EncodeCreate, RejectsBadInputBeforeSending) {
  EXPECT_THROW(encode_create(OutcomeCreate{"", std::nullopt, std::nullopt}), std::invalid_argument);
  EXPECT_THROW(encode_create(OutcomeCreate{"A", std::nullopt, OutcomeType::unknown}),
               std::invalid_argument);
  EXPECT_THROW(encode_create(OutcomeCreate{"A", std::nullopt, static_cast<OutcomeType>(42)}),
               std::invalid_argument);
  try {
    encode_create(OutcomeCreate{"bad \xFF name", std::nullopt, std::nullopt});
    FAIL() << "accepted invalid UTF-8";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("\"name\""));
    EXPECT_THAT(e.what(), HasSubstr("UTF-8"));
  }
  try {
    encode_create(OutcomeCreate{"A", std::string("\xC3"), std::nullopt});
    FAIL() << "accepted invalid UTF-8";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("\"description\""));
  }
}

TEST(EncodeUpdate, ExactBodies) {
  EXPECT_EQ(encode_update(OutcomeUpdate()), "{}");
  EXPECT_EQ(encode_update(OutcomeUpdate().clear_description()), R"({"description":null})");
  EXPECT_EQ(encode_update(OutcomeUpdate().set_name("New")), R"({"name":"New"})");
  EXPECT_EQ(encode_update(OutcomeUpdate().set_type(OutcomeType::vm_dropped)),
            R"({"type":"vm-dropped"})");
  EXPECT_EQ(encode_update(OutcomeUpdate().set_description("D")), R"({"description":"D"})");
  EXPECT_EQ(encode_update(
                OutcomeUpdate().set_type(OutcomeType::custom).set_description("D").set_name("N")),
            R"({"name":"N","description":"D","type":"custom"})");
  EXPECT_EQ(encode_update(OutcomeUpdate().set_description("D").clear_description()),
            R"({"description":null})");
  EXPECT_EQ(encode_update(OutcomeUpdate().clear_description().set_description("")),
            R"({"description":""})");
  EXPECT_EQ(encode_update(OutcomeUpdate().set_name("A").clear_description()),
            R"({"name":"A","description":null})");
}

TEST(EncodeUpdate, RejectsBadInputBeforeSending) {
  EXPECT_THROW(encode_update(OutcomeUpdate().set_name("")), std::invalid_argument);
  EXPECT_THROW(encode_update(OutcomeUpdate().set_type(OutcomeType::unknown)),
               std::invalid_argument);
  EXPECT_THROW(encode_update(OutcomeUpdate().set_name("\xFE")), std::invalid_argument);
  EXPECT_THROW(encode_update(OutcomeUpdate().set_description("ok \xE2\x82")),
               std::invalid_argument);
}

// --- round trip: struct -> request JSON -> server answer -> struct ----------------------------

TEST(CodecRoundTrip, CreateBodyEchoedByTheServerDecodesToTheSameFields) {
  const std::vector<OutcomeCreate> inputs = {
      {"Demo Booked", std::nullopt, std::nullopt},
      {"VM \"dropped\"", "Line 1\nLine 2\t\\", OutcomeType::vm_dropped},
      {"Caf\xC3\xA9 \xF0\x9F\x98\x80 \x1F", "", OutcomeType::custom},
  };
  for (const OutcomeCreate& input : inputs) {
    // What a server would do: take the request, add its own fields, answer the whole object.
    nlohmann::json answer = nlohmann::json::parse(encode_create(input));
    answer["id"] = "outcome_new";
    answer["organization_id"] = "orga_1";
    if (!answer.contains("description")) answer["description"] = nullptr;
    if (!answer.contains("type")) answer["type"] = "custom";
    answer["applies_to"] = {"calls", "meetings"};
    answer["created_by"] = "user_1";
    answer["updated_by"] = "user_1";
    answer["date_created"] = "2025-07-29T10:30:00.000000+00:00";
    answer["date_updated"] = "2025-07-29T10:30:00.000000+00:00";

    const Outcome o = decode_outcome(answer.dump());
    EXPECT_EQ(o.name, input.name);
    EXPECT_EQ(o.description, input.description);
    EXPECT_EQ(o.type, input.type.value_or(OutcomeType::custom));
    EXPECT_EQ(o.id, "outcome_new");
    EXPECT_EQ(o.date_created, at_seconds(1753785000));
  }
}

TEST(CodecRoundTrip, UpdateBodyAppliedByTheServerDecodesToTheNewFields) {
  const OutcomeUpdate changes = OutcomeUpdate()
                                    .set_name("Renamed \xE2\x9C\x93")
                                    .clear_description()
                                    .set_type(OutcomeType::vm_dropped);
  nlohmann::json stored = nlohmann::json::parse(kServerOutcome);
  stored.update(nlohmann::json::parse(encode_update(changes)));
  const Outcome o = decode_outcome(stored.dump());
  Outcome expected = server_outcome_struct();
  expected.name = "Renamed \xE2\x9C\x93";
  expected.description = std::nullopt;
  expected.type = OutcomeType::vm_dropped;
  EXPECT_EQ(o, expected);
}

}  // namespace
}  // namespace closeio::internal::unit_json_codec_test
