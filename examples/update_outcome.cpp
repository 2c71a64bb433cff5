// update_outcome: renames an outcome and sets or clears its description.
//
// Shows: OutcomeUpdate, which sends only the fields you set (Close treats PUT as a patch), and
// clear_description(), which sends "description": null.
//
//   CLOSE_API_KEY=... ./update_outcome ID NEW_NAME [NEW_DESCRIPTION]
//   An empty NEW_DESCRIPTION ("") clears the description; leaving it out keeps it unchanged.
//
// Exit status: 0 on success, 1 on failure (one line on stderr; e.g. HTTP 404 for an unknown
// id), 2 on bad usage.
#include <closeio/closeio.hpp>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: update_outcome ID NEW_NAME [NEW_DESCRIPTION]\n";
    return 2;
  }
  const std::string id = argv[1];
  closeio::OutcomeUpdate changes;
  changes.set_name(argv[2]);
  if (argc == 4) {
    const std::string description = argv[3];
    if (description.empty()) {
      changes.clear_description();
    } else {
      changes.set_description(description);
    }
  }

  const closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (options.credentials.empty()) {
    std::cerr << "update_outcome: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN\n";
    return 2;
  }
  try {
    const closeio::OutcomesClient client(options);
    const closeio::Outcome updated = client.update(id, changes);

    std::cout << updated.id << '\n'
              << "  name:        " << updated.name << '\n'
              << "  description: " << updated.description.value_or("(none)") << '\n'
              << "  type:        " << closeio::to_string(updated.type) << '\n'
              << "  updated:     " << closeio::format_timestamp(updated.date_updated) << '\n';
    return 0;
  } catch (const std::exception& e) {
    // closeio::NotFoundError for an unknown id, BadRequestError for a refused value, ...
    std::cerr << "update_outcome: " << e.what() << '\n';
    return 1;
  }
}
