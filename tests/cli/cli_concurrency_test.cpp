// apply and usage over the asynchronous API: several requests in flight (the emulator's latency
// makes them overlap; its peak_requests_in_flight() shows that they did), never more than
// --max-in-flight, and output in plan order / identical to one request at a time.
#include "cli_fixture.hpp"

namespace closeio_cli_test::cli_concurrency_test {
namespace {

using ::testing::HasSubstr;

// Every answer is held back a little, so writes sent together are answered together.
closeio::testing::FakeCloseServerOptions slow_server() {
  closeio::testing::FakeCloseServerOptions options;
  options.latency = std::chrono::milliseconds(150);
  return options;
}

class CliConcurrencyTest : public CliTest {
 protected:
  CliConcurrencyTest() : CliTest(slow_server()) {}

  std::string path_of(const closeio::Outcome& outcome) const {
    return "/api/v1/outcome/" + outcome.id + "/";
  }
  // A PUT of `outcome` that the emulator carries out, answering only after `delay`.
  void script_slow_update(const closeio::Outcome& outcome, std::chrono::milliseconds delay) {
    closeio::testing::ScriptedResponse slow;
    slow.method = "PUT";
    slow.path = path_of(outcome);
    slow.perform = true;
    slow.delay = delay;
    slow.body = Json({{"id", outcome.id}, {"name", outcome.name}}).dump();
    server_.script(slow);
  }
  // Where in the request log the first request with `method` and `path` is; -1 if none.
  long arrival(const std::string& method, const std::string& path) const {
    const auto log = server_.requests();
    for (std::size_t i = 0; i < log.size(); ++i) {
      if (log[i].method == method && log[i].path == path) return static_cast<long>(i);
    }
    return -1;
  }
};

TEST_F(CliConcurrencyTest, ApplyPrintsResultsInPlanOrderWithSeveralWritesInFlight) {
  // 3 creates, 4 updates, 3 deletes. The first update and the first delete are answered last
  // of their group, so results arrive out of plan order.
  std::vector<closeio::Outcome> kept;
  for (const char* name : {"Keep 1", "Keep 2", "Keep 3", "Keep 4"}) {
    kept.push_back(seed(name, std::string("old")));
  }
  const auto drop1 = seed("Drop 1");
  seed("Drop 2");
  seed("Drop 3");
  script_slow_update(kept[0], std::chrono::milliseconds(600));
  closeio::testing::ScriptedResponse slow_delete;
  slow_delete.method = "DELETE";
  slow_delete.path = path_of(drop1);
  slow_delete.perform = true;
  slow_delete.delay = std::chrono::milliseconds(600);
  slow_delete.body = "{}";
  server_.script(slow_delete);
  const std::string file = write_file("o.json", R"([
    {"name": "New 1"}, {"name": "New 2"}, {"name": "New 3"},
    {"name": "Keep 1", "description": "new"}, {"name": "Keep 2", "description": "new"},
    {"name": "Keep 3", "description": "new"}, {"name": "Keep 4", "description": "new"}])");

  const ProcessResult r = run({"apply", file, "--prune", "--yes", "--max-in-flight", "3"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  std::string expected;
  for (const char* n : {"New 1", "New 2", "New 3"}) expected += std::string("create ") + n + "\n";
  for (const char* n : {"Keep 1", "Keep 2", "Keep 3", "Keep 4"}) {
    expected += std::string("update ") + n + ": description \"old\" -> \"new\"\n";
  }
  for (const char* n : {"Drop 1", "Drop 2", "Drop 3"})
    expected += std::string("delete ") + n + "\n";
  expected += "Plan: 3 to create, 4 to update, 3 to delete.\n";
  for (const char* n : {"New 1", "New 2", "New 3"}) expected += std::string("created ") + n + "\n";
  for (const char* n : {"Keep 1", "Keep 2", "Keep 3", "Keep 4"}) {
    expected += std::string("updated ") + n + "\n";
  }
  for (const char* n : {"Drop 1", "Drop 2", "Drop 3"})
    expected += std::string("deleted ") + n + "\n";
  expected += "Applied: 3 created, 4 updated, 3 deleted.\n";
  EXPECT_EQ(r.out, expected);

  // Writes overlapped, never more than 3 at once.
  EXPECT_GT(server_.peak_requests_in_flight(), 1u);
  EXPECT_LE(server_.peak_requests_in_flight(), 3u);
  // Every write was sent once, and no delete before every create and update was answered (the
  // slow update of Keep 1 included): a DELETE arrives only after every POST and PUT.
  const auto w = writes();
  ASSERT_EQ(w.size(), 10u);
  std::size_t first_delete = w.size();
  std::size_t last_other = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i].method == "DELETE") {
      first_delete = std::min(first_delete, i);
    } else {
      last_other = i;
    }
  }
  EXPECT_GT(first_delete, last_other);
  EXPECT_EQ(state().size(), 7u);
  for (const auto& [name, description, type] : state()) {
    EXPECT_EQ(description,
              name.rfind("Keep", 0) == 0 ? std::optional<std::string>("new") : std::nullopt)
        << name;
  }
}

