// internal/error_body: every shape of error body Close and its ingress send.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "internal/error_body.hpp"

namespace closeio::internal::unit_error_body_test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;
using ::testing::StartsWith;
using FieldErrors = std::map<std::string, std::string>;

static_assert(noexcept(parse_error_body(std::string_view())), "must never throw");

const std::string kEllipsis = "\xE2\x80\xA6";  // "…"

// True when `s` is well-formed UTF-8 (a test-side check, written independently).
bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

TEST(ErrorBody, ErrorString) {
  const ErrorBody b =
      parse_error_body(R"({"error": "Empty query: Lead matching query does not exist."})");
  EXPECT_EQ(b.message, "Empty query: Lead matching query does not exist.");
  EXPECT_THAT(b.errors, IsEmpty());
  EXPECT_THAT(b.field_errors, IsEmpty());
  EXPECT_EQ(b.rate_reset_seconds, std::nullopt);
}

TEST(ErrorBody, ValidationWithOneFieldError) {
  const ErrorBody b =
      parse_error_body(R"({"errors": [], "field-errors": {"name": "This field is required."}})");
  EXPECT_EQ(b.message, "name: This field is required.");
  EXPECT_THAT(b.errors, IsEmpty());
  EXPECT_EQ(b.field_errors, (FieldErrors{{"name", "This field is required."}}));
}

TEST(ErrorBody, ValidationErrorsComeFirstThenFieldsInNameOrder) {
  const ErrorBody b =
      parse_error_body(R"({"errors": ["Outcome limit reached.", "Try again."],)"
                       R"( "field-errors": {"name": "Required.", "description": "Too long."}})");
  EXPECT_THAT(b.errors, ElementsAre("Outcome limit reached.", "Try again."));
  EXPECT_EQ(b.field_errors, (FieldErrors{{"description", "Too long."}, {"name", "Required."}}));
  EXPECT_EQ(b.message,
            "Outcome limit reached.; Try again.; description: Too long.; name: Required.");
}

TEST(ErrorBody, NonStringErrorItemsAreDumped) {
  const ErrorBody b = parse_error_body(R"({"errors": ["a", 3, {"x": 1}, null, [true]]})");
  EXPECT_THAT(b.errors, ElementsAre("a", "3", R"({"x":1})", "null", "[true]"));
  EXPECT_EQ(b.message, R"(a; 3; {"x":1}; null; [true])");
}

TEST(ErrorBody, NestedFieldErrorsFlattenToDottedPaths) {
  const ErrorBody b = parse_error_body(
      R"({"errors": [], "field-errors": {"applies_to": {"errors": {"0": {"errors": [],)"
      R"( "field-errors": {"x": "bad"}}}}}})");
  EXPECT_EQ(b.field_errors, (FieldErrors{{"applies_to.0.x", "bad"}}));
  EXPECT_EQ(b.message, "applies_to.0.x: bad");
}

TEST(ErrorBody, NestedErrorListsJoinUnderTheItemPath) {
  const ErrorBody b =
      parse_error_body(R"({"field-errors": {"applies_to": {"errors": {)"
                       R"("0": {"errors": ["Invalid choice."], "field-errors": {}},)"
                       R"("2": {"errors": ["Not a string.", "Too long."]},)"
                       R"("3": ["As a plain list."]}}}})");
  EXPECT_EQ(b.field_errors, (FieldErrors{{"applies_to.0", "Invalid choice."},
                                         {"applies_to.2", "Not a string.; Too long."},
                                         {"applies_to.3", "As a plain list."}}));
  EXPECT_EQ(b.message,
            "applies_to.0: Invalid choice.; applies_to.2: Not a string.; Too long.; "
            "applies_to.3: As a plain list.");
}

