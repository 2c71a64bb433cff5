#include "testing/fake_outcomes_api.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

#include "testing/fake_auth.hpp"
#include "testing/fake_outcome_json.hpp"
#include "testing/fake_outcome_validation.hpp"

namespace closeio::testing::internal {
namespace {

constexpr std::string_view kCollectionPath = "/api/v1/outcome/";

// Werkzeug's wording, which Close's API passes through for these statuses.
constexpr std::string_view kUnauthorized =
    "The server could not verify that you are authorized to access the URL requested. You "
    "either supplied the wrong credentials (e.g. a bad password), or your browser doesn't "
    "understand how to supply the credentials required.";
constexpr std::string_view kNotFoundPath =
    "The requested URL was not found on the server. If you entered the URL manually please "
    "check your spelling and try again.";
constexpr std::string_view kNotFoundOutcome = "Empty query: Outcome matching query does not exist.";
constexpr std::string_view kMethodNotAllowed = "Method not allowed";

ApiAnswer answer(int status, std::string body) {
  ApiAnswer result;
  result.status = status;
  result.body = std::move(body);
  return result;
}

ApiAnswer method_not_allowed(std::string allowed) {
  ApiAnswer result = answer(405, error_body(kMethodNotAllowed));
  result.headers.emplace_back("Allow", std::move(allowed));
  return result;
}

// First value of a query parameter, the way Close's framework reads `request.args`.
const std::string* query_value(const RecordedRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.query) {
    if (key == name) return &value;
  }
  return nullptr;
}

// A plain non-negative decimal; no sign, spaces or exponent. std::nullopt otherwise.
std::optional<std::int64_t> parse_count(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;  // 18 digits cannot overflow
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// `_fields=id,name`: the asked keys, spaces trimmed; absent or empty means every key.
FieldSelection field_selection(const RecordedRequest& request) {
  const std::string* text = query_value(request, "_fields");
  if (text == nullptr) return std::nullopt;
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (start <= text->size()) {
    std::size_t end = text->find(',', start);
    if (end == std::string::npos) end = text->size();
    std::string field = text->substr(start, end - start);
    field.erase(0, field.find_first_not_of(' '));
    field.erase(field.find_last_not_of(' ') + 1);
    if (!field.empty()) fields.push_back(std::move(field));
    start = end + 1;
  }
  if (fields.empty()) return std::nullopt;
  return fields;
}

// "/api/v1/outcome/<id>/" -> "<id>". The path is already percent-decoded, so an id holding a
// '/' (sent as %2F) cannot match: "/api/v1/outcome/..%2Flead/" is not an outcome.
std::optional<std::string> outcome_id(const std::string& path) {
  std::string_view view = path;
  if (view.size() <= kCollectionPath.size() + 1 ||
      view.substr(0, kCollectionPath.size()) != kCollectionPath || view.back() != '/') {
    return std::nullopt;
  }
  std::string_view id = view.substr(kCollectionPath.size());
  id.remove_suffix(1);
  if (id.find('/') != std::string_view::npos) return std::nullopt;
  return std::string(id);
}

}  // namespace

FakeOutcomesApi::FakeOutcomesApi(const FakeCloseServerOptions& options, FakeOutcomeStore& store)
    : options_(options), store_(store) {}

ApiAnswer FakeOutcomesApi::handle(const RecordedRequest& request) const {
  if (!is_authorized(request.header("authorization"), options_.api_key, options_.access_token)) {
    return answer(401, error_body(kUnauthorized));
  }
  const bool read = request.method == "GET" || request.method == "HEAD";
  if (request.path == kCollectionPath) {
    if (read) return list(request);
    if (request.method == "POST") return create(request);
    return method_not_allowed("GET, HEAD, POST");
  }
  if (std::optional<std::string> id = outcome_id(request.path)) {
    if (read) return fetch(request, *id);
    if (request.method == "PUT") return update(request, *id);
    if (request.method == "DELETE") return remove(*id);
    return method_not_allowed("GET, HEAD, PUT, DELETE");
  }
  return answer(404, error_body(kNotFoundPath));
}

ApiAnswer FakeOutcomesApi::list(const RecordedRequest& request) const {
  std::int64_t limit = 100;  // Close's default page size
  if (const std::string* text = query_value(request, "_limit")) {
    std::optional<std::int64_t> value = parse_count(*text);
    if (!value || *value < 1 || *value > options_.max_limit) {
      return answer(400, error_body("Invalid _limit: must be an integer from 1 to " +
                                    std::to_string(options_.max_limit) + "."));
    }
    limit = *value;
  }
  std::int64_t skip = 0;
  if (const std::string* text = query_value(request, "_skip")) {
    std::optional<std::int64_t> value = parse_count(*text);
    if (!value) return answer(400, error_body("Invalid _skip: must be a non-negative integer."));
    skip = *value;
  }
  OutcomePage page = store_.page(static_cast<std::size_t>(skip), static_cast<std::size_t>(limit));
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
