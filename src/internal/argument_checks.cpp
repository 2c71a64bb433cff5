#include "internal/argument_checks.hpp"

#include <stdexcept>

namespace closeio::internal {

void require_id(const std::string& id, std::string_view what) {
  if (id.empty()) throw std::invalid_argument("closeio: the " + std::string(what) + " is empty");
  // "." and ".." are dot-segments: percent-encoding cannot make them safe, because servers and
  // proxies disagree on whether "%2E" is a dot, and one that resolves it addresses another path.
  if (id == "." || id == "..") {
    throw std::invalid_argument("closeio: \"" + id + "\" is not a valid " + std::string(what));
  }
}

void require_sendable_type(const std::optional<OutcomeType>& type) {
  if (type == OutcomeType::unknown) {
    throw std::invalid_argument("closeio: OutcomeType::unknown cannot be sent to the server");
  }
}

void require_valid_list_options(const ListOptions& options) {
  if (options.limit < 1) throw std::invalid_argument("closeio: ListOptions::limit must be >= 1");
  if (options.skip < 0) throw std::invalid_argument("closeio: ListOptions::skip must be >= 0");
}

void require_valid_filter(const ActivityFilter& filter) {
  if (!filter.lead_id.empty()) require_id(filter.lead_id, "lead id");
  if (!filter.user_id.empty()) require_id(filter.user_id, "user id");
}

}  // namespace closeio::internal
