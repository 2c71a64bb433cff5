#include "testing/fake_api_router.hpp"

#include <utility>

#include "testing/fake_auth.hpp"

namespace closeio::testing::internal {

FakeApiRouter::FakeApiRouter(const FakeCloseServerOptions& options,
                             std::vector<const FakeResourceApi*> resources,
                             const FakeOAuthApi* oauth)
    : options_(options), resources_(std::move(resources)), oauth_(oauth) {}

ApiAnswer FakeApiRouter::handle(const RecordedRequest& request) const {
  if (oauth_) {
    if (std::optional<ApiAnswer> token = oauth_->route(request)) return std::move(*token);
  }
  const std::string authorization = request.header("authorization");
  if (!is_authorized(authorization, options_.api_key, options_.access_token) &&
      !(oauth_ && oauth_->accepts(authorization))) {
    return answer(401, error_body(kUnauthorized));
  }
  for (const FakeResourceApi* resource : resources_) {
    if (std::optional<ApiAnswer> routed = resource->route(request)) return std::move(*routed);
  }
  return answer(404, error_body(kNotFoundPath));
}

}  // namespace closeio::testing::internal
