// delete_outcome: deletes one outcome by id.
//
// Shows: OutcomesClient::remove() (DELETE /outcome/{id}/; Close answers 200 "{}" or 204) and
// telling "already gone" apart from other failures. Calls and meetings that already use the
// outcome keep pointing at it; it can no longer be set on new ones nor fetched.
//
//   CLOSE_API_KEY=... ./delete_outcome ID
//
// Exit status: 0 when deleted, 1 on failure (one line on stderr), 2 on bad usage.
#include <closeio/closeio.hpp>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: delete_outcome ID\n";
    return 2;
  }
  const std::string id = argv[1];
  const closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (options.credentials.empty()) {
    std::cerr << "delete_outcome: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN\n";
    return 2;
  }
  try {
    const closeio::OutcomesClient client(options);
    client.remove(id);
    std::cout << "deleted " << id << '\n';
    return 0;
  } catch (const closeio::NotFoundError& e) {
    // No such outcome: a typo, or it was deleted already. Exit non-zero here; a script that
    // only wants it gone could treat this as success.
    std::cerr << "delete_outcome: no outcome " << id << " (HTTP " << e.status() << ")\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "delete_outcome: " << e.what() << '\n';
    return 1;
  }
}
