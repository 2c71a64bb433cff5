// Calls and meetings for closeio-fake-server's --activities-file: read from JSON before the
// server starts (format errors stop it early), seeded once the outcomes are in.
#pragma once

#include <closeio/testing/fake_close_server.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace closeio::tools {

/// A call or meeting of the file, its outcome still a name.
struct ActivitySeed {
  bool is_meeting = false;
  int days_ago = 0;                  ///< Days before the anchor date; negative for the future.
  int minute_of_day = 0;             ///< UTC time of day, in minutes from midnight.
  std::string outcome_name;          ///< Empty: no outcome.
  testing::FakeCallSeed call;        ///< When !is_meeting (dates filled in when seeded).
  testing::FakeMeetingSeed meeting;  ///< When is_meeting.
};

/// The parsed file.
struct ActivitySeeds {
  /// Midnight (UTC) the days count back from; std::nullopt: today's, when seeded.
  std::optional<Timestamp> anchor;
  /// Outcomes created, put on activities by name, then deleted, so that those activities
  /// refer to deleted outcomes as they can in Close.
  std::vector<OutcomeCreate> deleted_outcomes;
  std::vector<ActivitySeed> activities;
};

/// Reads a JSON object {"anchor": "today" | "YYYY-MM-DD", "deleted_outcomes": [{name,
/// description, type}], "calls": [...], "meetings": [...]} (see sample-activities.json for every
/// key). Throws std::runtime_error naming the file and item on any mistake.
ActivitySeeds read_activity_seeds(const std::string& path);

/// Seeds `seeds` into `server`: outcome names are looked up among the server's outcomes (exact,
/// unique) and then among `deleted_outcomes`. Throws std::runtime_error for a name that matches
/// none or several.
void seed_activities(testing::FakeCloseServer& server, const ActivitySeeds& seeds);

}  // namespace closeio::tools
