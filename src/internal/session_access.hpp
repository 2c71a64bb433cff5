// The shared core behind a public closeio::Session.
#pragma once

#include <memory>

#include "closeio/session.hpp"
#include "internal/rest_caller.hpp"

namespace closeio::internal {

struct SessionAccess {
  static const std::shared_ptr<RestCaller>& core(const Session& session) { return session.core_; }
};

}  // namespace closeio::internal
