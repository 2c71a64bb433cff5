#include <gtest/gtest.h>

#include <stdexcept>

#include "internal/base64.hpp"
#include "internal/rest_outcomes_connection.hpp"
#include "internal/rest_resource.hpp"
#include "internal/url.hpp"

namespace closeio::internal::unit_url_test {
namespace {

TEST(PercentEncode, KeepsUnreservedAndEncodesEverythingElse) {
  EXPECT_EQ(percent_encode("outcome_03oUxZfoO6e2vHmcz1DiHR"), "outcome_03oUxZfoO6e2vHmcz1DiHR");
  EXPECT_EQ(percent_encode("a-b.c_d~e"), "a-b.c_d~e");
  EXPECT_EQ(percent_encode("../lead"), "..%2Flead");
  EXPECT_EQ(percent_encode("a b?c#d&e=f%"), "a%20b%3Fc%23d%26e%3Df%25");
  EXPECT_EQ(percent_encode("\xC3\xA9"), "%C3%A9");  // é in UTF-8
  EXPECT_EQ(percent_encode(std::string("\0", 1)), "%00");
}

TEST(OutcomePath, IsOneSegmentWithTrailingSlash) {
  EXPECT_EQ(outcome_path("outcome_1"), "outcome/outcome_1/");
  EXPECT_EQ(outcome_path("../../lead"), "outcome/..%2F..%2Flead/");
  EXPECT_THROW(outcome_path(""), std::invalid_argument);
  // Dot-segments: refused, since a server may resolve them even percent-encoded.
  EXPECT_THROW(outcome_path("."), std::invalid_argument);
  EXPECT_THROW(outcome_path(".."), std::invalid_argument);
  EXPECT_EQ(outcome_path("..."), "outcome/.../");
}

TEST(FieldsQuery, JoinsWithCommasAndRejectsBadNames) {
  EXPECT_EQ(fields_value<Outcome>({"id", "name"}), "id,name");
  EXPECT_THROW(fields_value<Outcome>({"id", ""}), std::invalid_argument);
  EXPECT_THROW(fields_value<Outcome>({"id,name"}), std::invalid_argument);
}

TEST(QueryString, BuildsFromPairs) {
  EXPECT_EQ(query_string({}), "");
  EXPECT_EQ(query_string({{"_limit", "10"}, {"_skip", "0"}}), "?_limit=10&_skip=0");
}

TEST(BaseUrl, NormalisesTheTrailingSlash) {
  EXPECT_EQ(parse_base_url("https://api.close.com/api/v1", false).url,
            "https://api.close.com/api/v1/");
  EXPECT_EQ(parse_base_url("https://api.close.com/api/v1///", false).url,
            "https://api.close.com/api/v1/");
  const BaseUrl local = parse_base_url("http://127.0.0.1:8080/api/v1/", false);
  EXPECT_EQ(local.host, "127.0.0.1");
  EXPECT_TRUE(local.loopback);
  EXPECT_EQ(parse_base_url("http://[::1]:9/api/v1/", false).host, "::1");
  EXPECT_TRUE(parse_base_url("http://localhost:9/", false).loopback);
  EXPECT_TRUE(parse_base_url("http://127.1.2.3/", false).loopback);
}

TEST(BaseUrl, RefusesPlainHttpToOtherHostsUnlessAllowed) {
  EXPECT_THROW(parse_base_url("http://api.close.com/api/v1/", false), std::invalid_argument);
  EXPECT_THROW(parse_base_url("http://128.0.0.1/api/v1/", false), std::invalid_argument);
  EXPECT_THROW(parse_base_url("http://127.0.0.1.evil.com/", false), std::invalid_argument);
  EXPECT_NO_THROW(parse_base_url("http://api.close.com/api/v1/", true));
}

TEST(BaseUrl, RejectsMalformedUrlsWithoutEchoingUserInfo) {
  for (const char* bad : {"api.close.com/api/v1/", "ftp://x/", "https:///api/v1/", "https://x/a b/",
                          "https://x/?q=1", "https://x/#f", "https://[::1/"}) {
    EXPECT_THROW(parse_base_url(bad, false), std::invalid_argument) << bad;
  }
  try {
    parse_base_url("https://user:hunter2@api.close.com/api/v1/", false);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos);
  }
}

TEST(Base64, MatchesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode("test-api-key:"), "dGVzdC1hcGkta2V5Og==");
  EXPECT_EQ(base64_encode("\xff\xfe"), "//4=");
}

}  // namespace
}  // namespace closeio::internal::unit_url_test
