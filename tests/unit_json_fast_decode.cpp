// The fast path must be taken for Close's usual answers and must agree with the full decoder on
// everything it accepts; everything else must fall through to the full decoder.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "closeio/errors.hpp"
#include "internal/json_codec.hpp"
#include "internal/json_fast_decode.hpp"

namespace closeio::internal::unit_json_fast_decode_test {
namespace {

const char* const kCloseOutcome =
    R"({"id": "outcome_03oUxZfoO6e2vHmcz1DiHR", "organization_id": "orga_abc", )"
    R"("name": "D\u00e9mo \"Booked\" \ud83d\ude00 caf\u00e9 — ünïcödé", "description": null, )"
    R"("type": "vm-dropped", "applies_to": ["calls", "meetings", "visits"], )"
    R"("created_by": "user_1", "updated_by": null, )"
    R"("date_created": "2025-07-29T10:30:00.000000+00:00", )"
    R"("date_updated": "2025-07-29T10:30:00.123456-04:00", "extra": "ignored", "flag": true})";

TEST(JsonFastDecode, TakesCloseUsualAnswersAndAgreesWithTheFullDecoder) {
  Outcome fast;
  ASSERT_TRUE(fast_decode_outcome(kCloseOutcome, fast));
  const Outcome full = decode_outcome_full(kCloseOutcome);
  EXPECT_EQ(fast, full);
  EXPECT_EQ(fast.name, "D\xC3\xA9mo \"Booked\" \xF0\x9F\x98\x80 caf\xC3\xA9 — ünïcödé");
  EXPECT_EQ(fast.applies_to,
            (std::vector<AppliesTo>{AppliesTo::calls, AppliesTo::meetings, AppliesTo::unknown}));
  EXPECT_EQ(fast.type, OutcomeType::vm_dropped);
  EXPECT_EQ(fast.description, std::nullopt);
}

TEST(JsonFastDecode, PagesAgreeToo) {
  const std::string body = std::string(R"({"has_more": true, "data": [)") + kCloseOutcome + ", " +
                           R"({"id": "outcome_2", "name": "Two", "applies_to": null}]})";
  Page<Outcome> fast;
  ASSERT_TRUE(fast_decode_outcome_page(body, fast));
  const Page<Outcome> full = decode_outcome_page_full(body);
  EXPECT_EQ(fast.has_more, full.has_more);
  EXPECT_EQ(fast.data, full.data);
  ASSERT_EQ(fast.data.size(), 2u);
  EXPECT_EQ(fast.data[1].name, "Two");
  EXPECT_TRUE(fast.has_more);
}

TEST(JsonFastDecode, GivesUpOnAnythingUnusualAndTheFullDecoderDecides) {
  const std::vector<std::string> unusual = {
      R"({"id": "x", "extra": 1})",           // a number
      R"({"id": "x", "extra": {"a": "b"}})",  // nested under an unknown key
      R"({"id": null})",                      // wrong type
      R"({"date_created": "yesterday"})",     // bad timestamp
      "{\"name\": \"\xff\"}",                 // invalid UTF-8
      "{\"name\": \"\xed\xa0\x80\"}",         // an encoded surrogate
      "{\"name\": \"\xc0\xaf\"}",             // an overlong encoding
      R"({"name": "\ud800"})",                // a lone surrogate escape
      R"({"name": "\x41"})",                  // not a JSON escape
      "{\"name\": \"tab\there\"}",            // a raw control character
      R"({"name": "a",})",                    // trailing comma
      R"({"name": "a"} x)",                   // trailing text
      R"([])",
      "",
  };
  for (const std::string& body : unusual) {
    Outcome ignored;
    EXPECT_FALSE(fast_decode_outcome(body, ignored)) << body;
  }
  // The public entry point still answers exactly as the full decoder does.
  for (const std::string& body : unusual) {
    std::string via_entry, via_full;
    try {
      via_entry = decode_outcome(body).name;
    } catch (const DecodeError& e) {
      via_entry = std::string("error: ") + e.what();
    }
    try {
      via_full = decode_outcome_full(body).name;
    } catch (const DecodeError& e) {
      via_full = std::string("error: ") + e.what();
    }
    EXPECT_EQ(via_entry, via_full) << body;
  }
  Page<Outcome> page;
  EXPECT_FALSE(fast_decode_outcome_page(R"({"has_more": false})", page));  // No data.
  EXPECT_FALSE(fast_decode_outcome_page(R"({"data": [1]})", page));
  EXPECT_FALSE(fast_decode_outcome_page(R"({"data": [], "has_more": "yes"})", page));
}

TEST(JsonFastDecode, RepeatedKeysKeepTheLastValueLikeTheFullDecoder) {
  const std::string body =
      R"({"name": "first", "name": "second", "applies_to": ["calls"], "applies_to": []})";
  Outcome fast;
  ASSERT_TRUE(fast_decode_outcome(body, fast));
  EXPECT_EQ(fast, decode_outcome_full(body));
  EXPECT_EQ(fast.name, "second");
  EXPECT_TRUE(fast.applies_to.empty());
}

}  // namespace
}  // namespace closeio::internal::unit_json_fast_decode_test
