#include "testing/fake_api_router.hpp"

#include <utility>

#include "testing/fake_auth.hpp"

namespace closeio::testing::internal {

FakeApiRouter::FakeApiRouter(const FakeCloseServerOptions& options,
                             std::vector<const FakeResourceApi*> resources)
    : options_(options), resources_(std::move(resources)) {}

ApiAnswer FakeApiRouter::handle(const RecordedRequest& request) const {
  if (!is_authorized(request.header("authorization"), options_.api_key, options_.access_token)) {
    return answer(401, error_body(kUnauthorized));
  }
  for (const FakeResourceApi* resource : resources_) {
    if (std::optional<ApiAnswer> routed = resource->route(request)) return std::move(*routed);
  }
  return answer(404, error_body(kNotFoundPath));
}

}  // namespace closeio::testing::internal
