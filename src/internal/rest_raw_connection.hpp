// The RawConnection over the shared REST core: a raw request is one RestRequest, its answer
// handed back unparsed.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "closeio/raw_connection.hpp"
#include "internal/rest_caller.hpp"

namespace closeio::internal {

/// The RestRequest for an already checked raw request (see RawClient): the query encoded, and
/// an empty body for a POST, PUT or PATCH without one (libcurl would otherwise send no body).
RestRequest rest_request_of(const RawRequest& request);

class RestRawConnection final : public RawConnection {
 public:
  explicit RestRawConnection(std::shared_ptr<RestCaller> caller);

  RawResponse request(const RawRequest& request, const CallOptions& call) override;
  void request_async(const RawRequest& request, const CallOptions& call,
                     std::function<void(AsyncResult<RawResponse>)> done) override;
  Page<std::string> list_page(const std::string& path, const QueryParams& query,
                              const ListOptions& options, const CallOptions& call) override;
  void list_page_async(const std::string& path, const QueryParams& query,
                       const ListOptions& options, const CallOptions& call,
                       std::function<void(AsyncResult<Page<std::string>>)> done) override;
  std::optional<RateLimitInfo> rate_limit() const override;

 private:
  std::shared_ptr<RestCaller> caller_;
};

}  // namespace closeio::internal
