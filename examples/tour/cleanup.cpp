// Best effort: each delete is tried once more by the SDK where that is safe; what still fails is
// reported on stderr with the id, for deleting by hand.
#include "cleanup.hpp"

#include <exception>
#include <iostream>

namespace tour {
namespace {

template <class Delete>
void delete_quietly(const std::string& what, const std::string& id, Delete remove) {
  if (id.empty()) return;
  try {
    remove(id);
    std::cout << "\ncleanup: deleted " << what << id << ", which this tour created\n";
  } catch (const closeio::NotFoundError&) {
    // Already gone.
  } catch (const std::exception& e) {
    std::cerr << "tour: could not delete " << what << id << " (delete it by hand): " << e.what()
              << '\n';
  }
}

}  // namespace

Cleanup::~Cleanup() {
  delete_quietly("call ", call_id_, [this](const std::string& id) { calls_.remove(id); });
  delete_quietly("", outcome_id_, [this](const std::string& id) { outcomes_.remove(id); });
}

}  // namespace tour
