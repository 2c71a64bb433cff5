// What Close answers to an Outcomes API request: auth, routing, validation, state changes.
// Transport-free (a RecordedRequest in, an ApiAnswer out) so HTTP concerns stay elsewhere.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_outcome_store.hpp"

namespace closeio::testing::internal {

/// The emulator's own answer to a request. Always a JSON body.
struct ApiAnswer {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< Extra headers, e.g. Allow.
  bool created = false;                                      ///< A create stored an outcome.
  bool wrote = false;  ///< A POST, PUT or DELETE changed the state.
};

/// Serves `/api/v1/outcome/` and `/api/v1/outcome/{id}/` against a store.
class FakeOutcomesApi {
 public:
  /// Keeps references: both must outlive this object.
  FakeOutcomesApi(const FakeCloseServerOptions& options, FakeOutcomeStore& store);

  /// Answers one request. HEAD is answered like GET (the HTTP layer drops the body).
  ApiAnswer handle(const RecordedRequest& request) const;

 private:
  ApiAnswer list(const RecordedRequest& request) const;
  ApiAnswer create(const RecordedRequest& request) const;
  ApiAnswer fetch(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer update(const RecordedRequest& request, const std::string& id) const;
  ApiAnswer remove(const std::string& id) const;

  const FakeCloseServerOptions& options_;
  FakeOutcomeStore& store_;
};

}  // namespace closeio::testing::internal