TEST(ErrorBody, OtherFieldErrorShapes) {
  EXPECT_EQ(
      parse_error_body(R"({"field-errors": {"name": ["Required.", "Too short."]}})").field_errors,
      (FieldErrors{{"name", "Required.; Too short."}}));
  EXPECT_EQ(
      parse_error_body(R"({"field-errors": {"address": {"city": "Required."}}})").field_errors,
      (FieldErrors{{"address.city", "Required."}}));
  EXPECT_EQ(
      parse_error_body(R"({"field-errors": {"items": [{"x": "bad"}, "loose"]}})").field_errors,
      (FieldErrors{{"items", "loose"}, {"items.0.x", "bad"}}));
  EXPECT_EQ(parse_error_body(R"({"field-errors": {"n": 5, "m": null, "b": false}})").field_errors,
            (FieldErrors{{"b", "false"}, {"n", "5"}}));
  // Fields without a message get no entry.
  EXPECT_THAT(parse_error_body(R"({"field-errors": {"name": [], "x": "", "y": {}}})").field_errors,
              IsEmpty());
}

TEST(ErrorBody, OddTopLevelShapesDoNotBreakIt) {
  const ErrorBody string_errors = parse_error_body(R"({"errors": "Just one."})");
  EXPECT_THAT(string_errors.errors, ElementsAre("Just one."));
  EXPECT_EQ(string_errors.message, "Just one.");

  const ErrorBody object_errors = parse_error_body(R"({"errors": {"name": "Required."}})");
  EXPECT_EQ(object_errors.field_errors, (FieldErrors{{"name", "Required."}}));
  EXPECT_EQ(object_errors.message, "name: Required.");

  const ErrorBody string_field_errors = parse_error_body(R"({"field-errors": "Bad."})");
  EXPECT_THAT(string_field_errors.errors, ElementsAre("Bad."));
  EXPECT_THAT(string_field_errors.field_errors, IsEmpty());

  const ErrorBody number_field_errors = parse_error_body(R"({"errors": 7, "field-errors": 8})");
  EXPECT_THAT(number_field_errors.errors, IsEmpty());
  EXPECT_THAT(number_field_errors.field_errors, IsEmpty());
  EXPECT_EQ(number_field_errors.message, R"({"errors": 7, "field-errors": 8})");
}

TEST(ErrorBody, DeeplyNestedFieldErrorsAreBounded) {
  // 60 levels: within the JSON depth limit, beyond the flattening depth.
  std::string body = R"({"field-errors": )";
  for (int i = 0; i < 60; ++i) body += R"({"a": )";
  body += R"("deep")";
  body += std::string(60, '}') + "}";
  const ErrorBody b = parse_error_body(body);
  ASSERT_EQ(b.field_errors.size(), 1u);
  const auto& [path, message] = *b.field_errors.begin();
  EXPECT_THAT(path, StartsWith("a.a.a.a."));
  EXPECT_LT(path.size(), 40u);  // Stopped after a few levels, not 60.
  EXPECT_THAT(message, StartsWith(R"({"a":{"a":)"));
}

TEST(ErrorBody, RateLimitBodyAtTopLevel) {
  const ErrorBody b = parse_error_body(
      R"({"message": "API rate limit exceeded.", "rate_reset": 0.595956, "rate_limit": 40,)"
      R"( "rate_window": 1, "rate_limit_type": "key", "rate_endpoint_group": "default"})");
  EXPECT_EQ(b.message, "API rate limit exceeded.");
  EXPECT_THAT(b.rate_reset_seconds, Optional(0.595956));
}

TEST(ErrorBody, RateLimitBodyUnderError) {
  const ErrorBody b = parse_error_body(
      R"({"error": {"message": "Slow down.", "rate_reset": "1.5", "rate_limit": 40,)"
      R"( "rate_window": 1, "rate_limit_type": "org"}})");
  EXPECT_EQ(b.message, "Slow down.");
  EXPECT_THAT(b.rate_reset_seconds, Optional(1.5));
}