TEST_F(CliConcurrencyTest, ApplyNeverHasMoreWritesInFlightThanAsked) {
  std::string file = "[";
  for (int i = 1; i <= 8; ++i)
    file += (i > 1 ? "," : "") + std::string("{\"name\": \"N") + std::to_string(i) + "\"}";
  file += "]";
  // One emulator per bound: its peak counts since it started.
  for (const int bound : {1, 2, 4}) {
    closeio::testing::FakeCloseServer server(slow_server());
    const ProcessResult r =
        run_process(kBinary, {"apply", "-", "--max-in-flight", std::to_string(bound)},
                    {"CLOSE_API_KEY=" + kApiKey, "CLOSE_API_BASE_URL=" + server.base_url()}, file);
    ASSERT_EQ(r.exit_code, 0) << show(r);
    EXPECT_EQ(server.outcomes().size(), 8u);
    EXPECT_THAT(r.out, HasSubstr("created N1\ncreated N2\ncreated N3\ncreated N4\ncreated "
                                 "N5\ncreated N6\ncreated N7\ncreated N8\nApplied: 8 created"));
    EXPECT_LE(server.peak_requests_in_flight(), static_cast<std::size_t>(bound)) << bound;
    if (bound > 1) {
      EXPECT_GT(server.peak_requests_in_flight(), 1u) << bound;
    }
  }
}

TEST_F(CliConcurrencyTest, ApplyFailureStopsNewWritesAndReportsTheOnesInFlight) {
  // Two writes at a time: A and B go out together. A is refused at once; B, in flight, is
  // answered later and still reported; C and D are never sent.
  const auto a = seed("A", std::string("old"));
  const auto b = seed("B", std::string("old"));
  const auto c = seed("C", std::string("old"));
  const auto d = seed("D", std::string("old"));
  closeio::testing::ScriptedResponse refused;
  refused.status = 400;
  refused.method = "PUT";
  refused.path = path_of(a);
  refused.body = R"({"errors": ["Nope."], "field-errors": {}})";
  server_.script(refused);
  script_slow_update(b, std::chrono::milliseconds(1500));
  const std::string file = write_file("o.json", R"([
    {"name": "A", "description": "new"}, {"name": "B", "description": "new"},
    {"name": "C", "description": "new"}, {"name": "D", "description": "new"}])");

  const ProcessResult r = run({"apply", file, "--max-in-flight", "2"});
  EXPECT_EQ(r.exit_code, 5) << show(r);  // the refusal's exit code (validation)
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("apply stopped at change 1 of 4 (update A: description \"old\" -> "
                               "\"new\"): rejected by Close (HTTP 400): Nope."));
  EXPECT_THAT(r.err, HasSubstr("of the 3 changes after it, 1 had already been sent and 2 were "
                               "not sent; 1 of 4 changes are in place"));
  EXPECT_THAT(r.out, HasSubstr("Plan: 0 to create, 4 to update, 0 to delete.\n"
                               "failed to update A: rejected by Close (HTTP 400): Nope.\n"
                               "updated B\n"
                               "not sent: update C\n"
                               "not sent: update D\n"
                               "After the failure, 1 of 4 changes are in place:\n"
                               "  not done: update A: description \"old\" -> \"new\"\n"
                               "  done:     update B: description \"old\" -> \"new\"\n"
                               "  not done: update C: description \"old\" -> \"new\"\n"
                               "  not done: update D: description \"old\" -> \"new\"\n"))
      << show(r);
  EXPECT_GE(arrival("PUT", path_of(b)), 0);
  EXPECT_EQ(arrival("PUT", path_of(c)), -1);  // "not sent" is true
  EXPECT_EQ(arrival("PUT", path_of(d)), -1);
  EXPECT_EQ(state(), (decltype(state()){{"A", std::string("old"), OutcomeType::custom},
                                        {"B", std::string("new"), OutcomeType::custom},
                                        {"C", std::string("old"), OutcomeType::custom},
                                        {"D", std::string("old"), OutcomeType::custom}}));
}

