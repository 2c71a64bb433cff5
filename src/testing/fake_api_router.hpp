// The emulator's front door: authentication first (as Close checks it before routing), then
// each resource in turn, then Close's 404 for a path no resource serves.
#pragma once

#include <vector>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_api_support.hpp"

namespace closeio::testing::internal {

/// Dispatches a request to the first resource whose route() takes it.
class FakeApiRouter {
 public:
  /// Keeps references: `options` and every resource must outlive this object.
  FakeApiRouter(const FakeCloseServerOptions& options,
                std::vector<const FakeResourceApi*> resources);

  /// 401 for missing or wrong credentials; otherwise the owning resource's answer, or 404.
  ApiAnswer handle(const RecordedRequest& request) const;

 private:
  const FakeCloseServerOptions& options_;
  std::vector<const FakeResourceApi*> resources_;
};

}  // namespace closeio::testing::internal
