// End-to-end tests of assign, unassign and usage: the real binary against the emulator's calls
// and meetings.
#include "cli_fixture.hpp"

namespace closeio_cli_test::cli_activities_test {
namespace {

using closeio::testing::FakeCallSeed;
using closeio::testing::FakeMeetingSeed;

closeio::Timestamp at(const std::string& text) { return closeio::parse_timestamp(text); }

class CliActivitiesTest : public CliTest {
 protected:
  closeio::Call seed_call(std::optional<std::string> outcome_id, const std::string& created,
                          std::optional<std::string> lead_id = "lead_one0000000000000000000") {
    FakeCallSeed seed;
    seed.call.outcome_id = std::move(outcome_id);
    seed.call.lead_id = std::move(lead_id);
    seed.date_created = at(created);
    return server_.seed_call(seed);
  }
  closeio::Meeting seed_meeting(
      std::optional<std::string> outcome_id, const std::string& created,
      std::optional<std::string> lead_id = "lead_one0000000000000000000") {
    FakeMeetingSeed seed;
    seed.outcome_id = std::move(outcome_id);
    seed.lead_id = std::move(lead_id);
    seed.date_created = at(created);
    return server_.seed_meeting(seed);
  }
  std::optional<std::string> call_outcome(const std::string& id) const {
    for (const auto& call : server_.calls()) {
      if (call.id == id) return call.outcome_id;
    }
    ADD_FAILURE() << "no call " << id;
    return std::nullopt;
  }
  std::optional<std::string> meeting_outcome(const std::string& id) const {
    for (const auto& meeting : server_.meetings()) {
      if (meeting.id == id) return meeting.outcome_id;
    }
    ADD_FAILURE() << "no meeting " << id;
    return std::nullopt;
  }
  // The JSON lines of a usage report, keyed by name.
  static std::map<std::string, Json> usage_rows(const ProcessResult& r) {
    std::map<std::string, Json> rows;
    for (const auto& line : split_lines(r.out)) {
      Json row = Json::parse(line);
      rows[row.at("name").get<std::string>()] = row;
    }
    return rows;
  }
};

// ---- assign / unassign ---------------------------------------------------------------------

TEST_F(CliActivitiesTest, AssignByNamePutsTheOutcomeOnTheCallAndPrintsIt) {
  seed("Other");
  const auto demo = seed("Demo Booked");
  const auto call = seed_call(std::nullopt, "2026-01-10T10:00:00Z");

  const auto r = run({"assign", "call", call.id, "Demo Booked", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(call_outcome(call.id), demo.id);
  const auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 1u) << show(r);
  EXPECT_EQ(Json::parse(lines[0]),
            Json::parse(R"({"id":")" + call.id + R"(","type":"call","outcome_id":")" + demo.id +
                        R"(","outcome_name":"Demo Booked"})"));
  // Exactly one write: the PUT of outcome_id alone.
  const auto w = writes();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].method, "PUT");
  EXPECT_EQ(Json::parse(w[0].body), Json::parse(R"({"outcome_id":")" + demo.id + R"("})"));
}

