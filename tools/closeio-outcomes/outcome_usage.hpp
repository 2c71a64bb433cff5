// The tally behind `usage`: how many calls and meetings carry each outcome.
#pragma once

#include <closeio/outcome.hpp>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace closeio_cli {

/// Counts of calls and meetings per outcome id, and of those without an outcome.
class OutcomeTally {
 public:
  /// Counts one call with `outcome_id` (std::nullopt: no outcome).
  void add_call(const std::optional<std::string>& outcome_id);
  /// Counts one meeting with `outcome_id` (std::nullopt: no outcome).
  void add_meeting(const std::optional<std::string>& outcome_id);

  /// One row of the report.
  struct Row {
    std::optional<std::string> outcome_id;  ///< std::nullopt: the row of "no outcome".
    std::string name;      ///< The outcome's name; "(deleted) <id>"; "(no outcome)".
    bool deleted = false;  ///< The id is not among the organization's outcomes.
    std::size_t calls = 0;
    std::size_t meetings = 0;
  };

  /// Every outcome of `outcomes` in that order (with zero counts too), then ids no longer among
  /// them sorted by id, then the activities without an outcome.
  std::vector<Row> rows(const std::vector<closeio::Outcome>& outcomes) const;

 private:
  struct Counts {
    std::size_t calls = 0;
    std::size_t meetings = 0;
  };
  std::map<std::string, Counts> by_outcome_;
  Counts none_;
};

}  // namespace closeio_cli
