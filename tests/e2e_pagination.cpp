// list(): every page, lazily, with _skip advanced by what was received.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_client.hpp"

namespace closeio::e2e_pagination_test {
namespace {

using testing::FakeCloseServer;
using testing::ScriptedResponse;

std::string name_of(int i) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "Outcome %05d", i);
  return buffer;
}

TEST(Pagination, WalksEveryPageInOrder) {
  FakeCloseServer server;
  server.seed_many(25);
  OutcomesClient client(test::options_for(server));
  ListOptions options;
  options.limit = 10;
  std::vector<std::string> names;
  auto range = client.list(options);
  for (const Outcome& outcome : range) names.push_back(outcome.name);

  ASSERT_EQ(names.size(), 25u);
  for (int i = 0; i < 25; ++i) EXPECT_EQ(names[static_cast<std::size_t>(i)], name_of(i + 1));
  EXPECT_EQ(range.pages_fetched(), 3);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].target, "/api/v1/outcome/?_limit=10&_skip=0");
  EXPECT_EQ(requests[1].target, "/api/v1/outcome/?_limit=10&_skip=10");
  EXPECT_EQ(requests[2].target, "/api/v1/outcome/?_limit=10&_skip=20");
}

TEST(Pagination, IsLazy) {
  FakeCloseServer server;
  server.seed_many(30);
  OutcomesClient client(test::options_for(server));
  ListOptions options;
  options.limit = 10;
  auto range = client.list(options);
  EXPECT_TRUE(server.requests().empty());  // Nothing sent until iteration starts.
  auto it = range.begin();
  EXPECT_EQ(it->name, name_of(1));
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(Pagination, StartsAtSkipAndPassesFields) {
  FakeCloseServer server;
  server.seed_many(7);
  OutcomesClient client(test::options_for(server));
  ListOptions options;
  options.limit = 3;
  options.skip = 2;
  options.fields = {"name"};
  std::vector<std::string> names;
  for (const Outcome& outcome : client.list(options)) {
    names.push_back(outcome.name);
    EXPECT_EQ(outcome.id, "");  // Not among the fields asked for.
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{name_of(3), name_of(4), name_of(5), name_of(6), name_of(7)}));
  EXPECT_EQ(server.requests().at(1).target, "/api/v1/outcome/?_limit=3&_skip=5&_fields=name");
}

TEST(Pagination, SkipAdvancesByItemsReceivedNotItemsAskedFor) {
  FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  // A server that returns fewer items than asked while saying there are more.
  ScriptedResponse first;
  first.body = R"({"data": [{"id": "outcome_a", "name": "A"}, {"id": "outcome_b", "name": "B"}],)"
               R"( "has_more": true})";
  ScriptedResponse second;
  second.body = R"({"data": [{"id": "outcome_c", "name": "C"}], "has_more": false})";
  server.script(first);
  server.script(second);
  ListOptions options;
  options.limit = 5;
  std::vector<std::string> ids;
  for (const Outcome& outcome : client.list(options)) ids.push_back(outcome.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"outcome_a", "outcome_b", "outcome_c"}));
  EXPECT_EQ(server.requests().at(1).target, "/api/v1/outcome/?_limit=5&_skip=2");
}

TEST(Pagination, StopsOnAnEmptyPageThatClaimsMore) {
  FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  ScriptedResponse empty_but_more;
  empty_but_more.body = R"({"data": [], "has_more": true})";
  empty_but_more.times = 1000;
  server.script(empty_but_more);
  int count = 0;
  for (const Outcome& outcome : client.list()) {
    (void)outcome;
    ++count;
  }
  EXPECT_EQ(count, 0);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(Pagination, EmptyListYieldsNothing) {
  FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  auto range = client.list();
  EXPECT_TRUE(range.begin() == range.end());
}

TEST(Pagination, ErrorsMidWalkPropagate) {
  FakeCloseServer server;
  server.seed_many(4);
  ClientOptions options = test::options_for(server, std::make_shared<DefaultRetryPolicy>(0));
  OutcomesClient client(options);
  ListOptions page_of_two;
  page_of_two.limit = 2;
  auto range = client.list(page_of_two);
  auto it = range.begin();
  ++it;
  ScriptedResponse failure;
  failure.status = 500;
  failure.body = R"({"error": "boom"})";
  server.script(failure);
  EXPECT_THROW(++it, ServerError);
}

TEST(Pagination, BeginTwiceIsALogicError) {
  FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  auto range = client.list();
  range.begin();
  EXPECT_THROW(range.begin(), std::logic_error);
}

}  // namespace
}  // namespace closeio::e2e_pagination_test
