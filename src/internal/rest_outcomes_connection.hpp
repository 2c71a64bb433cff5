// The OutcomesConnection over the shared REST core: each operation names its request and how
// its answer decodes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/outcomes_connection.hpp"
#include "internal/rest_caller.hpp"

namespace closeio::internal {

class RestOutcomesConnection final : public OutcomesConnection {
 public:
  explicit RestOutcomesConnection(std::shared_ptr<RestCaller> caller);

  Page<Outcome> list_page(const ListOptions& options, const CallOptions& call) override;
  Outcome create(const OutcomeCreate& outcome, const CallOptions& call) override;
  Outcome fetch(const std::string& id, const std::vector<std::string>& fields,
                const CallOptions& call) override;
  Outcome update(const std::string& id, const OutcomeUpdate& changes,
                 const CallOptions& call) override;
  void remove(const std::string& id, const CallOptions& call) override;
  void list_page_async(const ListOptions& options, const CallOptions& call,
                       std::function<void(AsyncResult<Page<Outcome>>)> done) override;
  void create_async(const OutcomeCreate& outcome, const CallOptions& call,
                    std::function<void(AsyncResult<Outcome>)> done) override;
  void fetch_async(const std::string& id, const std::vector<std::string>& fields,
                   const CallOptions& call,
                   std::function<void(AsyncResult<Outcome>)> done) override;
  void update_async(const std::string& id, const OutcomeUpdate& changes, const CallOptions& call,
                    std::function<void(AsyncResult<Outcome>)> done) override;
  void remove_async(const std::string& id, const CallOptions& call,
                    std::function<void(AsyncResult<void>)> done) override;
  std::optional<RateLimitInfo> rate_limit() const override;

 private:
  std::shared_ptr<RestCaller> caller_;
};

/// The path of one outcome, relative to the base URL: "outcome/<percent-encoded id>/".
/// Throws std::invalid_argument for an empty id, "." or "..".
std::string outcome_path(const std::string& id);

}  // namespace closeio::internal
