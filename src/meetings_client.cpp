#include "closeio/meetings_client.hpp"

#include <stdexcept>
#include <utility>

#include "internal/activity_walk.hpp"
#include "internal/argument_checks.hpp"
#include "internal/async_bridge.hpp"
#include "internal/sliced_walk.hpp"

namespace closeio {

using internal::require_id;

MeetingsClient::MeetingsClient(ClientOptions options)
    : connection_(make_meetings_connection(std::move(options))) {}

MeetingsClient::MeetingsClient(const Session& session)
    : connection_(make_meetings_connection(session)) {}

MeetingsClient::MeetingsClient(std::shared_ptr<MeetingsConnection> connection)
    : connection_(std::move(connection)) {
  if (!connection_) throw std::invalid_argument("closeio: MeetingsClient needs a connection");
}

MeetingsClient MeetingsClient::with_call_options(CallOptions call) const {
  MeetingsClient copy(*this);
  copy.call_ = std::move(call);
  return copy;
}

Page<Meeting> MeetingsClient::list_page(const ActivityFilter& filter,
                                        const ListOptions& options) const {
  internal::require_valid_list_options(options);
  internal::require_valid_filter(filter);
  return connection_->list_page(filter, options, call_);
}

MeetingRange MeetingsClient::list(ActivityFilter filter, ListOptions options) const {
  internal::require_valid_list_options(options);
  internal::require_valid_filter(filter);
  auto loader =
      internal::activity_walk_loader<Meeting>(connection_, call_, std::move(filter), options);
  return {std::move(loader), std::move(options), call_.cancellation};
}

void MeetingsClient::list_sliced(const ActivityFilter& filter, const SlicedListOptions& options,
                                 const std::function<void(std::vector<Meeting>)>& on_rows) const {
  internal::require_valid_filter(filter);
  internal::require_valid_list_options(ListOptions{options.limit, 0, options.fields});
  internal::run_sliced_walk<Meeting>(
      filter, options,
      [this](const ActivityFilter& page_filter, const ListOptions& page_options,
             std::function<void(AsyncResult<Page<Meeting>>)> done) {
        connection_->list_page_async(page_filter, page_options, call_, std::move(done));
      },
      on_rows, call_.cancellation);
}

Meeting MeetingsClient::fetch(const std::string& id, const std::vector<std::string>& fields) const {
  require_id(id, "meeting id");
  return connection_->fetch(id, fields, call_);
}

Meeting MeetingsClient::set_outcome(const std::string& meeting_id,
                                    const std::string& outcome_id) const {
  require_id(meeting_id, "meeting id");
  require_id(outcome_id, "outcome id");
  return connection_->set_outcome(meeting_id, outcome_id, call_);
}

Meeting MeetingsClient::clear_outcome(const std::string& meeting_id) const {
  require_id(meeting_id, "meeting id");
  return connection_->clear_outcome(meeting_id, call_);
}

void MeetingsClient::remove(const std::string& meeting_id) const {
  require_id(meeting_id, "meeting id");
  connection_->remove(meeting_id, call_);
}

std::future<Page<Meeting>> MeetingsClient::list_page_async(const ActivityFilter& filter,
                                                           const ListOptions& options) const {
  internal::require_valid_list_options(options);
  internal::require_valid_filter(filter);
  return internal::future_from<Page<Meeting>>(
      [&](std::function<void(AsyncResult<Page<Meeting>>)> done) {
        connection_->list_page_async(filter, options, call_, std::move(done));
      });
}

void MeetingsClient::list_page_async(const ActivityFilter& filter, const ListOptions& options,
                                     std::function<void(AsyncResult<Page<Meeting>>)> done) const {
  internal::require_valid_list_options(options);
  internal::require_valid_filter(filter);
  connection_->list_page_async(filter, options, call_, internal::guard_callback(std::move(done)));
}

std::future<Meeting> MeetingsClient::fetch_async(const std::string& id,
                                                 const std::vector<std::string>& fields) const {
  require_id(id, "meeting id");
  return internal::future_from<Meeting>([&](std::function<void(AsyncResult<Meeting>)> done) {
    connection_->fetch_async(id, fields, call_, std::move(done));
  });
}

void MeetingsClient::fetch_async(const std::string& id, const std::vector<std::string>& fields,
                                 std::function<void(AsyncResult<Meeting>)> done) const {
  require_id(id, "meeting id");
  connection_->fetch_async(id, fields, call_, internal::guard_callback(std::move(done)));
}

std::future<Meeting> MeetingsClient::set_outcome_async(const std::string& meeting_id,
                                                       const std::string& outcome_id) const {
  require_id(meeting_id, "meeting id");
  require_id(outcome_id, "outcome id");
  return internal::future_from<Meeting>([&](std::function<void(AsyncResult<Meeting>)> done) {
    connection_->set_outcome_async(meeting_id, outcome_id, call_, std::move(done));
  });
}

void MeetingsClient::set_outcome_async(const std::string& meeting_id, const std::string& outcome_id,
                                       std::function<void(AsyncResult<Meeting>)> done) const {
  require_id(meeting_id, "meeting id");
  require_id(outcome_id, "outcome id");
  connection_->set_outcome_async(meeting_id, outcome_id, call_,
                                 internal::guard_callback(std::move(done)));
}

std::future<Meeting> MeetingsClient::clear_outcome_async(const std::string& meeting_id) const {
  require_id(meeting_id, "meeting id");
  return internal::future_from<Meeting>([&](std::function<void(AsyncResult<Meeting>)> done) {
    connection_->clear_outcome_async(meeting_id, call_, std::move(done));
  });
}

void MeetingsClient::clear_outcome_async(const std::string& meeting_id,
                                         std::function<void(AsyncResult<Meeting>)> done) const {
  require_id(meeting_id, "meeting id");
  connection_->clear_outcome_async(meeting_id, call_, internal::guard_callback(std::move(done)));
}

std::future<void> MeetingsClient::remove_async(const std::string& meeting_id) const {
  require_id(meeting_id, "meeting id");
  return internal::future_from<void>([&](std::function<void(AsyncResult<void>)> done) {
    connection_->remove_async(meeting_id, call_, std::move(done));
  });
}

void MeetingsClient::remove_async(const std::string& meeting_id,
                                  std::function<void(AsyncResult<void>)> done) const {
  require_id(meeting_id, "meeting id");
  connection_->remove_async(meeting_id, call_, internal::guard_callback(std::move(done)));
}

std::optional<RateLimitInfo> MeetingsClient::rate_limit() const {
  return connection_->rate_limit();
}

}  // namespace closeio
