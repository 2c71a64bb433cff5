#include "outcome_listing.hpp"

namespace closeio_cli {

std::size_t for_each_outcome(const closeio::OutcomesClient& client,
                             const std::vector<std::string>& fields, Progress& progress,
                             const std::function<void(const closeio::Outcome&)>& visit) {
  closeio::ListOptions options;
  options.fields = fields;
  progress.update("Fetching outcomes...");
  closeio::OutcomeRange range = client.list(options);
  std::size_t count = 0;
  for (const auto& it : range) {
    visit(it);
    // Often enough to look alive, rarely enough not to flood the terminal.
    if (++count % 50 == 0) progress.update("Fetching outcomes... " + std::to_string(count));
  }
  progress.clear();
  return count;
}

std::vector<closeio::Outcome> fetch_all_outcomes(const closeio::OutcomesClient& client,
                                                 const std::vector<std::string>& fields,
                                                 Progress& progress) {
  std::vector<closeio::Outcome> outcomes;
  for_each_outcome(client, fields, progress,
                   [&](const closeio::Outcome& outcome) { outcomes.push_back(outcome); });
  return outcomes;
}

}  // namespace closeio_cli
