#include "apply_plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "exit_codes.hpp"
#include "text.hpp"

namespace closeio_cli {
namespace {

constexpr std::size_t kMaxDuplicatesShown = 5;

// Collects names that appear more than once, with a label per occurrence.
template <class Item, class NameOf, class LabelOf>
void check_unique(const std::vector<Item>& items, NameOf name_of, LabelOf label_of,
                  const std::string& where) {
  std::map<std::string, std::vector<std::string>> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    seen[name_of(items[i])].push_back(label_of(items[i], i));
  }
  std::string report;
  std::size_t duplicates = 0;
  for (const auto& [name, labels] : seen) {
    if (labels.size() < 2) continue;
    if (++duplicates > kMaxDuplicatesShown) continue;
    if (!report.empty()) report += "; ";
    report += json_quoted(name) + " (";
    for (std::size_t i = 0; i < labels.size(); ++i) report += (i ? ", " : "") + labels[i];
    report += ")";
  }
  if (duplicates == 0) return;
  if (duplicates > kMaxDuplicatesShown) {
    report += "; and " + std::to_string(duplicates - kMaxDuplicatesShown) + " more";
  }
  throw CliError(ExitCode::validation,
                 "duplicate outcome names " + where + ": " + report + "; nothing was changed");
}

}  // namespace

Plan compute_plan(const std::vector<DesiredOutcome>& desired,
                  const std::vector<closeio::Outcome>& current, bool prune) {
  check_unique(
      desired, [](const DesiredOutcome& d) { return d.name; },
      [](const DesiredOutcome&, std::size_t i) { return "entry " + std::to_string(i + 1); },
      "in the file");
  check_unique(
      current, [](const closeio::Outcome& o) { return o.name; },
      [](const closeio::Outcome& o, std::size_t) { return o.id; }, "in the organization");

  std::map<std::string, const closeio::Outcome*> by_name;
  for (const auto& outcome : current) by_name[outcome.name] = &outcome;
  std::set<std::string> named;

  std::vector<PlannedChange> creates;
  std::vector<PlannedChange> updates;
  std::vector<PlannedChange> removes;
  for (const DesiredOutcome& want : desired) {
    named.insert(want.name);
    auto it = by_name.find(want.name);
    if (it == by_name.end()) {
      PlannedChange change;
      change.kind = PlannedChange::Kind::create;
      change.desired = want;
      creates.push_back(std::move(change));
      continue;
    }
    const closeio::Outcome& have = *it->second;
    PlannedChange change;
    change.kind = PlannedChange::Kind::update;
    change.id = have.id;
    change.desired = want;
    if (have.description != want.description) {
      change.description_changes = true;
      change.old_description = have.description;
    }
    if (have.type != want.type) change.old_type = have.type;
    if (change.description_changes || change.old_type) updates.push_back(std::move(change));
  }
  if (prune) {
    for (const auto& outcome : current) {
      if (named.count(outcome.name)) continue;
      PlannedChange change;
      change.kind = PlannedChange::Kind::remove;
      change.id = outcome.id;
      change.desired = desired_from(outcome);
      removes.push_back(std::move(change));
    }
  }

  auto by_desired_name = [](const PlannedChange& a, const PlannedChange& b) {
    return a.desired.name < b.desired.name;
  };
  std::sort(creates.begin(), creates.end(), by_desired_name);
  std::sort(updates.begin(), updates.end(), by_desired_name);
  std::sort(removes.begin(), removes.end(), by_desired_name);

  Plan plan;
  plan.creates = creates.size();
  plan.updates = updates.size();
  plan.removes = removes.size();
  for (auto* group : {&creates, &updates, &removes}) {
    for (auto& change : *group) plan.changes.push_back(std::move(change));
  }
  return plan;
}

std::string describe(const PlannedChange& change) {
  const std::string name = display_name(change.desired.name);
  switch (change.kind) {
    case PlannedChange::Kind::create:
      return "create " + name;
    case PlannedChange::Kind::remove:
      return "delete " + name;
    case PlannedChange::Kind::update:
      break;
  }
  std::string line = "update " + name + ":";
  const char* separator = " ";
  if (change.description_changes) {
    line += separator;
    line += "description " + display_description(change.old_description) + " -> " +
            display_description(change.desired.description);
    separator = ", ";
  }
  if (change.old_type) {
    line += separator;
    line += "type " + std::string(closeio::to_string(*change.old_type)) + " -> " +
            std::string(closeio::to_string(change.desired.type));
  }
  return line;
}

std::string plan_summary(const Plan& plan) {
  return "Plan: " + std::to_string(plan.creates) + " to create, " + std::to_string(plan.updates) +
         " to update, " + std::to_string(plan.removes) + " to delete.";
}

std::size_t unmanaged_count(const std::vector<DesiredOutcome>& desired,
                            const std::vector<closeio::Outcome>& current) {
  std::set<std::string> named;
  for (const auto& want : desired) named.insert(want.name);
  return static_cast<std::size_t>(std::count_if(
      current.begin(), current.end(), [&](const auto& o) { return named.count(o.name) == 0; }));
}

std::vector<std::string> unmanaged_names(const std::vector<DesiredOutcome>& desired,
                                         const std::vector<closeio::Outcome>& current) {
  std::set<std::string> named;
  for (const auto& want : desired) named.insert(want.name);
  std::vector<std::string> out;
  for (const auto& outcome : current) {
    if (named.count(outcome.name) == 0) out.push_back(outcome.name);
  }
  return out;
}

std::string name_list(const std::vector<std::string>& names, std::size_t max_shown) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < max_shown; ++i) {
    if (i > 0) out += ", ";
    out += display_name(names[i]);
  }
  if (names.size() > max_shown) {
    out += " and " + std::to_string(names.size() - max_shown) + " more";
  }
  return out;
}

}  // namespace closeio_cli