TEST_F(CliActivitiesTest, AssignByIdOnAMeetingPrintsATable) {
  const auto done = seed("Done");
  const auto meeting = seed_meeting(std::nullopt, "2026-01-10T10:00:00Z");

  const auto r = run({"assign", "meeting", meeting.id, done.id, "--format", "table"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(meeting_outcome(meeting.id), done.id);
  const auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << show(r);
  EXPECT_THAT(lines[0], StartsWith("ID"));
  EXPECT_THAT(lines[0], HasSubstr("OUTCOME_ID"));
  EXPECT_THAT(lines[1], StartsWith(meeting.id));
  EXPECT_THAT(lines[1], HasSubstr("meeting"));
  EXPECT_THAT(lines[1], HasSubstr(done.id));
  EXPECT_THAT(lines[1], HasSubstr("Done"));
}

TEST_F(CliActivitiesTest, UnknownNameIsNotFoundAndNothingIsSent) {
  seed("Demo Booked");
  const auto call = seed_call(std::nullopt, "2026-01-10T10:00:00Z");

  const auto r = run({"assign", "call", call.id, "demo booked"});
  EXPECT_EQ(r.exit_code, 3) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("no outcome is named"));
  EXPECT_THAT(r.err, HasSubstr("nothing was sent"));
  EXPECT_THAT(writes(), IsEmpty());
  EXPECT_EQ(call_outcome(call.id), std::nullopt);
}

TEST_F(CliActivitiesTest, AmbiguousNameIsRefusedBeforeAnythingIsSent) {
  const auto first = seed("Twice");
  const auto second = seed("Twice");
  const auto call = seed_call(std::nullopt, "2026-01-10T10:00:00Z");

  const auto r = run({"assign", "call", call.id, "Twice"});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr(first.id));
  EXPECT_THAT(r.err, HasSubstr(second.id));
  EXPECT_THAT(r.err, HasSubstr("give the id"));
  EXPECT_THAT(writes(), IsEmpty());
}

TEST_F(CliActivitiesTest, DeletedOutcomeIsRefusedByCloseAndSaidSo) {
  const auto gone = seed("Gone");
  ASSERT_TRUE(server_.remove_outcome(gone.id));
  const auto call = seed_call(std::nullopt, "2026-01-10T10:00:00Z");

  const auto r = run({"assign", "call", call.id, gone.id});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("Close refused outcome " + gone.id + " on call " + call.id));
  EXPECT_THAT(r.err, HasSubstr("deleted"));
  EXPECT_THAT(r.err, HasSubstr("nothing was changed"));
  EXPECT_EQ(call_outcome(call.id), std::nullopt);
}

TEST_F(CliActivitiesTest, VoicemailOutcomeOnAMeetingIsRefusedAndSaidSo) {
  const auto vm = seed("Left voicemail", std::nullopt, OutcomeType::vm_dropped);
  const auto meeting = seed_meeting(std::nullopt, "2026-01-10T10:00:00Z");

  const auto r = run({"assign", "meeting", meeting.id, "Left voicemail"});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("Left voicemail"));
  EXPECT_THAT(r.err, HasSubstr("does not apply to meetings"));
  EXPECT_EQ(meeting_outcome(meeting.id), std::nullopt);
}

TEST_F(CliActivitiesTest, UnknownActivityIsNotFound) {
  const auto done = seed("Done");
  const auto r = run({"assign", "call", "acti_doesnotexist00000000000000", done.id});
  EXPECT_EQ(r.exit_code, 3) << show(r);
  expect_one_error_line(r);
}

