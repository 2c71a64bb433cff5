#include "closeio/session.hpp"

#include <utility>

#include "internal/rest_caller.hpp"

namespace closeio {

Session::Session(ClientOptions options)
    : core_(std::make_shared<internal::RestCaller>(std::move(options))) {}

std::optional<RateLimitInfo> Session::rate_limit() const { return core_->rate_limit(); }

}  // namespace closeio
