// `closeio-outcomes events`: which Event Log entries it shows (unit tests of the row), then the
// real binary against the emulator: once, resumed from a position file, --follow ended by SIGINT
// and SIGTERM, hostile position files, and terminal safety.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <closeio/calls_client.hpp>
#include <closeio/meetings_client.hpp>
#include <set>

#include "cli_fixture.hpp"
#include "outcome_events.hpp"

namespace closeio_cli_test::cli_events_test {
namespace {

using closeio_cli::outcome_event_row;

closeio::Event event(const std::string& type, const std::string& action) {
  closeio::Event e;
  e.id = "ev_1";
  e.object_type = type;
  e.object_id = "acti_1";
  e.action = action;
  e.date_updated = closeio::parse_timestamp("2026-03-01T10:00:00Z");
  return e;
}

TEST(OutcomeEventRow, AnUpdateOfTheOutcomeIsShownWithBeforeAndAfter) {
  closeio::Event e = event("activity.call", "updated");
  e.changed_fields = {"note", "outcome_id"};
  e.data = R"({"id":"acti_1","outcome_id":"outcome_new"})";
  e.previous_data = R"({"outcome_id":"outcome_old"})";
  e.lead_id = "lead_1";
  const auto row = outcome_event_row(e);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(Json(*row).dump(),
            R"(["ev_1","2026-03-01T10:00:00.000000+00:00","call","acti_1","updated",)"
            R"("outcome_new","outcome_old","lead_1",null])");
}

TEST(OutcomeEventRow, ACreationWithAnOutcomeIsShownAndOtherEventsAreNot) {
  closeio::Event created = event("activity.meeting", "created");
  created.data = R"({"outcome_id":"outcome_1"})";
  ASSERT_TRUE(outcome_event_row(created).has_value());
  EXPECT_EQ((*outcome_event_row(created))[2], "meeting");
  EXPECT_TRUE((*outcome_event_row(created))[6].is_null());

  created.data = R"({"outcome_id":null})";
  EXPECT_FALSE(outcome_event_row(created).has_value());
  closeio::Event other_field = event("activity.call", "updated");
  other_field.changed_fields = {"note"};
  EXPECT_FALSE(outcome_event_row(other_field).has_value());
  closeio::Event lead = event("lead", "updated");
  lead.changed_fields = {"outcome_id"};
  EXPECT_FALSE(outcome_event_row(lead).has_value());
  closeio::Event deleted = event("activity.call", "deleted");
  EXPECT_FALSE(outcome_event_row(deleted).has_value());
  // A cleared outcome: after is null, and data may be missing or not JSON at all.
  closeio::Event cleared = event("activity.call", "updated");
  cleared.changed_fields = {"outcome_id"};
  cleared.data = "not json";
  ASSERT_TRUE(outcome_event_row(cleared).has_value());
  EXPECT_TRUE((*outcome_event_row(cleared))[5].is_null());
}

class CliEventsTest : public CliTest {
 protected:
  closeio::ClientOptions sdk_options() const {
    closeio::ClientOptions o;
    o.credentials = closeio::Credentials::api_key(kApiKey);
    o.base_url = server_.base_url();
    return o;
  }
  // Outcome changes made through the SDK over HTTP, as a dialer would: a call logged with an
  // outcome, then changed; a meeting's outcome set. Returns the expected (event id) set.
  void change_outcomes(const std::string& lead) {
    const closeio::Outcome a = seed("A " + lead);
    const closeio::Outcome b = seed("B " + lead);
    closeio::CallsClient calls(sdk_options());
    closeio::CallLog log;
    log.lead_id = lead;
    log.outcome_id = a.id;
    const closeio::Call call = calls.log(log);
    calls.set_outcome(call.id, b.id);
    closeio::testing::FakeMeetingSeed seed;
    seed.lead_id = lead;
    const closeio::Meeting meeting = server_.seed_meeting(seed);
    closeio::MeetingsClient(sdk_options()).set_outcome(meeting.id, a.id);
  }
  // The outcome changes the emulator's own log holds, by event id.
  std::set<std::string> logged_outcome_events() const {
    std::set<std::string> ids;
    for (const closeio::Event& e : server_.events()) {
      if (outcome_event_row(e)) ids.insert(e.id);
    }
    return ids;
  }
  static std::vector<std::string> event_ids(const ProcessResult& r) {
    std::vector<std::string> ids;
    for (const auto& line : split_lines(r.out)) {
      ids.push_back(Json::parse(line).at("event_id").get<std::string>());
    }
    return ids;
  }
};

TEST_F(CliEventsTest, OnceShowsEveryOutcomeChangeOldestFirstAsJsonLines) {
  change_outcomes("lead_1");
  const ProcessResult r = run({"events", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const std::vector<std::string> ids = event_ids(r);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), logged_outcome_events());
  EXPECT_EQ(ids.size(), 3u);  // Call created with A, call changed to B, meeting set to A.
  std::string previous_date;
  for (const auto& line : split_lines(r.out)) {
    const Json row = Json::parse(line);
    EXPECT_LE(previous_date, row.at("date_updated").get<std::string>());
    previous_date = row.at("date_updated").get<std::string>();
    EXPECT_EQ(row.at("lead_id"), "lead_1");
  }
  const Json changed = Json::parse(split_lines(r.out).at(1));
  EXPECT_EQ(changed.at("kind"), "call");
  EXPECT_EQ(changed.at("action"), "updated");
  EXPECT_EQ(changed.at("outcome_id"), server_.calls().at(0).outcome_id.value());
  EXPECT_NE(changed.at("previous_outcome_id"), changed.at("outcome_id"));
  // Filters Close allows: object_type always with action.
  for (const auto& request : server_.requests()) {
    if (request.target.rfind("/api/v1/event/", 0) != 0) continue;
    EXPECT_THAT(request.target, HasSubstr("action=")) << request.target;
  }
}

TEST_F(CliEventsTest, ALongBacklogComesInBatchesUntilCaughtUpEachEventOnce) {
  // 250 outcome changes a second apart in the last hour; passes of at most 30 events, some of
  // them short of 30 while the follower catches up: the command goes on until it has caught up.
  const closeio::Timestamp start = std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now() - std::chrono::hours(1));
  std::vector<std::string> seeded;
  for (int i = 0; i < 250; ++i) {
    closeio::testing::FakeEventSeed seed;
    seed.object_id = "acti_backlog" + std::to_string(i);
    seed.changed_fields = {"outcome_id"};
    seed.data = R"({"id": "acti_backlog)" + std::to_string(i) + R"(", "outcome_id": "outcome_b"})";
    seed.previous_data = R"({"outcome_id": "outcome_a"})";
    seed.date_created = start + std::chrono::seconds(i);
    seeded.push_back(server_.seed_event(seed).id);
  }
  const ProcessResult r = run({"events", "--format", "json", "--batch", "30"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(event_ids(r), seeded);
  const ProcessResult refused = run({"events", "--batch", "0"});
  EXPECT_EQ(refused.exit_code, 2) << show(refused);
  EXPECT_THAT(refused.err, HasSubstr("--batch must be 1 to 100000 events"));
}

TEST_F(CliEventsTest, CsvAndTableUseTheCommonFormats) {
  change_outcomes("lead_1");
  const ProcessResult csv = run({"events", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << show(csv);
  const auto lines = split_lines(csv.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0],
            "event_id,date_updated,kind,activity_id,action,outcome_id,previous_outcome_id,lead_id,"
            "user_id\r");
  const ProcessResult table = run({"events", "--format", "table"});
  ASSERT_EQ(table.exit_code, 0) << show(table);
  EXPECT_THAT(table.out, HasSubstr("PREVIOUS_OUTCOME_ID"));
  EXPECT_THAT(table.out, HasSubstr("meeting"));
}

TEST_F(CliEventsTest, APositionFileResumesWithNothingRepeatedOrLost) {
  const std::string position = (dir_ / "outcomes.pos").string();
  change_outcomes("lead_1");
  const ProcessResult first = run({"events", "--format", "json", "--position-file", position});
  ASSERT_EQ(first.exit_code, 0) << show(first);
  EXPECT_EQ(event_ids(first).size(), 3u);
  EXPECT_NO_THROW(closeio::EventPosition::parse(read_file(position)));
  EXPECT_FALSE(std::filesystem::exists(position + ".tmp." + std::to_string(::getpid())));

  const ProcessResult again = run({"events", "--format", "json", "--position-file", position});
  ASSERT_EQ(again.exit_code, 0) << show(again);
  EXPECT_THAT(again.out, IsEmpty());

  change_outcomes("lead_2");
  const ProcessResult next = run({"events", "--format", "json", "--position-file", position});
  ASSERT_EQ(next.exit_code, 0) << show(next);
  std::set<std::string> all;
  for (const auto& id : event_ids(first)) all.insert(id);
  for (const auto& id : event_ids(next)) EXPECT_TRUE(all.insert(id).second) << id;
  EXPECT_EQ(event_ids(next).size(), 3u);
  EXPECT_EQ(all, logged_outcome_events());
}

TEST_F(CliEventsTest, AHostilePositionFileIsRefusedBeforeAnythingIsRead) {
  const std::string evil =
      write_file("evil.pos", "closeio-event-position 1\nfloor \x1b[31mX\nend\n");
  const ProcessResult r = run({"events", "--position-file", evil});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  expect_terminal_safe(r.err, "stderr");
  EXPECT_TRUE(server_.requests().empty());
  const ProcessResult dir = run({"events", "--position-file", dir_.string()});
  EXPECT_EQ(dir.exit_code, 5) << show(dir);
  const ProcessResult empty = run({"events", "--position-file", ""});
  EXPECT_EQ(empty.exit_code, 2) << show(empty);
  const ProcessResult nowhere =
      run({"events", "--position-file", (dir_ / "no/such/dir/x.pos").string()});
  EXPECT_EQ(nowhere.exit_code, 1) << show(nowhere);  // Read fine (absent), cannot be written.
  EXPECT_TRUE(server_.requests().size() >= 1u);
}

TEST_F(CliEventsTest, ControlCharactersFromCloseNeverReachTheTerminal) {
  closeio::testing::FakeEventSeed seed;
  seed.object_type = "activity.call";
  seed.object_id = "acti_\x1b]0;owned\x07";
  seed.action = "updated";
  seed.changed_fields = {"outcome_id"};
  seed.data = R"({"outcome_id":"outcome_\u001b[2J\u009b"})";
  seed.lead_id = "lead_\r\x1b[1A";
  server_.seed_event(seed);
  for (const char* format : {"table", "csv", "json"}) {
    const ProcessResult r = run({"events", "--format", format});
    ASSERT_EQ(r.exit_code, 0) << show(r);
    EXPECT_FALSE(r.out.empty()) << format;
    expect_terminal_safe(r.out, format);
  }
}

// --follow runs until a signal: started here as a child whose stdout is read line by line, so
// the test knows (without sleeping) when a pass has printed what it waits for.
class FollowingChild {
 public:
  FollowingChild(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    int out[2];
    EXPECT_EQ(::pipe(out), 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, 0);
      ::dup2(null, 2);
      ::close(out[0]);
      ::close(out[1]);
      std::vector<std::string> all{kBinary};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      std::vector<std::string> e = env;
      std::vector<char*> envp;
      for (auto& v : e) envp.push_back(v.data());
      envp.push_back(nullptr);
      ::execve(kBinary, argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(out[1]);
    in_ = ::fdopen(out[0], "r");
  }
  ~FollowingChild() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (in_) ::fclose(in_);
  }
  // The next line of stdout; empty at end of output.
  std::string next_line() {
    std::string line;
    for (int c; (c = std::fgetc(in_)) != EOF;) {
      if (c == '\n') return line;
      line += static_cast<char>(c);
    }
    return line;
  }
  // Signals the child and returns its exit status (128 + signal when killed).
  int stop(int signal) {
    ::kill(pid_, signal);
    while (std::fgetc(in_) != EOF) {
    }
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
  FILE* in_ = nullptr;
  bool reaped_ = false;
};

TEST_F(CliEventsTest, FollowPrintsNewChangesUntilSigintThenWritesThePosition) {
  for (int sig : {SIGINT, SIGTERM}) {
    server_.clear_events();
    const std::string position = (dir_ / ("follow" + std::to_string(sig) + ".pos")).string();
    change_outcomes("lead_" + std::to_string(sig));
    std::set<std::string> printed;
    {
      FollowingChild child({"events", "--follow", "--since", "2020-01-01", "--interval", "1",
                            "--format", "json", "--position-file", position},
                           env());
      const std::set<std::string> expected = logged_outcome_events();
      while (printed.size() < expected.size()) {
        const std::string line = child.next_line();
        ASSERT_FALSE(line.empty()) << "the output ended early";
        EXPECT_TRUE(printed.insert(Json::parse(line).at("event_id").get<std::string>()).second);
      }
      change_outcomes("lead_more" + std::to_string(sig));  // A later pass prints these.
      const std::set<std::string> all = logged_outcome_events();
      while (printed.size() < all.size()) {
        const std::string line = child.next_line();
        ASSERT_FALSE(line.empty()) << "the output ended early";
        EXPECT_TRUE(printed.insert(Json::parse(line).at("event_id").get<std::string>()).second);
      }
      EXPECT_EQ(printed, all);
      EXPECT_EQ(child.stop(sig), 0);
    }
    // The position written at the end resumes with nothing new.
    const closeio::EventPosition stored = closeio::EventPosition::parse(read_file(position));
    EXPECT_FALSE(stored.from_now());
    const ProcessResult resumed = run({"events", "--format", "json", "--position-file", position});
    ASSERT_EQ(resumed.exit_code, 0) << show(resumed);
    EXPECT_THAT(resumed.out, IsEmpty());
  }
}

}  // namespace
}  // namespace closeio_cli_test::cli_events_test
