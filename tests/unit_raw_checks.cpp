// The raw request checks (method, path given as text, path built from segments, query encoding)
// and the splitting of a list page into the raw text of its items.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "closeio/errors.hpp"
#include "internal/raw_checks.hpp"
#include "internal/raw_page.hpp"

namespace closeio::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(RawMethod, TheFiveMethodsInAnyCaseAreUpperCased) {
  EXPECT_EQ(normalise_method("get"), "GET");
  EXPECT_EQ(normalise_method("Post"), "POST");
  EXPECT_EQ(normalise_method("PUT"), "PUT");
  EXPECT_EQ(normalise_method("patch"), "PATCH");
  EXPECT_EQ(normalise_method("delete"), "DELETE");
  for (const char* refused :
       {"", "HEAD", "OPTIONS", "TRACE", "CONNECT", " GET", "GET ", "G\nET", "DELETE\x01", "GETS"}) {
    EXPECT_THROW(normalise_method(refused), std::invalid_argument) << refused;
  }
  EXPECT_THROW(normalise_method(std::string("GET\0", 4)), std::invalid_argument);
}

TEST(RawPath, OrdinaryPathsPassWithoutTheLeadingSlash) {
  EXPECT_EQ(checked_raw_path("lead/"), "lead/");
  EXPECT_EQ(checked_raw_path("/lead/lead_1/"), "lead/lead_1/");
  EXPECT_EQ(checked_raw_path("activity/call"), "activity/call");
  EXPECT_EQ(checked_raw_path("lead/a%2Fb/"), "lead/a%2Fb/");
  EXPECT_EQ(checked_raw_path("custom_field/lead/cf_x.y/"), "custom_field/lead/cf_x.y/");
  EXPECT_EQ(checked_raw_path("lead/..x/"), "lead/..x/");  // Not a dot segment.
  EXPECT_EQ(checked_raw_path("lead/a:b/"), "lead/a:b/");  // ':' only matters first.
  EXPECT_EQ(checked_raw_path(std::string(kMaxRawPathBytes, 'a')).size(), kMaxRawPathBytes);
}

TEST(RawPath, EscapesAreRefusedWithoutQuotingThePath) {
  for (const std::string& path : {std::string(".."),
                                  std::string("."),
                                  std::string("../"),
                                  std::string("lead/.."),
                                  std::string("lead/../x"),
                                  std::string("lead/./x"),
                                  std::string("%2e%2E/"),
                                  std::string("lead/%2e/"),
                                  std::string("lead/.%2e"),
                                  std::string("https://evil.example/"),
                                  std::string("ftp://evil.example/"),
                                  std::string("//evil.example/"),
                                  std::string("/\\evil.example/"),
                                  std::string("mailto:secret-token@evil.example"),
                                  std::string("lead\\x"),
                                  std::string("lead/\t/"),
                                  std::string("lead/\x7f/"),
                                  std::string("lead/\xff/"),
                                  std::string("lead /"),
                                  std::string("lead/?a=1"),
                                  std::string("lead/#x"),
                                  std::string("a//b"),
                                  std::string("//"),
                                  std::string("%"),
                                  std::string("%4"),
                                  std::string("%g0/"),
                                  std::string(""),
                                  std::string("/"),
                                  std::string(kMaxRawPathBytes + 1, 'a'),
                                  std::string("lead/\0/", 7)}) {
    try {
      checked_raw_path(path);
      ADD_FAILURE() << "accepted: " << path;
    } catch (const std::invalid_argument& e) {
      EXPECT_THAT(e.what(), HasSubstr("raw path refused"));
      EXPECT_THAT(e.what(), Not(HasSubstr("evil")));
      EXPECT_THAT(e.what(), Not(HasSubstr("secret-token")));
    }
  }
}

TEST(RawPathOf, SegmentsArePercentEncodedAndDotsRefused) {
  EXPECT_EQ(raw_path_of({"lead"}), "lead/");
  EXPECT_EQ(raw_path_of({"lead", "lead_1"}), "lead/lead_1/");
  EXPECT_EQ(raw_path_of({"lead", "../outcome"}), "lead/..%2Foutcome/");
  EXPECT_EQ(raw_path_of({"lead", "a b?c#d\\e"}), "lead/a%20b%3Fc%23d%5Ce/");
  EXPECT_EQ(raw_path_of({"lead", "%2e%2e"}), "lead/%252e%252e/");
  EXPECT_EQ(raw_path_of({"lead", "\r\n"}), "lead/%0D%0A/");
  // What it builds always passes the text check.
  EXPECT_NO_THROW(checked_raw_path(raw_path_of({"https://evil.example", "//", "..."})));
  EXPECT_THROW(raw_path_of({}), std::invalid_argument);
  EXPECT_THROW(raw_path_of({"lead", ""}), std::invalid_argument);
  EXPECT_THROW(raw_path_of({"lead", "."}), std::invalid_argument);
  EXPECT_THROW(raw_path_of({"..", "x"}), std::invalid_argument);
  const std::string huge(kMaxRawPathBytes + 1, 'x');
  EXPECT_THROW(raw_path_of({"lead", huge}), std::invalid_argument);
}

