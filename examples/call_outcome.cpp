// call_outcome: when a call ends, put the outcome the agent picked (by name) on it.
//
// Shows: the shape of an event handler for a dialer or telephony bridge. Each CallEnded event
// names the call and the outcome as people know it ("Demo Booked"); the handler turns the name
// into an id through a small cache (one list() walk, walked again only when a name is missing,
// e.g. an outcome created since) and calls CallsClient::set_outcome(). OutcomesClient and
// CallsClient share one closeio::Session: one connection pool and one rate-limit state, as
// Close counts its limits per API key.
//
//   CLOSE_API_KEY=... ./call_outcome CALL_ID OUTCOME_NAME [CALL_ID OUTCOME_NAME]...
//   Each pair is one "call ended" event, handled in order.
//
// Exit status: 0 when every event was handled (an outcome name nobody has is reported and the
// call left as it was: a handler should not stop on it), 1 when Close refused or failed a
// request (one line on stderr), 2 on bad usage.
#include <closeio/closeio.hpp>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

// What the telephony side tells us when a call is over.
struct CallEnded {
  std::string call_id;       // "acti_..." of the call in Close
  std::string outcome_name;  // exact outcome name, as shown in Close
};

// Outcome name -> id. Names are not unique in Close; the first one listed wins here, and a
// real integration would better store ids once they are known.
class OutcomeCache {
 public:
  explicit OutcomeCache(closeio::OutcomesClient client) : client_(std::move(client)) {}

  // The id of the outcome named `name`, reloading the list once when the name is not cached.
  std::optional<std::string> find(const std::string& name) {
    if (auto hit = lookup(name)) {
      std::cout << "  \"" << name << "\" from the cache\n";
      return hit;
    }
    reload();
    auto fresh = lookup(name);
    if (fresh) std::cout << "  \"" << name << "\" from a fresh list\n";
    return fresh;
  }

 private:
  std::optional<std::string> lookup(const std::string& name) const {
    const auto it = ids_.find(name);
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }

  void reload() {
    ids_.clear();
    closeio::ListOptions only_names;
    only_names.fields = {"id", "name"};  // smaller pages: the cache needs nothing else
    for (const closeio::Outcome& outcome : client_.list(only_names)) {
      ids_.emplace(outcome.name, outcome.id);  // emplace keeps the first of equal names
    }
    std::cout << "  (listed " << ids_.size() << " outcome names)\n";
  }

  closeio::OutcomesClient client_;
  std::map<std::string, std::string> ids_;
};

// Handles one event. Returns false when the name matched no outcome (the call is left as is).
bool on_call_ended(const CallEnded& event, OutcomeCache& outcomes,
                   const closeio::CallsClient& calls) {
  std::cout << "call " << event.call_id << " ended with \"" << event.outcome_name << "\"\n";
  const std::optional<std::string> outcome_id = outcomes.find(event.outcome_name);
  if (!outcome_id) {
    std::cout << "  no outcome is named \"" << event.outcome_name << "\", call left unchanged\n";
    return false;
  }
  // A PUT of outcome_id alone: safe to retry, and it changes nothing else on the call.
  const closeio::Call call = calls.set_outcome(event.call_id, *outcome_id);
  std::cout << "  set " << call.outcome_id.value_or("(none)") << " on " << call.id << '\n';
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc % 2 == 0) {
    std::cerr << "usage: call_outcome CALL_ID OUTCOME_NAME [CALL_ID OUTCOME_NAME]...\n";
    return 2;
  }
  std::vector<CallEnded> events;
  for (int i = 1; i + 1 < argc; i += 2) events.push_back({argv[i], argv[i + 1]});

  const closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (options.credentials.empty()) {
    std::cerr << "call_outcome: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN\n";
    return 2;
  }
  try {
    const closeio::Session session(options);
    OutcomeCache outcomes{closeio::OutcomesClient(session)};
    const closeio::CallsClient calls(session);

    int unmatched = 0;
    for (const CallEnded& event : events) {
      if (!on_call_ended(event, outcomes, calls)) ++unmatched;
    }
    std::cout << events.size() << " events, " << unmatched << " without a matching outcome\n";
    return 0;
  } catch (const closeio::BadRequestError& e) {
    // e.g. a deleted outcome, or a call made through Close's VoIP that cannot be changed:
    // field_errors() names the field.
    std::cerr << "call_outcome: refused: " << e.what() << '\n';
    for (const auto& [field, message] : e.field_errors()) {
      std::cerr << "  " << field << ": " << message << '\n';
    }
    return 1;
  } catch (const std::exception& e) {
    // closeio::NotFoundError for an unknown call id, TransportError, ...
    std::cerr << "call_outcome: " << e.what() << '\n';
    return 1;
  }
}
