#include "closeio/calls_client.hpp"

#include <stdexcept>
#include <utility>

#include "internal/activity_walk.hpp"
#include "internal/argument_checks.hpp"
#include "internal/async_bridge.hpp"
#include "internal/sliced_walk.hpp"

namespace closeio {

using internal::require_id;

CallsClient::CallsClient(ClientOptions options)
    : connection_(make_calls_connection(std::move(options))) {}

CallsClient::CallsClient(const Session& session) : connection_(make_calls_connection(session)) {}

CallsClient::CallsClient(std::shared_ptr<CallsConnection> connection)
    : connection_(std::move(connection)) {
  if (!connection_) throw std::invalid_argument("closeio: CallsClient needs a connection");
}

CallsClient CallsClient::with_call_options(CallOptions call) const {
  CallsClient copy(*this);
  copy.call_ = std::move(call);
  return copy;
}

Page<Call> CallsClient::list_page(const ActivityFilter& filter, const ListOptions& options) const {
  internal::require_valid_list_options(options);
  internal::require_valid_filter(filter);
  return connection_->list_page(filter, options, call_);
}

CallRange CallsClient::list(ActivityFilter filter, ListOptions options) const {
  internal::require_valid_list_options(options);
  internal::require_valid_filter(filter);
  auto loader =
      internal::activity_walk_loader<Call>(connection_, call_, std::move(filter), options);
  return {std::move(loader), std::move(options), call_.cancellation};
}

void CallsClient::list_sliced(const ActivityFilter& filter, const SlicedListOptions& options,
                              const std::function<void(std::vector<Call>)>& on_rows) const {
  internal::require_valid_filter(filter);
  internal::require_valid_list_options(ListOptions{options.limit, 0, options.fields});
  internal::run_sliced_walk<Call>(
      filter, options,
      [this](const ActivityFilter& page_filter, const ListOptions& page_options,
             std::function<void(AsyncResult<Page<Call>>)> done) {
        connection_->list_page_async(page_filter, page_options, call_, std::move(done));
      },
      on_rows, call_.cancellation);
}

Call CallsClient::fetch(const std::string& id, const std::vector<std::string>& fields) const {
  require_id(id, "call id");
  return connection_->fetch(id, fields, call_);
}

Call CallsClient::log(const CallLog& log) const { return connection_->log(log, call_); }

Call CallsClient::set_outcome(const std::string& call_id, const std::string& outcome_id) const {
  require_id(call_id, "call id");
  require_id(outcome_id, "outcome id");
  return connection_->set_outcome(call_id, outcome_id, call_);
}

Call CallsClient::clear_outcome(const std::string& call_id) const {
  require_id(call_id, "call id");
  return connection_->clear_outcome(call_id, call_);
}

void CallsClient::remove(const std::string& call_id) const {
  require_id(call_id, "call id");
  connection_->remove(call_id, call_);
}

std::future<Page<Call>> CallsClient::list_page_async(const ActivityFilter& filter,
                                                     const ListOptions& options) const {
  internal::require_valid_list_options(options);
  internal::require_valid_filter(filter);
  return internal::future_from<Page<Call>>([&](std::function<void(AsyncResult<Page<Call>>)> done) {
    connection_->list_page_async(filter, options, call_, std::move(done));
  });
}

void CallsClient::list_page_async(const ActivityFilter& filter, const ListOptions& options,
                                  std::function<void(AsyncResult<Page<Call>>)> done) const {
  internal::require_valid_list_options(options);
  internal::require_valid_filter(filter);
  connection_->list_page_async(filter, options, call_, internal::guard_callback(std::move(done)));
}

std::future<Call> CallsClient::fetch_async(const std::string& id,
                                           const std::vector<std::string>& fields) const {
  require_id(id, "call id");
  return internal::future_from<Call>([&](std::function<void(AsyncResult<Call>)> done) {
    connection_->fetch_async(id, fields, call_, std::move(done));
  });
}

void CallsClient::fetch_async(const std::string& id, const std::vector<std::string>& fields,
                              std::function<void(AsyncResult<Call>)> done) const {
  require_id(id, "call id");
  connection_->fetch_async(id, fields, call_, internal::guard_callback(std::move(done)));
}

std::future<Call> CallsClient::log_async(const CallLog& log) const {
  return internal::future_from<Call>([&](std::function<void(AsyncResult<Call>)> done) {
    connection_->log_async(log, call_, std::move(done));
  });
}

void CallsClient::log_async(const CallLog& log, std::function<void(AsyncResult<Call>)> done) const {
  connection_->log_async(log, call_, internal::guard_callback(std::move(done)));
}

std::future<Call> CallsClient::set_outcome_async(const std::string& call_id,
                                                 const std::string& outcome_id) const {
  require_id(call_id, "call id");
  require_id(outcome_id, "outcome id");
  return internal::future_from<Call>([&](std::function<void(AsyncResult<Call>)> done) {
    connection_->set_outcome_async(call_id, outcome_id, call_, std::move(done));
  });
}

void CallsClient::set_outcome_async(const std::string& call_id, const std::string& outcome_id,
                                    std::function<void(AsyncResult<Call>)> done) const {
  require_id(call_id, "call id");
  require_id(outcome_id, "outcome id");
  connection_->set_outcome_async(call_id, outcome_id, call_,
                                 internal::guard_callback(std::move(done)));
}

std::future<Call> CallsClient::clear_outcome_async(const std::string& call_id) const {
  require_id(call_id, "call id");
  return internal::future_from<Call>([&](std::function<void(AsyncResult<Call>)> done) {
    connection_->clear_outcome_async(call_id, call_, std::move(done));
  });
}

void CallsClient::clear_outcome_async(const std::string& call_id,
                                      std::function<void(AsyncResult<Call>)> done) const {
  require_id(call_id, "call id");
  connection_->clear_outcome_async(call_id, call_, internal::guard_callback(std::move(done)));
}

std::future<void> CallsClient::remove_async(const std::string& call_id) const {
  require_id(call_id, "call id");
  return internal::future_from<void>([&](std::function<void(AsyncResult<void>)> done) {
    connection_->remove_async(call_id, call_, std::move(done));
  });
}

void CallsClient::remove_async(const std::string& call_id,
                               std::function<void(AsyncResult<void>)> done) const {
  require_id(call_id, "call id");
  connection_->remove_async(call_id, call_, internal::guard_callback(std::move(done)));
}

std::optional<RateLimitInfo> CallsClient::rate_limit() const { return connection_->rate_limit(); }

}  // namespace closeio
