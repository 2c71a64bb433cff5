#include "closeio/outcomes_client.hpp"

#include <stdexcept>
#include <utility>

#include "internal/argument_checks.hpp"
#include "internal/async_bridge.hpp"

namespace closeio {

using internal::require_id;
using internal::require_sendable_type;
using internal::require_valid_list_options;

OutcomesClient::OutcomesClient(ClientOptions options)
    : connection_(make_outcomes_connection(std::move(options))) {}

OutcomesClient::OutcomesClient(const Session& session)
    : connection_(make_outcomes_connection(session)) {}

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
  return {[connection = connection_, call = call_](const ListOptions& page) {
            return connection->list_page(page, call);
          },
          std::move(options), call_.cancellation};
}

Outcome OutcomesClient::create(const OutcomeCreate& outcome) const {
  if (outcome.name.empty()) throw std::invalid_argument("closeio: OutcomeCreate::name is empty");
  require_sendable_type(outcome.type);
  return connection_->create(outcome, call_);
}

Outcome OutcomesClient::fetch(const std::string& id, const std::vector<std::string>& fields) const {
  require_id(id);
  return connection_->fetch(id, fields, call_);
}

Outcome OutcomesClient::update(const std::string& id, const OutcomeUpdate& changes) const {
  require_id(id);
  require_sendable_type(changes.type());
  return connection_->update(id, changes, call_);
}

void OutcomesClient::remove(const std::string& id) const {
  require_id(id);
  connection_->remove(id, call_);
}

std::future<Page<Outcome>> OutcomesClient::list_page_async(const ListOptions& options) const {
  require_valid_list_options(options);
  return internal::future_from<Page<Outcome>>(
      [&](std::function<void(AsyncResult<Page<Outcome>>)> done) {
        connection_->list_page_async(options, call_, std::move(done));
      });
}

void OutcomesClient::list_page_async(const ListOptions& options,
                                     std::function<void(AsyncResult<Page<Outcome>>)> done) const {
  require_valid_list_options(options);
  connection_->list_page_async(options, call_, internal::guard_callback(std::move(done)));
}

std::future<Outcome> OutcomesClient::create_async(const OutcomeCreate& outcome) const {
  if (outcome.name.empty()) throw std::invalid_argument("closeio: OutcomeCreate::name is empty");
  require_sendable_type(outcome.type);
  return internal::future_from<Outcome>([&](std::function<void(AsyncResult<Outcome>)> done) {
    connection_->create_async(outcome, call_, std::move(done));
  });
}

void OutcomesClient::create_async(const OutcomeCreate& outcome,
                                  std::function<void(AsyncResult<Outcome>)> done) const {
  if (outcome.name.empty()) throw std::invalid_argument("closeio: OutcomeCreate::name is empty");
  require_sendable_type(outcome.type);
  connection_->create_async(outcome, call_, internal::guard_callback(std::move(done)));
}

std::future<Outcome> OutcomesClient::fetch_async(const std::string& id,
                                                 const std::vector<std::string>& fields) const {
  require_id(id);
  return internal::future_from<Outcome>([&](std::function<void(AsyncResult<Outcome>)> done) {
    connection_->fetch_async(id, fields, call_, std::move(done));
  });
}

void OutcomesClient::fetch_async(const std::string& id, const std::vector<std::string>& fields,
                                 std::function<void(AsyncResult<Outcome>)> done) const {
  require_id(id);
  connection_->fetch_async(id, fields, call_, internal::guard_callback(std::move(done)));
}

std::future<Outcome> OutcomesClient::update_async(const std::string& id,
                                                  const OutcomeUpdate& changes) const {
  require_id(id);
  require_sendable_type(changes.type());
  return internal::future_from<Outcome>([&](std::function<void(AsyncResult<Outcome>)> done) {
    connection_->update_async(id, changes, call_, std::move(done));
  });
}

void OutcomesClient::update_async(const std::string& id, const OutcomeUpdate& changes,
                                  std::function<void(AsyncResult<Outcome>)> done) const {
  require_id(id);
  require_sendable_type(changes.type());
  connection_->update_async(id, changes, call_, internal::guard_callback(std::move(done)));
}

std::future<void> OutcomesClient::remove_async(const std::string& id) const {
  require_id(id);
  return internal::future_from<void>([&](std::function<void(AsyncResult<void>)> done) {
    connection_->remove_async(id, call_, std::move(done));
  });
}

void OutcomesClient::remove_async(const std::string& id,
                                  std::function<void(AsyncResult<void>)> done) const {
  require_id(id);
  connection_->remove_async(id, call_, internal::guard_callback(std::move(done)));
}

std::optional<RateLimitInfo> OutcomesClient::rate_limit() const {
  return connection_->rate_limit();
}

}  // namespace closeio
