#include "outcome_usage.hpp"

#include <set>

namespace closeio_cli {

void OutcomeTally::add_call(const std::optional<std::string>& outcome_id) {
  ++(outcome_id ? by_outcome_[*outcome_id] : none_).calls;
}

void OutcomeTally::add_meeting(const std::optional<std::string>& outcome_id) {
  ++(outcome_id ? by_outcome_[*outcome_id] : none_).meetings;
}

std::vector<OutcomeTally::Row> OutcomeTally::rows(
    const std::vector<closeio::Outcome>& outcomes) const {
  std::vector<Row> out;
  std::set<std::string> known;
  for (const auto& outcome : outcomes) {
    if (!known.insert(outcome.id).second) continue;  // a list that shifted under a page walk
    Row row{outcome.id, outcome.name, false, 0, 0};
    if (auto it = by_outcome_.find(outcome.id); it != by_outcome_.end()) {
      row.calls = it->second.calls;
      row.meetings = it->second.meetings;
    }
    out.push_back(std::move(row));
  }
  for (const auto& [id, counts] : by_outcome_) {  // std::map: sorted by id
    if (known.count(id) == 0)
      out.push_back({id, "(deleted) " + id, true, counts.calls, counts.meetings});
  }
  out.push_back({std::nullopt, "(no outcome)", false, none_.calls, none_.meetings});
  return out;
}

}  // namespace closeio_cli
