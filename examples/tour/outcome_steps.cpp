// The five outcome operations in the order a user meets them, each printed as a table.
#include "outcome_steps.hpp"

#include <algorithm>
#include <iostream>
#include <random>
#include <vector>

#include "table.hpp"

namespace tour {
namespace {

// A name no other outcome is likely to have, e.g. "closeio-cpp tour 3f9a".
std::string unique_name() {
  std::random_device random;
  const char* hex = "0123456789abcdef";
  std::string suffix;
  for (int i = 0; i < 4; ++i) suffix += hex[random() % 16];
  return "closeio-cpp tour " + suffix;
}

}  // namespace

closeio::Outcome show_outcomes(const closeio::OutcomesClient& outcomes, Steps& steps,
                               Cleanup& cleanup) {
  steps.begin("create", "create an outcome: POST /outcome/");
  closeio::OutcomeCreate create;
  create.name = unique_name();
  create.description = "Created by the closeio-cpp tour; deleted at its end.";
  const closeio::Outcome created = outcomes.create(create);
  cleanup.track_outcome(created.id);
  print_outcomes({created});
  std::cout << "    created " << created.id << '\n';

  steps.begin("fetch", "fetch it back: GET /outcome/" + created.id + "/");
  print_outcomes({outcomes.fetch(created.id)});

  steps.begin("update", "update its name and description: PUT /outcome/" + created.id + "/");
  closeio::OutcomeUpdate changes;
  changes.set_name(created.name + " (updated)")
      .set_description("Updated by the closeio-cpp tour; only the changed fields are sent.");
  const closeio::Outcome updated = outcomes.update(created.id, changes);
  print_outcomes({updated});

  closeio::ListOptions page;
  page.limit = 10;
  steps.begin("list", "list every outcome, " + std::to_string(page.limit) +
                          " per page: GET /outcome/?_limit=" + std::to_string(page.limit) +
                          "&_skip=...");
  closeio::OutcomeRange all = outcomes.list(page);
  std::vector<closeio::Outcome> listed;
  for (const closeio::Outcome& outcome : all) listed.push_back(outcome);  // page after page
  print_outcomes(listed, created.id);
  const bool found = std::any_of(listed.begin(), listed.end(),
                                 [&](const closeio::Outcome& o) { return o.id == created.id; });
  std::cout << "    " << listed.size() << " outcomes in " << all.pages_fetched()
            << (all.pages_fetched() == 1 ? " page" : " pages")
            << (found ? "; * marks the one this tour created\n"
                      : "; the one this tour created was not listed (the list changed?)\n");
  return updated;
}

void delete_outcome(const closeio::OutcomesClient& outcomes, const std::string& id, Steps& steps,
                    Cleanup& cleanup) {
  steps.begin("delete", "delete the outcome: DELETE /outcome/" + id + "/");
  outcomes.remove(id);
  cleanup.outcome_deleted();
  expect_gone(id, [&] { outcomes.fetch(id); });
}

}  // namespace tour
