// The OutcomesConnection over HTTP: paths and queries, the retry loop, error mapping, decoding.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "closeio/client_options.hpp"
#include "closeio/outcomes_connection.hpp"
#include "internal/http_transport.hpp"
#include "internal/url.hpp"

namespace closeio::internal {

class RestOutcomesConnection final : public OutcomesConnection {
 public:
  /// Validates `options`; uses `transport` when given (tests), else a CurlTransport.
  explicit RestOutcomesConnection(ClientOptions options,
                                  std::shared_ptr<HttpTransport> transport = nullptr);

  Page<Outcome> list_page(const ListOptions& options, const CallOptions& call) override;
  Outcome create(const OutcomeCreate& outcome, const CallOptions& call) override;
  Outcome fetch(const std::string& id, const std::vector<std::string>& fields,
                const CallOptions& call) override;
  Outcome update(const std::string& id, const OutcomeUpdate& changes,
                 const CallOptions& call) override;
  void remove(const std::string& id, const CallOptions& call) override;
  std::optional<RateLimitInfo> rate_limit() const override;

 private:
  struct Answer {
    std::string body;
    int attempts = 1;
  };
  // Sends with retries; returns a 2xx body or throws the mapped closeio exception.
  Answer execute(const std::string& method, const std::string& path, const std::string& query,
                 const std::string* body, const CallOptions& call);
  void log_attempt(const HttpRequest& request, int attempt, const HttpResult& result) const;
  void remember_rate_limit(const HttpHeaders& headers);

  ClientOptions options_;
  BaseUrl base_;
  std::shared_ptr<HttpTransport> transport_;
  std::shared_ptr<const RetryPolicy> retry_policy_;
  std::string user_agent_;
  mutable std::mutex rate_limit_mutex_;
  std::optional<RateLimitInfo> rate_limit_;
};

/// The path of one outcome, relative to the base URL: "outcome/<percent-encoded id>/".
/// Throws std::invalid_argument for an empty id.
std::string outcome_path(const std::string& id);

/// `_fields=a,b` query value; throws std::invalid_argument for an empty name or one with ','.
std::string fields_query_value(const std::vector<std::string>& fields);

}  // namespace closeio::internal
