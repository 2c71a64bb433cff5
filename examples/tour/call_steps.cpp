// Setting an outcome is a PUT of {"outcome_id": ...} to the call; clearing it, of null. Close's
// call list has no outcome filter, so "the calls that carry it" are the lead's calls (filtered by
// lead_id on the server) whose outcome_id matches (kept here).
#include "call_steps.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "table.hpp"

namespace tour {
namespace {

std::string outcome_text(const std::optional<std::string>& outcome_id) {
  return outcome_id.value_or("(none)");
}

// Prints the call's outcome_id; throws unless it is `expected` (std::nullopt: none).
void check_outcome(const closeio::Call& call, const std::optional<std::string>& expected) {
  std::cout << "    outcome_id: " << outcome_text(call.outcome_id) << '\n';
  if (call.outcome_id != expected) {
    throw std::runtime_error("call " + call.id + " carries outcome_id " +
                             outcome_text(call.outcome_id) + ", expected " +
                             outcome_text(expected));
  }
}

}  // namespace

void put_outcome_on_a_call(const closeio::CallsClient& calls, const Lead& lead,
                           const closeio::Outcome& outcome, Steps& steps, Cleanup& cleanup) {
  steps.begin("log-call", "log a call on " + lead.id + ": POST /activity/call/");
  closeio::CallLog log;
  log.lead_id = lead.id;
  log.direction = closeio::CallDirection::outbound;
  log.status = closeio::CallStatus::completed;
  log.duration = std::chrono::seconds(60);
  log.note = "Logged by the closeio-cpp tour; deleted at its end.";
  const closeio::Call logged = calls.log(log);
  cleanup.track_call(logged.id);
  print_calls({logged});
  std::cout << "    logged " << logged.id << " on " << lead.id << '\n';
  const std::string path = "/activity/call/" + logged.id + "/";

  steps.begin("set-outcome", "put the tour's outcome on it: PUT " + path + R"( {"outcome_id": ")" +
                                 outcome.id + "\"}");
  print_calls({calls.set_outcome(logged.id, outcome.id)});

  steps.begin("fetch-call", "fetch it back: GET " + path);
  const closeio::Call fetched = calls.fetch(logged.id);
  print_calls({fetched});
  check_outcome(fetched, outcome.id);

  closeio::ActivityFilter of_lead;
  of_lead.lead_id = lead.id;
  steps.begin("list-calls", "list the calls that carry it: GET /activity/call/?lead_id=" + lead.id +
                                ", keeping those with outcome_id " + outcome.id);
  std::cout << "    (Close filters calls by lead, user, contact and date, not by outcome)\n";
  std::vector<closeio::Call> carrying;
  std::size_t listed = 0;
  for (const closeio::Call& call : calls.list(of_lead)) {  // page after page
    ++listed;
    if (call.outcome_id == outcome.id) carrying.push_back(call);
  }
  print_calls(carrying, logged.id);
  const bool found = std::any_of(carrying.begin(), carrying.end(),
                                 [&](const closeio::Call& c) { return c.id == logged.id; });
  std::cout << "    " << carrying.size() << " of the lead's " << listed << " calls carry "
            << outcome.id
            << (found ? "; * marks the one this tour logged\n"
                      : "; the one this tour logged was not listed (the list changed?)\n");

  steps.begin("clear-outcome", "clear the outcome: PUT " + path + R"( {"outcome_id": null})");
  const closeio::Call cleared = calls.clear_outcome(logged.id);
  print_calls({cleared});
  check_outcome(cleared, std::nullopt);

  steps.begin("delete-call", "delete the call: DELETE " + path);
  calls.remove(logged.id);
  cleanup.call_deleted();
  expect_gone(logged.id, [&] { calls.fetch(logged.id); });
}

}  // namespace tour
