// The emulator's front door: authentication first (as Close checks it before routing), then
// each resource in turn, then Close's 404 for a path no resource serves.
#pragma once

#include <vector>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_api_support.hpp"
#include "testing/fake_oauth_api.hpp"

namespace closeio::testing::internal {

/// Dispatches a request to the first resource whose route() takes it.
class FakeApiRouter {
 public:
  /// Keeps references: `options`, every resource and `oauth` (when given) must outlive this
  /// object.
  FakeApiRouter(const FakeCloseServerOptions& options,
                std::vector<const FakeResourceApi*> resources, const FakeOAuthApi* oauth = nullptr);

  /// The OAuth token endpoint's answer for its path (no API credentials needed there); else
  /// 401 for missing or wrong credentials (a Bearer token the token endpoint issued counts
  /// while neither expired nor revoked); otherwise the owning resource's answer, or 404.
  ApiAnswer handle(const RecordedRequest& request) const;

 private:
  const FakeCloseServerOptions& options_;
  std::vector<const FakeResourceApi*> resources_;
  const FakeOAuthApi* oauth_;
};

}  // namespace closeio::testing::internal
