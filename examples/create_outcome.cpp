// create_outcome: creates one outcome and prints what Close stored.
//
// Shows: OutcomeCreate (only the fields you set are sent), the 201 answer decoded into an
// Outcome, and the errors a create can raise.
//
//   CLOSE_API_KEY=... ./create_outcome NAME [DESCRIPTION] [--vm-dropped]
//   e.g. ./create_outcome "Demo Booked" "The prospect booked a product demo."
//
// Prints the new outcome's id on the first line, then its fields.
// Exit status: 0 on success, 1 on failure (one line on stderr), 2 on bad usage.
#include <closeio/closeio.hpp>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  closeio::OutcomeCreate outcome;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--vm-dropped") {
      outcome.type = closeio::OutcomeType::vm_dropped;  // left unset, the server uses custom
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.empty() || positional.size() > 2 || positional[0].empty()) {
    std::cerr << "usage: create_outcome NAME [DESCRIPTION] [--vm-dropped]\n";
    return 2;
  }
  outcome.name = positional[0];
  if (positional.size() == 2) outcome.description = positional[1];  // unset: not sent

  const closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (options.credentials.empty()) {
    std::cerr << "create_outcome: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN\n";
    return 2;
  }
  try {
    const closeio::OutcomesClient client(options);
    const closeio::Outcome created = client.create(outcome);

    std::cout << created.id << '\n'
              << "  name:        " << created.name << '\n'
              << "  description: " << created.description.value_or("(none)") << '\n'
              << "  type:        " << closeio::to_string(created.type) << '\n'
              << "  created:     " << closeio::format_timestamp(created.date_created) << '\n';
    return 0;
  } catch (const closeio::BadRequestError& e) {
    // Close refused the values; field_errors() says which field and why.
    std::cerr << "create_outcome: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    // Any other closeio::Error (401, 429 after retries, network, ...).
    std::cerr << "create_outcome: " << e.what() << '\n';
    return 1;
  }
}
