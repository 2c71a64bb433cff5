#include "internal/rest_outcomes_connection.hpp"

#include <stdexcept>
#include <utility>

#include "closeio/errors.hpp"
#include "internal/argument_checks.hpp"
#include "internal/rest_resource.hpp"
#include "internal/session_access.hpp"
#include "internal/unimplemented.hpp"

namespace closeio::internal {
namespace {
constexpr std::string_view kCollection = "outcome/";
}  // namespace

std::string outcome_path(const std::string& id) { return item_path(kCollection, id, "outcome id"); }

RestOutcomesConnection::RestOutcomesConnection(std::shared_ptr<RestCaller> caller)
    : caller_(std::move(caller)) {}

Page<Outcome> RestOutcomesConnection::list_page(const ListOptions& options,
                                                const CallOptions& call) {
  require_valid_list_options(options);
  return list_items<Outcome>(*caller_, kCollection, {}, options, call);
}

Outcome RestOutcomesConnection::create(const OutcomeCreate& outcome, const CallOptions& call) {
  return write_item<Outcome>(*caller_, "POST", std::string(kCollection), encode_create(outcome),
                             call);
}

Outcome RestOutcomesConnection::fetch(const std::string& id, const std::vector<std::string>& fields,
                                      const CallOptions& call) {
  return fetch_item<Outcome>(*caller_, outcome_path(id), fields, call);
}

Outcome RestOutcomesConnection::update(const std::string& id, const OutcomeUpdate& changes,
                                       const CallOptions& call) {
  std::string path = outcome_path(id);
  return write_item<Outcome>(*caller_, "PUT", std::move(path), encode_update(changes), call);
}

void RestOutcomesConnection::remove(const std::string& id, const CallOptions& call) {
  caller_->send_and_decode(RestRequest{"DELETE", outcome_path(id), "", std::nullopt}, call,
                           [](const std::string& body) { check_delete_body(body); });
}

std::optional<RateLimitInfo> RestOutcomesConnection::rate_limit() const {
  return caller_->rate_limit();
}

}  // namespace closeio::internal

namespace closeio {

OutcomesConnection::~OutcomesConnection() = default;

namespace {
constexpr const char* kConnection = "OutcomesConnection";
}  // namespace

Page<Outcome> OutcomesConnection::list_page(const ListOptions& /*unused*/,
                                            const CallOptions& /*unused*/) {
  internal::throw_unimplemented(kConnection, "list_page()");
}
Outcome OutcomesConnection::create(const OutcomeCreate& /*unused*/, const CallOptions& /*unused*/) {
  internal::throw_unimplemented(kConnection, "create()");
}
Outcome OutcomesConnection::fetch(const std::string& /*unused*/,
                                  const std::vector<std::string>& /*unused*/,
                                  const CallOptions& /*unused*/) {
  internal::throw_unimplemented(kConnection, "fetch()");
}
Outcome OutcomesConnection::update(const std::string& /*unused*/, const OutcomeUpdate& /*unused*/,
                                   const CallOptions& /*unused*/) {
  internal::throw_unimplemented(kConnection, "update()");
}
void OutcomesConnection::remove(const std::string& /*unused*/, const CallOptions& /*unused*/) {
  internal::throw_unimplemented(kConnection, "remove()");
}
std::optional<RateLimitInfo> OutcomesConnection::rate_limit() const { return std::nullopt; }

std::shared_ptr<OutcomesConnection> make_outcomes_connection(ClientOptions options) {
  return make_outcomes_connection(Session(std::move(options)));
}

std::shared_ptr<OutcomesConnection> make_outcomes_connection(const Session& session) {
  return std::make_shared<internal::RestOutcomesConnection>(internal::SessionAccess::core(session));
}

}  // namespace closeio
