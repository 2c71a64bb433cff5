// closeio-fake-server's sample data (tools/fake-server/*.json) loaded into the in-process
// emulator: the files stay valid, outcome names resolve, one deleted outcome stays referenced,
// and dates count back from the anchor.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "closeio/testing/fake_close_server.hpp"
#include "sample_activities.hpp"

namespace e2e_fake_server_samples_test {
namespace {

using closeio::Timestamp;
using closeio::testing::FakeCloseServer;

const std::string kDir = CLOSEIO_FAKE_SERVER_DIR;

// 2026-09-01T00:00:00Z.
const Timestamp kAnchor(std::chrono::seconds(1788220800));

// The outcomes of sample-outcomes.json, seeded the way --seed-file does.
void seed_sample_outcomes(FakeCloseServer& server) {
  std::ifstream in(kDir + "/sample-outcomes.json");
  const nlohmann::json outcomes = nlohmann::json::parse(in);
  for (const nlohmann::json& item : outcomes) {
    closeio::OutcomeCreate outcome;
    outcome.name = item.at("name").get<std::string>();
    outcome.type = closeio::outcome_type_from_string(item.at("type").get<std::string>());
    server.seed(outcome);
  }
}

// A file of its own per process (several build trees may run these tests at once), removed
// when the test ends.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& text)
      : path_(::testing::TempDir() + std::to_string(::getpid()) + "-" + name) {
    std::ofstream(path_) << text;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(FakeServerSamples, SampleActivitiesSeedWithResolvedAndDeletedOutcomes) {
  FakeCloseServer server;
  seed_sample_outcomes(server);
  closeio::tools::ActivitySeeds seeds =
      closeio::tools::read_activity_seeds(kDir + "/sample-activities.json");
  EXPECT_FALSE(seeds.anchor.has_value());  // the file counts back from today
  seeds.anchor = kAnchor;
  closeio::tools::seed_activities(server, seeds);

  EXPECT_EQ(server.calls().size(), 18u);
  EXPECT_EQ(server.meetings().size(), 6u);
  EXPECT_EQ(server.outcomes().size(), 12u);  // the deleted one is gone again
  std::map<std::string, std::string> names;
  for (const closeio::Outcome& outcome : server.outcomes()) names[outcome.id] = outcome.name;

  std::size_t with_outcome = 0;
  std::size_t calls_dangling = 0;
  std::set<std::string> dangling;
  for (const closeio::Call& call : server.calls()) {
    ASSERT_TRUE(call.activity_at.has_value());
    EXPECT_LE(*call.activity_at, kAnchor);
    EXPECT_GE(*call.activity_at, kAnchor - std::chrono::hours(24 * 21));
    if (!call.outcome_id) continue;
    ++with_outcome;
    if (names.count(*call.outcome_id) == 0) {
      ++calls_dangling;
      dangling.insert(*call.outcome_id);
    }
  }
  std::size_t meetings_dangling = 0;
  for (const closeio::Meeting& meeting : server.meetings()) {
    if (meeting.outcome_id && names.count(*meeting.outcome_id) == 0) {
      ++meetings_dangling;
      dangling.insert(*meeting.outcome_id);
    }
  }
  EXPECT_EQ(with_outcome, 16u);    // two calls in the file have no "outcome"
  EXPECT_EQ(dangling.size(), 1u);  // one deleted outcome, referenced by 2 calls and 1 meeting
  EXPECT_EQ(calls_dangling, 2u);
  EXPECT_EQ(meetings_dangling, 1u);
}

TEST(FakeServerSamples, DatesCountBackFromTheAnchor) {
  FakeCloseServer server;
  const TempFile file(
      "activities-anchor.json",
      R"({"anchor": "2026-09-10", "calls": [{"days_ago": 2, "at": "14:30", "duration": 60}],
          "meetings": [{"days_ago": -1, "at": "09:00", "minutes": 30, "title": "Soon"}]})");
  closeio::tools::seed_activities(server, closeio::tools::read_activity_seeds(file.path()));
  ASSERT_EQ(server.calls().size(), 1u);
  ASSERT_EQ(server.meetings().size(), 1u);
  const Timestamp september_8_1430 =
      kAnchor + std::chrono::hours(24 * 7 + 14) + std::chrono::minutes(30);
  EXPECT_EQ(server.calls()[0].activity_at, std::optional<Timestamp>(september_8_1430));
  EXPECT_EQ(server.calls()[0].date_created, september_8_1430 + std::chrono::seconds(60));
  EXPECT_EQ(server.meetings()[0].starts_at, kAnchor + std::chrono::hours(24 * 10 + 9));
  EXPECT_EQ(server.meetings()[0].ends_at - server.meetings()[0].starts_at,
            std::chrono::minutes(30));
  EXPECT_EQ(server.meetings()[0].title, "Soon");
}

TEST(FakeServerSamples, MistakesNameTheFileAndItem) {
  const TempFile bad_status_file("activities-bad-status.json",
                                 R"({"calls": [{}, {"status": "nope"}]})");
  const TempFile bad_time_file("activities-bad-time.json", R"({"meetings": [{"at": "9:00"}]})");
  const TempFile unknown_outcome_file("activities-unknown-outcome.json",
                                      R"({"calls": [{"outcome": "Nope"}]})");
  const std::string& bad_status = bad_status_file.path();
  const std::string& bad_time = bad_time_file.path();
  const std::string& unknown_outcome = unknown_outcome_file.path();
  try {
    closeio::tools::read_activity_seeds(bad_status);
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              bad_status + ": calls item 1: unknown \"status\" value \"nope\"");
  }
  try {
    closeio::tools::read_activity_seeds(bad_time);
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              bad_time + ": meetings item 0: \"at\" must be a UTC time \"HH:MM\"");
  }
  FakeCloseServer server;
  const closeio::tools::ActivitySeeds seeds = closeio::tools::read_activity_seeds(unknown_outcome);
  EXPECT_THROW(closeio::tools::seed_activities(server, seeds), std::runtime_error);
  EXPECT_TRUE(server.calls().empty());
}

}  // namespace
}  // namespace e2e_fake_server_samples_test