TEST_F(CliConcurrencyTest, ALostCreateAnswerIsReportedHonestlyWhileTheOthersFinish) {
  seed("Bad Fit", std::string("old text"));
  seed("Demo Booked");
  closeio::testing::ScriptedResponse lost;  // created, then the answer is cut off
  lost.method = "POST";
  lost.perform = true;
  lost.fault = closeio::testing::Fault::drop_mid_body;
  lost.body = R"({"id": "outcome_lost", "name": "answer that never arrives in full"})";
  server_.script(lost);
  const std::string file = write_file("o.json", R"([
    {"name": "Bad Fit", "description": "new"}, {"name": "Demo Booked", "type": "vm-dropped"},
    {"name": "Qualified"}])");

  // The default bound (4) sends all three changes together.
  const ProcessResult r = run({"apply", file});
  EXPECT_EQ(r.exit_code, 7) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("apply stopped at change 1 of 3 (create Qualified): outcome "
                               "Qualified may have been created, but the answer could not be "
                               "read"));
  EXPECT_THAT(r.err, HasSubstr("of the 2 changes after it, 2 had already been sent and 0 were "
                               "not sent; 3 of 3 changes are in place"));
  EXPECT_THAT(r.out, HasSubstr("Plan: 1 to create, 2 to update, 0 to delete.\n"
                               "outcome Qualified may have been created, but the answer could "
                               "not be read"));
  EXPECT_THAT(r.out, HasSubstr("\nupdated Bad Fit\nupdated Demo Booked\nAfter the failure, 3 of "
                               "3 changes are in place:\n"));
  EXPECT_EQ(server_.creates_performed(), 1u);

  server_.clear_requests();
  const ProcessResult again = run({"apply", file});
  EXPECT_EQ(again.out, "no changes\n") << show(again);
  EXPECT_TRUE(writes().empty());
}

