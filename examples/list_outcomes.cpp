// list_outcomes: prints every outcome of the organisation, one per line.
//
// Shows: the lazy list range, which fetches page after page (`_limit` per page) only as the
// loop reaches it, and asking for only the fields you need (`_fields`).
//
//   CLOSE_API_KEY=... ./list_outcomes
//   CLOSE_API_KEY=test-api-key CLOSE_API_BASE_URL=http://127.0.0.1:PORT/api/v1/ ./list_outcomes
//
// Output: "<id>  <type>  <name>" per outcome, then "<n> outcomes in <p> pages".
// Exit status: 0 on success, 1 on failure (one line on stderr), 2 without credentials.
#include <closeio/closeio.hpp>
#include <cstddef>
#include <iostream>

int main() {
  const closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (options.credentials.empty()) {
    std::cerr << "list_outcomes: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN\n";
    return 2;
  }
  try {
    const closeio::OutcomesClient client(options);

    closeio::ListOptions list;
    list.limit = 100;                      // items per request (Close's default)
    list.fields = {"id", "name", "type"};  // the rest stay at their defaults
    closeio::OutcomeRange outcomes = client.list(list);

    std::size_t count = 0;
    for (const closeio::Outcome& outcome : outcomes) {  // may throw any closeio::Error
      std::cout << outcome.id << "  " << closeio::to_string(outcome.type) << "  " << outcome.name
                << '\n';
      ++count;
    }
    const int pages = outcomes.pages_fetched();
    std::cout << count << " outcomes in " << pages << (pages == 1 ? " page\n" : " pages\n");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "list_outcomes: " << e.what() << '\n';
    return 1;
  }
}
