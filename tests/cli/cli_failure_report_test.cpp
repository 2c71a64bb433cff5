// Honest reports after a failure: a write whose answer was lost or unreadable is reported as
// (possibly) done, never as failed; apply re-reads the organization, says what is in place, and
// a second apply finishes the job without repeating a write.
#include "cli_fixture.hpp"

namespace cli_failure_report_test {
namespace {

using namespace closeio_cli_test;  // NOLINT: the fixture and its helpers
using ::testing::HasSubstr;
using ::testing::Not;

// A create that the emulator carries out, whose answer is then cut off mid-body.
closeio::testing::ScriptedResponse create_then_drop() {
  closeio::testing::ScriptedResponse r;
  r.method = "POST";
  r.perform = true;
  r.fault = closeio::testing::Fault::drop_mid_body;
  r.body = R"({"id": "outcome_lost", "name": "answer that never arrives in full"})";
  return r;
}

TEST_F(CliTest, CreateWhoseAnswerWasDroppedSaysItMayBeDone) {
  server_.script(create_then_drop());
  const ProcessResult r = run({"create", "--name", "Qualified"});
  EXPECT_EQ(r.exit_code, 7) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("outcome Qualified may have been created, but the answer could "
                               "not be read"));
  EXPECT_THAT(r.err, HasSubstr("closeio-outcomes list"));
  EXPECT_THAT(r.err, Not(HasSubstr("failed")));
  EXPECT_EQ(server_.creates_performed(), 1u);  // sent once, never repeated
}

TEST_F(CliTest, CreateWhoseAnswerIsOverTheSizeCapSaysItIsDone) {
  closeio::testing::ScriptedResponse r;
  r.method = "POST";
  r.perform = true;
  r.body = "{\"id\": \"outcome_big\", \"description\": \"" + std::string(17u << 20, 'x') + "\"}";
  server_.script(r);
  const ProcessResult result = run({"create", "--name", "Qualified"});
  EXPECT_EQ(result.exit_code, 7) << show(result);
  expect_one_error_line(result);
  EXPECT_THAT(result.err, HasSubstr("outcome Qualified created, but the answer could not be read"));
  EXPECT_EQ(server_.creates_performed(), 1u);
}

TEST_F(CliTest, UpdateWhoseAnswerIsUnreadableSaysItIsDone) {
  const auto a = seed("Bad Fit");
  closeio::testing::ScriptedResponse r;
  r.method = "PUT";
  r.perform = true;
  r.body = "<html>not the outcome</html>";
  server_.script(r);
  const ProcessResult result = run({"update", a.id, "--description", "new"});
  EXPECT_EQ(result.exit_code, 7) << show(result);
  EXPECT_THAT(result.err,
              HasSubstr("outcome " + a.id + " updated, but the answer could not be read"));
  EXPECT_EQ(server_.outcomes()[0].description, std::optional<std::string>("new"));
}

TEST_F(CliTest, RefusedWritesAreStillReportedAsRefused) {
  closeio::testing::ScriptedResponse rejected;
  rejected.status = 400;
  rejected.body = R"({"errors": ["Nope."], "field-errors": {}})";
  server_.script(rejected);
  const ProcessResult r = run({"create", "--name", "Qualified"});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  EXPECT_THAT(r.err, Not(HasSubstr("may have been")));
}

const char* const kDesired = R"([
  {"name": "Bad Fit", "description": "Not our market"},
  {"name": "Demo Booked", "type": "vm-dropped"},
  {"name": "Qualified", "description": null, "type": "custom"}
])";

TEST_F(CliTest, ApplyAfterALostAnswerReportsWhatIsDoneAndConverges) {
  seed("Bad Fit", std::string("old text"));
  seed("Demo Booked");
  server_.script(create_then_drop());
  const std::string file = write_file("outcomes.json", kDesired);

  // One write at a time: the updates wait for the create, so they are not sent after it fails.
  const ProcessResult first = run({"apply", file, "--max-in-flight", "1"});
  EXPECT_EQ(first.exit_code, 7) << show(first);
  expect_one_error_line(first);
  EXPECT_THAT(first.err, HasSubstr("apply stopped at change 1 of 3 (create Qualified): outcome "
                                   "Qualified may have been created, but the answer could not "
                                   "be read"));
  EXPECT_THAT(first.err, HasSubstr("1 of 3 changes are in place"));
  EXPECT_THAT(first.out, HasSubstr("After the failure, 1 of 3 changes are in place:\n"
                                   "  done:     create Qualified\n"
                                   "  not done: update Bad Fit: description \"old text\" -> "
                                   "\"Not our market\"\n"
                                   "  not done: update Demo Booked: type custom -> vm-dropped\n"));

  const ProcessResult second = run({"apply", file});
  EXPECT_EQ(second.exit_code, 0) << show(second);
  EXPECT_THAT(second.out, HasSubstr("Applied: 0 created, 2 updated, 0 deleted.\n"));
  EXPECT_EQ(server_.creates_performed(), 1u);  // "Qualified" was not created twice
  EXPECT_EQ(state(), (decltype(state()){
                         {"Bad Fit", std::string("Not our market"), OutcomeType::custom},
                         {"Demo Booked", std::nullopt, OutcomeType::vm_dropped},
                         {"Qualified", std::nullopt, OutcomeType::custom},
                     }));

  server_.clear_requests();
  const ProcessResult third = run({"apply", file});
  EXPECT_EQ(third.out, "no changes\n") << show(third);
  EXPECT_TRUE(writes().empty());
}

TEST_F(CliTest, ApplyAfterARefusedChangeSaysWhatIsNotDone) {
  const auto bad_fit = seed("Bad Fit", std::string("old text"));
  seed("Demo Booked");
  closeio::testing::ScriptedResponse broken;
  broken.status = 500;
  broken.body = R"({"error": "Internal error"})";
  broken.method = "PUT";
  broken.path = "/api/v1/outcome/" + bad_fit.id + "/";  // the updates are in flight together
  server_.script(broken);
  const ProcessResult r = run({"--max-retries", "0", "apply", write_file("o.json", kDesired)});
  EXPECT_EQ(r.exit_code, 7) << show(r);
  EXPECT_THAT(r.out, HasSubstr("  done:     create Qualified\n  not done: update Bad Fit"));
  EXPECT_THAT(r.err, Not(HasSubstr("may have been")));
}

}  // namespace
}  // namespace cli_failure_report_test
