#include "internal/rest_outcomes_connection.hpp"

#include <stdexcept>
#include <utility>

#include "closeio/errors.hpp"
#include "internal/argument_checks.hpp"
#include "internal/async_bridge.hpp"
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

void RestOutcomesConnection::list_page_async(const ListOptions& options, const CallOptions& call,
                                             std::function<void(AsyncResult<Page<Outcome>>)> done) {
  run_plan_async<Page<Outcome>>(
      *caller_,
      [&] {
        require_valid_list_options(options);
        return list_plan<Outcome>(kCollection, {}, options);
      },
      call, std::move(done));
}

void RestOutcomesConnection::create_async(const OutcomeCreate& outcome, const CallOptions& call,
                                          std::function<void(AsyncResult<Outcome>)> done) {
  run_plan_async<Outcome>(
      *caller_,
      [&] { return write_plan<Outcome>("POST", std::string(kCollection), encode_create(outcome)); },
      call, std::move(done));
}

void RestOutcomesConnection::fetch_async(const std::string& id,
                                         const std::vector<std::string>& fields,
                                         const CallOptions& call,
                                         std::function<void(AsyncResult<Outcome>)> done) {
  run_plan_async<Outcome>(
      *caller_, [&] { return fetch_plan<Outcome>(outcome_path(id), fields); }, call,
      std::move(done));
}

void RestOutcomesConnection::update_async(const std::string& id, const OutcomeUpdate& changes,
                                          const CallOptions& call,
                                          std::function<void(AsyncResult<Outcome>)> done) {
  run_plan_async<Outcome>(
      *caller_,
      [&] { return write_plan<Outcome>("PUT", outcome_path(id), encode_update(changes)); }, call,
      std::move(done));
}

void RestOutcomesConnection::remove_async(const std::string& id, const CallOptions& call,
                                          std::function<void(AsyncResult<void>)> done) {
  run_plan_async<void>(
      *caller_,
      [&] {
        return RestPlan<void>{RestRequest{"DELETE", outcome_path(id), "", std::nullopt},
                              [](const std::string& body) { check_delete_body(body); }};
      },
      call, std::move(done));
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
void OutcomesConnection::list_page_async(const ListOptions& options, const CallOptions& call,
                                         std::function<void(AsyncResult<Page<Outcome>>)> done) {
  internal::complete_now<Page<Outcome>>(std::move(done),
                                        [&] { return this->list_page(options, call); });
}
void OutcomesConnection::create_async(const OutcomeCreate& outcome, const CallOptions& call,
                                      std::function<void(AsyncResult<Outcome>)> done) {
  internal::complete_now<Outcome>(std::move(done), [&] { return this->create(outcome, call); });
}
void OutcomesConnection::fetch_async(const std::string& id, const std::vector<std::string>& fields,
                                     const CallOptions& call,
                                     std::function<void(AsyncResult<Outcome>)> done) {
  internal::complete_now<Outcome>(std::move(done), [&] { return this->fetch(id, fields, call); });
}
void OutcomesConnection::update_async(const std::string& id, const OutcomeUpdate& changes,
                                      const CallOptions& call,
                                      std::function<void(AsyncResult<Outcome>)> done) {
  internal::complete_now<Outcome>(std::move(done), [&] { return this->update(id, changes, call); });
}
void OutcomesConnection::remove_async(const std::string& id, const CallOptions& call,
                                      std::function<void(AsyncResult<void>)> done) {
  internal::complete_now<void>(std::move(done), [&] { return this->remove(id, call); });
}
std::optional<RateLimitInfo> OutcomesConnection::rate_limit() const { return std::nullopt; }

std::shared_ptr<OutcomesConnection> make_outcomes_connection(ClientOptions options) {
  return make_outcomes_connection(Session(std::move(options)));
}

std::shared_ptr<OutcomesConnection> make_outcomes_connection(const Session& session) {
  return std::make_shared<internal::RestOutcomesConnection>(internal::SessionAccess::core(session));
}

}  // namespace closeio
