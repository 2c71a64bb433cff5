// tour: the whole Outcomes API in one run, and what outcomes are for. It creates an outcome,
// fetches, updates and lists it; logs a call on a lead, puts the outcome on it, fetches the call
// back, lists the calls that carry the outcome, clears it and deletes the call; then deletes the
// outcome. Each step is printed, with the outcomes or calls it saw as an aligned table.
//
// Shows: building clients from the environment, OutcomeCreate and OutcomeUpdate, the lazy list
// ranges that fetch page after page, CallLog, set_outcome and clear_outcome, NotFoundError after
// a delete, and cleaning up what the program created (the call, then the outcome) even when a
// step fails.
//
//   CLOSE_API_KEY=... ./tour                 # against Close (or CLOSE_ACCESS_TOKEN=...)
//   CLOSE_API_KEY=test-api-key CLOSE_API_BASE_URL=http://127.0.0.1:PORT/api/v1/ ./tour
//                                            # against closeio-fake-server
//
// The call is logged on CLOSE_TOUR_LEAD_ID ("lead_..."), else on the lead of the first call
// GET /activity/call/?_limit=1 lists (the tour says which); with no call to take one from, it
// stops before creating anything and asks for CLOSE_TOUR_LEAD_ID.
//
// Exit status: 0 when every step succeeded, 1 when one failed (one line on stderr), 2 when no
// credentials are set or CLOSE_TOUR_LEAD_ID is not a lead id.
#include <closeio/closeio.hpp>
#include <exception>
#include <iostream>
#include <optional>
#include <string>

#include "call_steps.hpp"
#include "cleanup.hpp"
#include "lead.hpp"
#include "outcome_steps.hpp"
#include "steps.hpp"

int main() {
  const closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (options.credentials.empty()) {
    std::cerr << "tour: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN (and CLOSE_API_BASE_URL for "
                 "closeio-fake-server)\n";
    return 2;
  }
  std::optional<std::string> lead_id;
  try {
    lead_id = tour::lead_from_environment();
  } catch (const tour::BadLeadId& e) {
    std::cerr << "tour: " << e.what() << '\n';
    return 2;
  }
  const bool api_key = options.credentials.kind() == closeio::Credentials::Kind::api_key;
  std::cout << "closeio-cpp " << closeio::version() << " tour of outcomes, on their own and on a "
            << "call, at " << options.base_url << " ("
            << (api_key ? "API key" : "OAuth access token") << ")\n";

  tour::Steps steps(11);
  try {
    const closeio::Session session(options);
    const closeio::OutcomesClient outcomes(session);
    const closeio::CallsClient calls(session);

    steps.quietly("choose-lead");
    const tour::Lead lead = tour::choose_lead(calls, lead_id);
    std::cout << "lead: " << lead.id << " (" << lead.source << ")\n";

    tour::Cleanup cleanup(outcomes, calls);
    const closeio::Outcome outcome = tour::show_outcomes(outcomes, steps, cleanup);
    tour::put_outcome_on_a_call(calls, lead, outcome, steps, cleanup);
    tour::delete_outcome(outcomes, outcome.id, steps, cleanup);
  } catch (const std::exception& e) {
    std::cerr << "tour: " << steps.name() << " failed: " << e.what() << '\n';
    return 1;
  }
  std::cout << "\ntour complete: every step succeeded\n";
  return 0;
}
