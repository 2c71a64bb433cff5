#include "closeio/outcomes_client.hpp"

#include <stdexcept>
#include <utility>

namespace closeio {
namespace {

// Checks that need no server, made here so that a mocked connection sees the same contract.
void require_id(const std::string& id) {
  if (id.empty()) throw std::invalid_argument("closeio: the outcome id is empty");
}

void require_known_type(const std::optional<OutcomeType>& type) {
  if (type == OutcomeType::unknown) {
    throw std::invalid_argument("closeio: OutcomeType::unknown cannot be sent to the server");
  }
}

void require_valid_list_options(const ListOptions& options) {
  if (options.limit < 1) throw std::invalid_argument("closeio: ListOptions::limit must be >= 1");
  if (options.skip < 0) throw std::invalid_argument("closeio: ListOptions::skip must be >= 0");
}

}  // namespace

OutcomesClient::OutcomesClient(ClientOptions options)
    : connection_(make_outcomes_connection(std::move(options))) {}

OutcomesClient::OutcomesClient(std::shared_ptr<OutcomesConnection> connection)
    : connection_(std::move(connection)) {
  if (!connection_) throw std::invalid_argument("closeio: OutcomesClient needs a connection");
}

OutcomesClient OutcomesClient::with_call_options(CallOptions call) const {
  OutcomesClient copy(*this);
  copy.call_ = std::move(call);
  return copy;
}

Page<Outcome> OutcomesClient::list_page(const ListOptions& options) const {
  require_valid_list_options(options);
  return connection_->list_page(options, call_);
}

OutcomeRange OutcomesClient::list(ListOptions options) const {
  require_valid_list_options(options);
  return OutcomeRange(connection_, std::move(options), call_);
}

Outcome OutcomesClient::create(const OutcomeCreate& outcome) const {
  if (outcome.name.empty()) throw std::invalid_argument("closeio: OutcomeCreate::name is empty");
  require_known_type(outcome.type);
  return connection_->create(outcome, call_);
}

Outcome OutcomesClient::fetch(const std::string& id, const std::vector<std::string>& fields) const {
  require_id(id);
  return connection_->fetch(id, fields, call_);
}

Outcome OutcomesClient::update(const std::string& id, const OutcomeUpdate& changes) const {
  require_id(id);
  require_known_type(changes.type());
  return connection_->update(id, changes, call_);
}

void OutcomesClient::remove(const std::string& id) const {
  require_id(id);
  connection_->remove(id, call_);
}

std::optional<RateLimitInfo> OutcomesClient::rate_limit() const {
  return connection_->rate_limit();
}

}  // namespace closeio
