#include "closeio/meetings_client.hpp"

#include <stdexcept>
#include <utility>

#include "internal/argument_checks.hpp"

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
  return {[connection = connection_, call = call_, filter = std::move(filter)](
              const ListOptions& page) { return connection->list_page(filter, page, call); },
          std::move(options), call_.cancellation};
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

std::optional<RateLimitInfo> MeetingsClient::rate_limit() const {
  return connection_->rate_limit();
}

}  // namespace closeio
