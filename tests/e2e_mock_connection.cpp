// How a user unit-tests their own code against closeio::testing::MockOutcomesConnection: no
// HTTP, no emulator; the real OutcomesClient (validation, list paging) over a gmock connection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <closeio/closeio.hpp>
#include <closeio/testing/mock_outcomes_connection.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace e2e_mock_connection_test {
namespace {

using closeio::testing::MockOutcomesConnection;
using ::testing::_;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::Return;

// "User code" under test: the names of the custom outcomes, walking every page.
std::vector<std::string> custom_outcome_names(const closeio::OutcomesClient& client) {
  std::vector<std::string> names;
  for (const closeio::Outcome& outcome : client.list(closeio::ListOptions{2, 0, {}})) {
    if (outcome.type == closeio::OutcomeType::custom) names.push_back(outcome.name);
  }
  return names;
}

closeio::Outcome make_outcome(std::string id, std::string name,
                              closeio::OutcomeType type = closeio::OutcomeType::custom) {
  closeio::Outcome outcome;
  outcome.id = std::move(id);
  outcome.name = std::move(name);
  outcome.type = type;
  return outcome;
}

closeio::Page<closeio::Outcome> make_page(std::vector<closeio::Outcome> data, bool has_more) {
  closeio::Page<closeio::Outcome> page;
  page.data = std::move(data);
  page.has_more = has_more;
  return page;
}

TEST(MockConnection, ListWalksThePagesTheMockReturns) {
  auto mock = std::make_shared<MockOutcomesConnection>();
  // The range asks for the next page at the skip after what it has received.
  EXPECT_CALL(*mock, list_page(Field(&closeio::ListOptions::skip, 0), _))
      .WillOnce(Return(
          make_page({make_outcome("outcome_1", "Booked"),
                     make_outcome("outcome_2", "Voicemail", closeio::OutcomeType::vm_dropped)},
                    true)));
  EXPECT_CALL(*mock, list_page(Field(&closeio::ListOptions::skip, 2), _))
      .WillOnce(Return(make_page({make_outcome("outcome_3", "Won")}, false)));

  EXPECT_THAT(custom_outcome_names(closeio::OutcomesClient(mock)), ElementsAre("Booked", "Won"));
}

TEST(MockConnection, CreateThenFetchGoThroughTheMock) {
  auto mock = std::make_shared<MockOutcomesConnection>();
  EXPECT_CALL(*mock, create(Field(&closeio::OutcomeCreate::name, "Booked"), _))
      .WillOnce(Return(make_outcome("outcome_1", "Booked")));
  EXPECT_CALL(*mock, fetch("outcome_1", ElementsAre("name"), _))
      .WillOnce(Return(make_outcome("outcome_1", "Booked")));

  closeio::OutcomesClient client(mock);
  closeio::OutcomeCreate create;
  create.name = "Booked";
  const closeio::Outcome created = client.create(create);
  EXPECT_EQ(client.fetch(created.id, {"name"}), created);
}

TEST(MockConnection, ValidationHappensBeforeTheConnectionIsCalled) {
  auto mock = std::make_shared<MockOutcomesConnection>();
  // No EXPECT_CALL: any call to the mock would fail the test.
  EXPECT_CALL(*mock, fetch(_, _, _)).Times(0);
  EXPECT_CALL(*mock, update(_, _, _)).Times(0);
  EXPECT_CALL(*mock, remove(_, _)).Times(0);
  EXPECT_CALL(*mock, create(_, _)).Times(0);
  EXPECT_CALL(*mock, list_page(_, _)).Times(0);

  closeio::OutcomesClient client(mock);
  EXPECT_THROW(client.fetch(""), std::invalid_argument);
  EXPECT_THROW(client.update("", closeio::OutcomeUpdate().set_name("x")), std::invalid_argument);
  EXPECT_THROW(client.remove(""), std::invalid_argument);
  EXPECT_THROW(client.create(closeio::OutcomeCreate{}), std::invalid_argument);
  EXPECT_THROW(client.list_page(closeio::ListOptions{0, 0, {}}), std::invalid_argument);
}

TEST(MockConnection, ErrorsFromTheConnectionReachTheCaller) {
  auto mock = std::make_shared<MockOutcomesConnection>();
  EXPECT_CALL(*mock, remove("outcome_gone", _))
      .WillOnce(::testing::Throw(closeio::NotFoundError("DELETE", "/outcome/outcome_gone/", 404,
                                                        "Empty query",
                                                        R"({"error": "Empty query"})", {})));

  closeio::OutcomesClient client(mock);
  EXPECT_THROW(client.remove("outcome_gone"), closeio::NotFoundError);
}

TEST(MockConnection, RateLimitIsForwarded) {
  auto mock = std::make_shared<MockOutcomesConnection>();
  closeio::RateLimitInfo info;
  info.remaining = 7;
  EXPECT_CALL(*mock, rate_limit()).WillOnce(Return(info));

  const auto seen = closeio::OutcomesClient(mock).rate_limit();
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->remaining, 7);
}

}  // namespace
}  // namespace e2e_mock_connection_test