TEST_F(CliActivitiesTest, UnassignClearsTheOutcome) {
  const auto done = seed("Done");
  const auto call = seed_call(done.id, "2026-01-10T10:00:00Z");
  const auto meeting = seed_meeting(done.id, "2026-01-10T10:00:00Z");

  auto r = run({"unassign", "call", call.id, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(call_outcome(call.id), std::nullopt);
  EXPECT_EQ(Json::parse(split_lines(r.out).at(0)),
            Json::parse(R"({"id":")" + call.id +
                        R"(","type":"call","outcome_id":null,"outcome_name":null})"));

  r = run({"unassign", "meeting", meeting.id, "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(meeting_outcome(meeting.id), std::nullopt);
  EXPECT_EQ(r.out, "id,type,outcome_id,outcome_name\r\n" + meeting.id + ",meeting,,\r\n");
}

TEST_F(CliActivitiesTest, KindMustBeCallOrMeeting) {
  const auto r = run({"assign", "email", "acti_x", "Done"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(server_.requests(), IsEmpty());
}

// ---- usage ---------------------------------------------------------------------------------

class CliUsageTest : public CliActivitiesTest {
 protected:
  void SetUp() override {
    CliActivitiesTest::SetUp();
    demo_ = seed("Demo Booked");
    unused_ = seed("Unused");
    const auto gone = seed("Gone");
    gone_id_ = gone.id;
    // January: 2 calls with Demo, 1 call with the later deleted outcome, 1 call without;
    // 1 meeting with Demo, 1 meeting with the deleted outcome. Another lead in February.
    seed_call(demo_.id, "2026-01-05T09:00:00Z");
    seed_call(demo_.id, "2026-01-20T09:00:00Z");
    seed_call(gone_id_, "2026-01-21T09:00:00Z");
    seed_call(std::nullopt, "2026-01-22T09:00:00Z");
    seed_meeting(demo_.id, "2026-01-06T09:00:00Z");
    seed_meeting(gone_id_, "2026-01-07T09:00:00Z");
    seed_call(demo_.id, "2026-02-03T09:00:00Z", "lead_two0000000000000000000");
    ASSERT_TRUE(server_.remove_outcome(gone_id_));
  }

  closeio::Outcome demo_;
  closeio::Outcome unused_;
  std::string gone_id_;
};

TEST_F(CliUsageTest, JsonCountsEveryOutcomeDeletedOnesAndNone) {
  const auto r = run({"usage", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 4u) << show(r);  // Demo, Unused, the deleted one, no outcome
  EXPECT_EQ(Json::parse(lines[0]),
            Json::parse(R"({"outcome_id":")" + demo_.id +
                        R"(","name":"Demo Booked","deleted":false,"calls":3,"meetings":1})"));
  const auto rows = usage_rows(r);
  EXPECT_EQ(rows.at("Unused").at("calls"), 0);
  EXPECT_EQ(rows.at("Unused").at("meetings"), 0);
  const Json& gone = rows.at("(deleted) " + gone_id_);
  EXPECT_EQ(gone.at("outcome_id"), gone_id_);
  EXPECT_EQ(gone.at("deleted"), true);
  EXPECT_EQ(gone.at("calls"), 1);
  EXPECT_EQ(gone.at("meetings"), 1);
  const Json& none = rows.at("(no outcome)");
  EXPECT_TRUE(none.at("outcome_id").is_null());
  EXPECT_EQ(none.at("calls"), 1);
  EXPECT_EQ(none.at("meetings"), 0);
}

TEST_F(CliUsageTest, WindowAndLeadFilterTheCounts) {
  // --since includes its instant; --until (a day: midnight UTC) excludes it.
  auto r = run(
      {"usage", "--format", "json", "--since", "2026-01-20T09:00:00Z", "--until", "2026-02-01"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  auto rows = usage_rows(r);
  EXPECT_EQ(rows.at("Demo Booked").at("calls"), 1);
  EXPECT_EQ(rows.at("Demo Booked").at("meetings"), 0);
  EXPECT_EQ(rows.at("(deleted) " + gone_id_).at("calls"), 1);
  EXPECT_EQ(rows.at("(no outcome)").at("calls"), 1);

  r = run({"usage", "--format", "json", "--lead", "lead_two0000000000000000000"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  rows = usage_rows(r);
  EXPECT_EQ(rows.at("Demo Booked").at("calls"), 1);
  EXPECT_EQ(rows.at("Demo Booked").at("meetings"), 0);
  EXPECT_EQ(rows.count("(deleted) " + gone_id_), 0u);  // not referenced in this window
  EXPECT_EQ(rows.at("(no outcome)").at("calls"), 0);

  // The filters went to Close as the API names them.
  bool sent = false;
  for (const auto& request : server_.requests()) {
    if (request.path == "/api/v1/activity/call/" &&
        request.target.find("lead_id=lead_two0000000000000000000") != std::string::npos) {
      sent = true;
    }
  }
  EXPECT_TRUE(sent);
}

TEST_F(CliUsageTest, EmptyWindowListsOutcomesWithZeroCounts) {
  const auto r = run({"usage", "--format", "json", "--since", "2030-01-01"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const auto rows = usage_rows(r);
  ASSERT_EQ(rows.size(), 3u) << show(r);  // Demo, Unused, no outcome
  for (const auto& [name, row] : rows) {
    EXPECT_EQ(row.at("calls"), 0) << name;
    EXPECT_EQ(row.at("meetings"), 0) << name;
  }
}

TEST_F(CliUsageTest, CsvAndTableShowTheSameCounts) {
  auto r = run({"usage", "--format", "csv", "--until", "2026-02-01"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 5u) << show(r);
  EXPECT_EQ(lines[0], "outcome_id,name,deleted,calls,meetings\r");
  EXPECT_EQ(lines[1], demo_.id + ",Demo Booked,false,2,1\r");
  EXPECT_EQ(lines[2], unused_.id + ",Unused,false,0,0\r");
  EXPECT_EQ(lines[3], gone_id_ + ",(deleted) " + gone_id_ + ",true,1,1\r");
  EXPECT_EQ(lines[4], ",(no outcome),false,1,0\r");

  r = run({"usage", "--format", "table", "--until", "2026-02-01"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 5u) << show(r);
  EXPECT_THAT(lines[0], StartsWith("OUTCOME_ID"));
  EXPECT_THAT(lines[0], HasSubstr("CALLS"));
  EXPECT_THAT(lines[3], HasSubstr("(deleted) " + gone_id_));
  EXPECT_THAT(lines[4], StartsWith(" "));  // no id for "no outcome"
  EXPECT_THAT(lines[4], HasSubstr("(no outcome)"));
}

TEST_F(CliUsageTest, ProgressOnATerminalOnlyAndClearedBeforeTheResults) {
  ProcessOptions options;
  options.stderr_terminal = true;
  const ProcessResult r = run_with({"usage", "--format", "json"}, options);
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_THAT(r.err, HasSubstr("Counting calls..."));
  EXPECT_THAT(r.err, HasSubstr("Counting meetings..."));
  EXPECT_EQ(r.err.substr(r.err.rfind('\r')), "\r\x1b[K");  // the status line ends erased
  EXPECT_EQ(split_lines(r.out).size(), 4u) << show(r);     // stdout: only the rows

  const ProcessResult piped = run({"usage", "--format", "json"});
  ASSERT_EQ(piped.exit_code, 0) << show(piped);
  EXPECT_EQ(piped.err, "");
}

TEST_F(CliUsageTest, BadDatesAreUsageErrorsBeforeAnythingIsSent) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"usage", "--since", "2026-13-01"},
           {"usage", "--until", "yesterday"},
           {"usage", "--since", "2026-02-01", "--until", "2026-01-01"}}) {
    const auto r = run(args);
    EXPECT_EQ(r.exit_code, 2) << show(r);
    expect_one_error_line(r);
  }
  EXPECT_THAT(server_.requests(), IsEmpty());
}

TEST_F(CliUsageTest, RefusedFilterIsNamed) {
  closeio::testing::ScriptedResponse refusal;
  refusal.status = 400;
  refusal.path = "/api/v1/activity/call/";
  refusal.body =
      R"({"errors":[],"field-errors":{"user_id":"Filtering by user requires lead_id."}})";
  server_.script(refusal);

  const auto r = run({"usage", "--user", "user_fake0000000000000000000"});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("--user"));
  EXPECT_THAT(r.err, HasSubstr("Filtering by user requires lead_id."));
}

TEST_F(CliUsageTest, HostileNamesAreSafeInEveryFormat) {
  seed("=cmd|' /C calc'!A0\x1b[31m\xc2\x9b");
  for (const char* format : {"table", "csv", "json"}) {
    const auto r = run({"usage", "--format", format});
    ASSERT_EQ(r.exit_code, 0) << show(r);
    expect_terminal_safe(r.out, format);
  }
  const auto csv = run({"usage", "--format", "csv"});
  EXPECT_THAT(csv.out, HasSubstr(",'=cmd"));
}

}  // namespace
}  // namespace closeio_cli_test::cli_activities_test
