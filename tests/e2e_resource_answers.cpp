// A 2xx answer to fetch, create or update must be the outcome: one without an id is a
// DecodeError, never an empty Outcome that looks like success.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_client.hpp"

namespace closeio::e2e_resource_answers_test {
namespace {

using testing::FakeCloseServer;
using ::testing::HasSubstr;
using testing::ScriptedResponse;

class ResourceAnswers : public ::testing::Test {
 protected:
  void answer(int status, const std::string& body) {
    ScriptedResponse r;
    r.status = status;
    r.body = body;
    server.script(r);
  }
  FakeCloseServer server;
  OutcomesClient client{test::options_for(server)};
};

TEST_F(ResourceAnswers, AFetchAnswerWithoutIdIsADecodeError) {
  for (const char* body : {"{}", R"({"name": "No id"})", R"({"id": "", "name": "Empty id"})"}) {
    SCOPED_TRACE(body);
    answer(200, body);
    try {
      client.fetch("outcome_1");
      FAIL() << "no exception";
    } catch (const DecodeError& e) {
      EXPECT_THAT(e.what(), HasSubstr("GET /outcome/outcome_1/"));
      EXPECT_THAT(e.what(), HasSubstr("\"id\""));
      EXPECT_EQ(e.attempts(), 1);
    }
  }
}

TEST_F(ResourceAnswers, CreateAndUpdateAnswersWithoutIdAreDecodeErrors) {
  OutcomeCreate create;
  create.name = "New";
  answer(201, R"({"name": "New"})");
  EXPECT_THROW(client.create(create), DecodeError);
  answer(200, "{}");
  EXPECT_THROW(client.update("outcome_1", OutcomeUpdate().set_name("n")), DecodeError);
}

TEST_F(ResourceAnswers, FieldsThatLeaveTheIdOutAreAccepted) {
  answer(200, R"({"name": "Only the name"})");
  const Outcome partial = client.fetch("outcome_1", {"name"});
  EXPECT_EQ(partial.name, "Only the name");
  EXPECT_TRUE(partial.id.empty());
}

TEST_F(ResourceAnswers, RealAnswersStillDecode) {
  OutcomeCreate create;
  create.name = "Real";
  const Outcome created = client.create(create);
  EXPECT_FALSE(created.id.empty());
  EXPECT_EQ(client.fetch(created.id).id, created.id);
}

}  // namespace
}  // namespace closeio::e2e_resource_answers_test
