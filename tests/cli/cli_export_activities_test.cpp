// End-to-end tests of `export calls` and `export meetings`: the real binary against the
// emulator, with a cap small enough that the windows cross it.
#include "cli_fixture.hpp"

namespace closeio_cli_test::cli_export_activities_test {
namespace {

using closeio::testing::FakeCallSeed;
using closeio::testing::FakeMeetingSeed;

closeio::testing::FakeCloseServerOptions capped() {
  closeio::testing::FakeCloseServerOptions options;
  options.max_skip = 5;
  return options;
}

class CliExportActivitiesTest : public CliTest {
 protected:
  CliExportActivitiesTest() : CliTest(capped()) {}

  // `count` calls one minute apart from 2026-09-01T00:00Z, two per minute; returns their ids.
  std::set<std::string> seed_calls(std::size_t count) {
    std::set<std::string> ids;
    for (const std::string& id : server_.seed_calls(count, [](std::size_t i) {
           FakeCallSeed seed;
           seed.call.lead_id = "lead_one0000000000000000000";
           seed.date_created = closeio::parse_timestamp("2026-09-01T00:00:00Z") +
                               std::chrono::minutes(static_cast<int>(i / 2));
           return seed;
         })) {
      ids.insert(id);
    }
    return ids;
  }

  static std::multiset<std::string> ids_of_lines(const std::string& text) {
    std::multiset<std::string> ids;
    for (const auto& line : split_lines(text))
      ids.insert(Json::parse(line).at("id").get<std::string>());
    return ids;
  }
};

TEST_F(CliExportActivitiesTest, ExportsEveryCallOfTheRangeOnceAsJsonLines) {
  const std::set<std::string> ids = seed_calls(60);
  FakeCallSeed outside;
  outside.date_created = closeio::parse_timestamp("2026-09-02T00:00:00Z");
  server_.seed_call(outside);
  const auto r = run({"export", "calls", "--since", "2026-09-01", "--until", "2026-09-02",
                      "--slices", "5", "--max-in-flight", "3"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const std::multiset<std::string> got = ids_of_lines(r.out);
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), ids);
  EXPECT_EQ(got.size(), ids.size()) << "a call exported twice";
  EXPECT_THAT(r.err, IsEmpty()) << "no progress bar off a terminal";
}

TEST_F(CliExportActivitiesTest, WritesTheFileAtomicallyAndShowsAProgressBarOnATerminal) {
  const std::set<std::string> ids = seed_calls(20);
  const std::string path = (dir_ / "calls.jsonl").string();
  ProcessOptions options;
  options.stderr_terminal = true;
  const auto r = run_with({"export", "calls", "--since", "2026-09-01", "--until", "2026-09-02",
                           "--slices", "4", "-o", path},
                          options);
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_THAT(r.err, HasSubstr("Exporting calls ["));
  EXPECT_THAT(r.err, HasSubstr("4/4 windows, 20 calls"));
  EXPECT_THAT(r.err, HasSubstr("Exported 20 calls to " + path));
  const std::multiset<std::string> got = ids_of_lines(read_file(path));
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), ids);
  EXPECT_EQ(got.size(), 20u);
}

TEST_F(CliExportActivitiesTest, ExportsMeetings) {
  std::set<std::string> ids;
  for (int i = 0; i < 9; ++i) {
    FakeMeetingSeed seed;
    seed.date_created = closeio::parse_timestamp("2026-09-01T10:00:00Z");  // all tied
    ids.insert(server_.seed_meeting(seed).id);
  }
  const auto r = run(
      {"export", "meetings", "--since", "2026-09-01", "--until", "2026-09-02", "--slices", "2"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const std::multiset<std::string> got = ids_of_lines(r.out);
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), ids);
  EXPECT_EQ(got.size(), ids.size());
}

TEST_F(CliExportActivitiesTest, RefusesAnEmptyRangeAndBadSlicesBeforeSending) {
  auto r = run({"export", "calls", "--since", "2026-09-02", "--until", "2026-09-01"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--until must be later than --since"));
  r = run({"export", "calls", "--slices", "0"});
  EXPECT_NE(r.exit_code, 0);
  r = run({"export", "emails"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliExportActivitiesTest, AFailedExportLeavesNoFileBehind) {
  seed_calls(4);
  const std::string path = (dir_ / "calls.jsonl").string();
  closeio::testing::ScriptedResponse refused;
  refused.status = 401;
  refused.body = R"({"error":"Unauthorized"})";
  refused.times = 100;
  server_.script(refused);
  const auto r =
      run({"export", "calls", "--since", "2026-09-01", "--until", "2026-09-02", "-o", path});
  EXPECT_NE(r.exit_code, 0) << show(r);
  EXPECT_FALSE(std::filesystem::exists(path));
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_THAT(entry.path().filename().string(), Not(HasSubstr("calls.jsonl")));
  }
}

// `usage` reads the calls and meetings by the same sliced walk: past the cap (pages of 100,
// _skip capped at 5 here), every row counted once.
TEST_F(CliExportActivitiesTest, UsageCountsEveryRowPastTheSkipCap) {
  const closeio::Outcome demo = seed("Demo Booked");
  (void)server_.seed_calls(250, [&](std::size_t i) {
    FakeCallSeed seed;
    if (i % 3 == 0) seed.call.outcome_id = demo.id;
    seed.date_created = closeio::parse_timestamp("2026-09-01T00:00:00Z") +
                        std::chrono::minutes(static_cast<int>(i / 2));
    return seed;
  });
  const std::size_t demo_calls = 84;  // i = 0, 3, ..., 249
  for (int i = 0; i < 120; ++i) {
    FakeMeetingSeed seed;
    if (i % 2 == 0) seed.outcome_id = demo.id;
    seed.date_created = closeio::parse_timestamp("2026-09-02T00:00:00Z") + std::chrono::minutes(i);
    server_.seed_meeting(seed);
  }
  const auto r = run({"usage", "--format", "csv", "--max-in-flight", "3"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_THAT(r.out,
              HasSubstr(demo.id + ",Demo Booked,false," + std::to_string(demo_calls) + ",60\r\n"));
  EXPECT_THAT(r.out,
              HasSubstr(",(no outcome),false," + std::to_string(250 - demo_calls) + ",60\r\n"));
  EXPECT_LE(server_.peak_requests_in_flight(), 3u);
}

TEST_F(CliExportActivitiesTest, ASinceInTheFutureIsAnEmptyWindowNotAnError) {
  seed_calls(3);
  const auto exported = run({"export", "calls", "--since", "2099-01-01"});
  EXPECT_EQ(exported.exit_code, 0) << show(exported);
  EXPECT_EQ(exported.out, "");
  const auto counted = run({"usage", "--format", "csv", "--since", "2099-01-01"});
  EXPECT_EQ(counted.exit_code, 0) << show(counted);
  EXPECT_THAT(counted.out, HasSubstr(",(no outcome),false,0,0\r\n"));
}

}  // namespace
}  // namespace closeio_cli_test::cli_export_activities_test
