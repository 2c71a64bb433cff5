#include "testing/fake_outcomes_api.hpp"

#include <optional>
#include <string_view>

#include "testing/fake_outcome_json.hpp"
#include "testing/fake_outcome_validation.hpp"

namespace closeio::testing::internal {
namespace {

constexpr std::string_view kCollectionPath = "/api/v1/outcome/";

constexpr std::string_view kNotFoundOutcome = "Empty query: Outcome matching query does not exist.";

}  // namespace

FakeOutcomesApi::FakeOutcomesApi(const FakeCloseServerOptions& options, FakeOutcomeStore& store)
    : options_(options), store_(store) {}

std::optional<ApiAnswer> FakeOutcomesApi::route(const RecordedRequest& request) const {
  const bool read = request.method == "GET" || request.method == "HEAD";
  if (request.path == kCollectionPath) {
    if (read) return list(request);
    if (request.method == "POST") return create(request);
    return method_not_allowed("GET, HEAD, POST");
  }
  if (std::optional<std::string> id = item_id(request.path, kCollectionPath)) {
    if (read) return fetch(request, *id);
    if (request.method == "PUT") return update(request, *id);
    if (request.method == "DELETE") return remove(*id);
    return method_not_allowed("GET, HEAD, PUT, DELETE");
  }
  return std::nullopt;
}

ApiAnswer FakeOutcomesApi::list(const RecordedRequest& request) const {
  ApiAnswer bad_request;
  std::optional<Paging> paging = parse_paging(request, options_.max_limit, bad_request);
  if (!paging) return bad_request;
  OutcomePage page = store_.page(paging->skip, paging->limit);
  return answer(200, encode_page(page, field_selection(request)));
}

ApiAnswer FakeOutcomesApi::create(const RecordedRequest& request) const {
  Validated<NewOutcome> body = validate_create(request.body);
  if (!body.value) return answer(400, std::move(body.error_body));
  ApiAnswer result = answer(201, encode_outcome(store_.create(*body.value)));
  result.created = true;
  result.wrote = true;
  return result;
}

ApiAnswer FakeOutcomesApi::fetch(const RecordedRequest& request, const std::string& id) const {
  std::optional<Outcome> outcome = store_.find(id);
  if (!outcome) return answer(404, error_body(kNotFoundOutcome));
  return answer(200, encode_outcome(*outcome, field_selection(request)));
}

ApiAnswer FakeOutcomesApi::update(const RecordedRequest& request, const std::string& id) const {
  // Close looks the object up before it validates the changes.
  if (!store_.find(id)) return answer(404, error_body(kNotFoundOutcome));
  Validated<OutcomeChanges> body = validate_update(request.body);
  if (!body.value) return answer(400, std::move(body.error_body));
  std::optional<Outcome> outcome = store_.update(id, *body.value);
  if (!outcome) return answer(404, error_body(kNotFoundOutcome));  // deleted meanwhile
  ApiAnswer result = answer(200, encode_outcome(*outcome));
  result.wrote = true;
  return result;
}

ApiAnswer FakeOutcomesApi::remove(const std::string& id) const {
  if (!store_.remove(id)) return answer(404, error_body(kNotFoundOutcome));
  ApiAnswer result = answer(200, "{}");
  result.wrote = true;
  return result;
}

}  // namespace closeio::testing::internal