TEST(ErrorBody, RateResetForms) {
  const auto reset = [](const std::string& value) {
    return parse_error_body(R"({"rate_reset": )" + value + "}").rate_reset_seconds;
  };
  EXPECT_THAT(reset(R"("0.595956")"), Optional(0.595956));
  EXPECT_THAT(reset("2"), Optional(2.0));
  EXPECT_THAT(reset("0"), Optional(0.0));
  EXPECT_THAT(reset(R"("14.260394")"), Optional(14.260394));
  EXPECT_THAT(reset("1e2"), Optional(100.0));
  for (const char* bad :
       {R"("abc")", R"("1.5s")", R"("")", R"(" 1")", R"("-1")", "-1", "-0.5", R"("nan")",
        R"("inf")", R"("1e999")", "true", "null", "[1]", "{}", R"("0x10")"}) {
    EXPECT_EQ(reset(bad), std::nullopt) << bad;
  }
}

TEST(ErrorBody, TopLevelRateResetWinsAndBadOneFallsBackToError) {
  EXPECT_THAT(
      parse_error_body(R"({"rate_reset": 1, "error": {"rate_reset": 2}})").rate_reset_seconds,
      Optional(1.0));
  EXPECT_THAT(
      parse_error_body(R"({"rate_reset": "soon", "error": {"rate_reset": 2}})").rate_reset_seconds,
      Optional(2.0));
}

TEST(ErrorBody, MessageSources) {
  // error.message, then a top-level message, when `error` is not a string.
  EXPECT_EQ(parse_error_body(R"({"error": {"rate_reset": 1}, "message": "Too many."})").message,
            "Too many.");
  EXPECT_EQ(parse_error_body(R"({"error": "", "message": "Fallback."})").message, "Fallback.");
  // `error` wins over validation lists for the message; the lists are still read.
  const ErrorBody b = parse_error_body(R"({"error": "Bad.", "errors": ["x"]})");
  EXPECT_EQ(b.message, "Bad.");
  EXPECT_THAT(b.errors, ElementsAre("x"));
  // An object with nothing we know keeps its text.
  EXPECT_EQ(parse_error_body(R"({"detail": "Not found."})").message, R"({"detail": "Not found."})");
  EXPECT_EQ(parse_error_body("{}").message, "{}");
}

TEST(ErrorBody, ControlCharactersInJsonMessagesBecomeSpaces) {
  EXPECT_EQ(parse_error_body(R"({"error": "line 1\r\nline 2\ttabbed"})").message,
            "line 1 line 2 tabbed");
}

TEST(ErrorBody, LongJsonMessageIsBounded) {
  const ErrorBody b = parse_error_body(R"({"error": ")" + std::string(100000, 'e') + R"("})");
  EXPECT_EQ(b.message, std::string(4 * kMaxRawErrorText, 'e') + kEllipsis);
}

TEST(ErrorBody, HtmlFromTheIngress) {
  const ErrorBody b = parse_error_body(
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
      "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n");
  EXPECT_EQ(b.message,
            "<html> <head><title>502 Bad Gateway</title></head> <body> "
            "<center><h1>502 Bad Gateway</h1></center> </body> </html>");
  EXPECT_THAT(b.errors, IsEmpty());
  EXPECT_THAT(b.field_errors, IsEmpty());
  EXPECT_EQ(b.rate_reset_seconds, std::nullopt);
}

TEST(ErrorBody, RawTextIsCleaned) {
  EXPECT_EQ(parse_error_body("  upstream\t\tconnect \x01 error \x7f\n ").message,
            "upstream connect error");
  EXPECT_EQ(parse_error_body("").message, "");
  EXPECT_EQ(parse_error_body(" \r\n\t ").message, "");
  EXPECT_EQ(parse_error_body("Too Many Requests").message, "Too Many Requests");
  // Bytes that are not UTF-8 become U+FFFD so the message is safe to log as text.
  EXPECT_EQ(parse_error_body("bad \xFF byte \xC3").message, "bad \xEF\xBF\xBD byte \xEF\xBF\xBD");
  EXPECT_EQ(parse_error_body("caf\xC3\xA9").message, "caf\xC3\xA9");
}