TEST_F(CliConcurrencyTest, HostileErrorTextInAResultLineIsNeutralised) {
  const auto a = seed("A");
  seed("B");
  closeio::testing::ScriptedResponse refused;
  refused.status = 400;
  refused.method = "PUT";
  refused.path = path_of(a);
  refused.body = "{\"errors\": [\"bad\\u001b[2J\\u009b31m\\nline\"], \"field-errors\": {}}";
  server_.script(refused);
  const ProcessResult r = run({"apply", write_file("o.json", R"([
    {"name": "A", "type": "vm-dropped"}, {"name": "B", "type": "vm-dropped"}])")});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_terminal_safe(r.out, "stdout");
  expect_terminal_safe(r.err, "stderr");
  EXPECT_THAT(r.out, HasSubstr("failed to update A: rejected by Close (HTTP 400): bad"));
  expect_one_error_line(r);
}

TEST_F(CliConcurrencyTest, BadMaxInFlightIsRefusedBeforeAnythingIsSent) {
  const std::string file = write_file("o.json", R"([{"name": "A"}])");
  for (const char* value : {"0", "33", "-1", "abc", "", "4x", "1e1", "\x1b[31m"}) {
    for (const char* command : {"apply", "usage"}) {
      std::vector<std::string> args = {command, "--max-in-flight", value};
      if (std::string(command) == "apply") args.push_back(file);
      const ProcessResult r = run(args);
      EXPECT_EQ(r.exit_code, 2) << command << " " << value << show(r);
      expect_one_error_line(r);
      expect_terminal_safe(r.err, "stderr");
      EXPECT_THAT(r.err, HasSubstr("--max-in-flight: must be a whole number from 1 to 32"))
          << show(r);
    }
  }
  EXPECT_TRUE(server_.requests().empty());
  // The bounds themselves are accepted.
  EXPECT_EQ(run({"apply", file, "--max-in-flight", "1", "--dry-run"}).exit_code, 0);
  EXPECT_EQ(run({"apply", file, "--max-in-flight", "32", "--dry-run"}).exit_code, 0);
}

TEST_F(CliConcurrencyTest, UsageOutputIsTheSameWhateverTheBound) {
  // Several pages of each list (100 items a page): 120 outcomes, 250 calls, 130 meetings.
  server_.seed_many(120, "Outcome");
  const auto outcomes = server_.outcomes();
  std::map<std::string, std::pair<int, int>> expected;  // outcome id -> (calls, meetings)
  for (int i = 0; i < 250; ++i) {
    closeio::testing::FakeCallSeed call;
    if (i % 5 != 0) call.call.outcome_id = outcomes[static_cast<std::size_t>(i % 7)].id;
    ++expected[call.call.outcome_id.value_or("")].first;
    server_.seed_call(call);
  }
  for (int i = 0; i < 130; ++i) {
    closeio::testing::FakeMeetingSeed meeting;
    if (i % 4 != 0) meeting.outcome_id = outcomes[static_cast<std::size_t>(i % 3)].id;
    ++expected[meeting.outcome_id.value_or("")].second;
    server_.seed_meeting(meeting);
  }

  // One request at a time is the sequential walk; its report is the reference.
  const ProcessResult one = run({"usage", "--format", "json", "--max-in-flight", "1"});
  ASSERT_EQ(one.exit_code, 0) << show(one);
  EXPECT_EQ(server_.peak_requests_in_flight(), 1u);
  const auto lines = split_lines(one.out);
  ASSERT_EQ(lines.size(), outcomes.size() + 1);  // every outcome, then "(no outcome)"
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const Json row = Json::parse(lines[i]);
    EXPECT_EQ(row.at("outcome_id"), outcomes[i].id);
    EXPECT_EQ(row.at("calls"), expected[outcomes[i].id].first) << i;
    EXPECT_EQ(row.at("meetings"), expected[outcomes[i].id].second) << i;
  }
  const Json none = Json::parse(lines.back());
  EXPECT_EQ(none.at("name"), "(no outcome)");
  EXPECT_EQ(none.at("calls"), expected[""].first);
  EXPECT_EQ(none.at("meetings"), expected[""].second);

  // The peak only grows, so ascending bounds each show their own limit.
  for (const int bound : {2, 4, 8}) {
    const ProcessResult r =
        run({"usage", "--format", "json", "--max-in-flight", std::to_string(bound)});
    ASSERT_EQ(r.exit_code, 0) << show(r);
    EXPECT_EQ(r.out, one.out) << bound;
    EXPECT_GT(server_.peak_requests_in_flight(), 1u) << bound;
    EXPECT_LE(server_.peak_requests_in_flight(), static_cast<std::size_t>(bound)) << bound;
  }
  // The default is 4.
  const ProcessResult by_default = run({"usage", "--format", "csv"});
  ASSERT_EQ(by_default.exit_code, 0) << show(by_default);
  EXPECT_EQ(split_lines(by_default.out).size(), outcomes.size() + 2);  // with the header
}

TEST_F(CliConcurrencyTest, UsageFailureIsTheOneASequentialWalkMeets) {
  seed("Demo");
  closeio::testing::ScriptedResponse refusal;
  refusal.status = 400;
  refusal.path = "/api/v1/activity/meeting/";
  refusal.body = R"({"errors":[],"field-errors":{"lead_id":"Bad lead."}})";
  server_.script(refusal);
  refusal.path = "/api/v1/activity/call/";
  refusal.body = R"({"errors":[],"field-errors":{"lead_id":"Bad lead for calls."}})";
  server_.script(refusal);
  const ProcessResult r = run({"usage", "--lead", "lead_x"});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  // Both lists were refused; the calls come first, as when they were read one after the other.
  EXPECT_THAT(r.err, HasSubstr("Close refused the filter of the calls list (--lead: Bad lead for "
                               "calls.)"));
}

}  // namespace
}  // namespace closeio_cli_test::cli_concurrency_test