TEST(RawQuery, NamesAndValuesAreEncodedInOrder) {
  EXPECT_EQ(raw_query_string({}), "");
  EXPECT_EQ(raw_query_string({{"a", "1"}, {"a", "2"}, {"_fields", "id,name"}}),
            "?a=1&a=2&_fields=id%2Cname");
  EXPECT_EQ(raw_query_string({{"q", "x=y&z +"}, {"date_created__gt", "2024-01-01T00:00:00+01:00"}}),
            "?q=x%3Dy%26z%20%2B&date_created__gt=2024-01-01T00%3A00%3A00%2B01%3A00");
  EXPECT_EQ(raw_query_string({{"a b", ""}}), "?a%20b=");
  EXPECT_THROW(raw_query_string({{"", "x"}}), std::invalid_argument);
}

TEST(QueryParamsValue, AddSetEraseAndFind) {
  QueryParams query{{"a", "1"}, {"b", "2"}, {"a", "3"}};
  EXPECT_EQ(query.size(), 3u);
  ASSERT_TRUE(query.find("a"));
  EXPECT_EQ(*query.find("a"), "1");
  EXPECT_FALSE(query.contains("c"));
  query.set("a", "9");
  EXPECT_EQ(raw_query_string(query), "?a=9&b=2");
  query.add("c", "x").set("d", "y");
  EXPECT_EQ(raw_query_string(query), "?a=9&b=2&c=x&d=y");
  EXPECT_EQ(query.erase("b"), 1u);
  EXPECT_EQ(query.erase("b"), 0u);
  EXPECT_EQ(raw_query_string(query), "?a=9&c=x&d=y");
}

TEST(RawResponseHeader, LookupIgnoresCase) {
  RawResponse response;
  response.headers = {{"Content-Type", "application/json"}, {"X-Twice", "1"}, {"x-twice", "2"}};
  EXPECT_EQ(response.header("content-type"), std::optional<std::string>("application/json"));
  EXPECT_EQ(response.header("X-TWICE"), std::optional<std::string>("1"));
  EXPECT_EQ(response.header("missing"), std::nullopt);
}

TEST(RawPage, ItemsKeepTheirExactText) {
  const Page<std::string> page = split_raw_page(
      R"( { "has_more" : true, "data" : [ {"id": "a", "n": [1, {"x": "]}"}]} ,"text \"q\"",
          12.50 , null, [] , {"s": "a\\\"b,}"} ], "other": {"data": []} } )");
  EXPECT_TRUE(page.has_more);
  EXPECT_THAT(page.data, ElementsAre(R"({"id": "a", "n": [1, {"x": "]}"}]})", R"("text \"q\"")",
                                     "12.50", "null", "[]", R"({"s": "a\\\"b,}"})"));
}

TEST(RawPage, EmptyAndMissingHasMore) {
  const Page<std::string> empty = split_raw_page(R"({"data": []})");
  EXPECT_TRUE(empty.data.empty());
  EXPECT_FALSE(empty.has_more);
  EXPECT_EQ(split_raw_page(R"({"data":[1,2],"has_more":false})").data.size(), 2u);
}

TEST(RawPage, WhatIsNotAPageIsADecodeError) {
  for (const char* body : {"", "[]", "{", R"({"data": {}})", R"({"has_more": false})",
                           R"({"data": [], "has_more": "yes"})", R"({"data": [1,]})",
                           "<html>502</html>", R"({"data": [{"a": 1}], "has_more": true} x)"}) {
    EXPECT_THROW(split_raw_page(body), DecodeError) << body;
  }
  // Deep nesting is refused by the acceptor's own depth handling or accepted without recursion.
  const std::string deep =
      R"({"data": [)" + std::string(100000, '[') + std::string(100000, ']') + "]}";
  const Page<std::string> page = split_raw_page(deep);
  ASSERT_EQ(page.data.size(), 1u);
  EXPECT_EQ(page.data[0].size(), 200000u);
}

}  // namespace
}  // namespace closeio::internal