TEST(ErrorBody, JsonThatIsNotAnObjectIsKeptAsText) {
  EXPECT_EQ(parse_error_body(R"("just a string")").message, R"("just a string")");
  EXPECT_EQ(parse_error_body("[1, 2]").message, "[1, 2]");
  EXPECT_EQ(parse_error_body("null").message, "null");
}

TEST(ErrorBody, LongRawTextIsCutWithAnEllipsis) {
  const ErrorBody b = parse_error_body(std::string(2000, 'x'));
  EXPECT_EQ(b.message, std::string(kMaxRawErrorText, 'x') + kEllipsis);

  const ErrorBody exact = parse_error_body(std::string(kMaxRawErrorText, 'y'));
  EXPECT_EQ(exact.message, std::string(kMaxRawErrorText, 'y'));
}

TEST(ErrorBody, CutFallsOnACharacterBoundary) {
  // 511 ASCII bytes, then a two-byte "é" that would straddle the 512-byte limit.
  const std::string body = std::string(kMaxRawErrorText - 1, 'a') + "\xC3\xA9" + "tail";
  const ErrorBody b = parse_error_body(body);
  EXPECT_EQ(b.message, std::string(kMaxRawErrorText - 1, 'a') + kEllipsis);
  EXPECT_TRUE(valid_utf8(b.message));

  std::string emoji;
  for (int i = 0; i < 300; ++i) emoji += "\xF0\x9F\x98\x80";  // 4 bytes each.
  const ErrorBody e = parse_error_body(emoji);
  EXPECT_TRUE(valid_utf8(e.message));
  EXPECT_EQ(e.message.size(), 128 * 4 + kEllipsis.size());
}

TEST(ErrorBody, DeepNestingDoesNotCrash) {
  const ErrorBody arrays = parse_error_body(std::string(100000, '['));
  EXPECT_EQ(arrays.message, std::string(kMaxRawErrorText, '[') + kEllipsis);
  EXPECT_THAT(arrays.errors, IsEmpty());

  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += R"({"error":)";
  objects += R"("x")" + std::string(100000, '}');
  const ErrorBody b = parse_error_body(objects);
  EXPECT_THAT(b.message, StartsWith(R"({"error":{"error":)"));
  EXPECT_LE(b.message.size(), kMaxRawErrorText + kEllipsis.size());

  const ErrorBody c = parse_error_body(R"({"errors": )" + std::string(100000, '[') +
                                       std::string(100000, ']') + "}");
  EXPECT_THAT(c.errors, IsEmpty());
  EXPECT_LE(c.message.size(), kMaxRawErrorText + kEllipsis.size());
}

TEST(ErrorBody, BracketsInsideStringsDoNotCountAsNesting) {
  // The escaped quote must not end the string for the depth check, or the brackets after it
  // would count as 1000 levels of nesting.
  const ErrorBody b = parse_error_body(R"({"error": "\")" + std::string(1000, '[') + R"( \\"})");
  EXPECT_EQ(b.message, "\"" + std::string(1000, '[') + " \\");
}

TEST(ErrorBody, SurrogatesOverlongFormsAndOutOfRangeAreNotUtf8) {
  // Each byte of a rejected sequence becomes one U+FFFD. (String literals are split so that
  // the hex escapes stop where they should.)
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(parse_error_body("a\xED\xA0\x80"
                             "b")
                .message,
            "a" + r + r + r + "b");
  EXPECT_EQ(parse_error_body("a\xC0\xAF"
                             "b")
                .message,
            "a" + r + r + "b");
  EXPECT_EQ(parse_error_body("a\xE0\x80\xAF"
                             "b")
                .message,
            "a" + r + r + r + "b");
  EXPECT_EQ(parse_error_body("a\xF4\x90\x80\x80"
                             "b")
                .message,
            "a" + r + r + r + r + "b");
  // The largest valid code points on either side stay as they are.
  EXPECT_EQ(parse_error_body("\xED\x9F\xBF \xF4\x8F\xBF\xBF").message,
            "\xED\x9F\xBF \xF4\x8F\xBF\xBF");
}

}  // namespace
}  // namespace closeio::internal::unit_error_body_test
