#include "testing/fake_leads_api.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "testing/fake_json_support.hpp"

namespace closeio::testing::internal {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view kLeadsPath = "/api/v1/lead/";
constexpr std::string_view kLeadNotFound = "Empty query: Lead matching query does not exist.";
constexpr std::string_view kCustomPrefix = "custom.";

bool is_lead_read(const RecordedRequest& request) {
  return request.method == "GET" || request.method == "HEAD";
}

OrderedJson selected_lead_fields(const OrderedJson& lead, const FieldSelection& fields) {
  if (!fields) return lead;
  OrderedJson out = OrderedJson::object();
  for (const auto& [key, value] : lead.items()) {
    if (std::find(fields->begin(), fields->end(), key) != fields->end()) out[key] = value;
  }
  return out;
}

// The writable fields of a POST or PUT body, or the 400 answer: every one must be a string.
struct LeadChanges {
  FakeLeadSeed fields;
  bool name_set = false;
};
std::optional<LeadChanges> read_lead_changes(const std::string& body, ApiAnswer& bad_request) {
  std::string error;
  std::optional<nlohmann::json> json = parse_object(body, error);
  if (!json) {
    bad_request = answer(400, std::move(error));
    return std::nullopt;
  }
  LeadChanges changes;
  changes.fields.status_label.clear();  // Unchanged unless given.
  for (const auto& [key, value] : json->items()) {
    const bool custom = key.compare(0, kCustomPrefix.size(), kCustomPrefix) == 0;
    const bool known =
        key == "name" || key == "description" || key == "url" || key == "status_label" || custom;
    if (!known) continue;  // Close ignores keys it does not write.
    if (!value.is_string()) {
      nlohmann::json errors = {{"errors", nlohmann::json::array()},
                               {"field-errors", {{key, kNotString}}}};
      bad_request =
          answer(400, errors.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return std::nullopt;
    }
    const std::string text = value.get<std::string>();
    if (key == "name") {
      changes.fields.name = text;
      changes.name_set = true;
    } else if (key == "description") {
      changes.fields.description = text;
    } else if (key == "url") {
      changes.fields.url = text;
    } else if (key == "status_label") {
      changes.fields.status_label = text;
    } else {
      changes.fields.custom.emplace_back(key.substr(kCustomPrefix.size()), text);
    }
  }
  return changes;
}

}  // namespace

FakeLeadsApi::FakeLeadsApi(const FakeCloseServerOptions& options, FakeLeadStore& store)
    : options_(options), store_(store) {}

std::optional<ApiAnswer> FakeLeadsApi::route(const RecordedRequest& request) const {
  if (request.path == kLeadsPath) {
    if (is_lead_read(request)) return list(request);
    if (request.method == "POST") return create(request);
    return method_not_allowed("GET, HEAD, POST");
  }
  if (std::optional<std::string> id = item_id(request.path, kLeadsPath)) {
    if (is_lead_read(request)) return fetch(request, *id);
    if (request.method == "PUT") return update(request, *id);
    if (request.method == "DELETE") return remove(*id);
    return method_not_allowed("GET, HEAD, PUT, DELETE");
  }
  return std::nullopt;
}

ApiAnswer FakeLeadsApi::list(const RecordedRequest& request) const {
  ApiAnswer bad_request;
  std::optional<Paging> paging = parse_paging(request, options_.max_limit, bad_request);
  if (!paging) return bad_request;
  const FieldSelection fields = field_selection(request);
  LeadPage page = store_.page(paging->skip, paging->limit);
  OrderedJson data = OrderedJson::array();
  for (const OrderedJson& lead : page.items) data.push_back(selected_lead_fields(lead, fields));
  return answer(200, dump_json({{"data", std::move(data)}, {"has_more", page.has_more}}));
}

ApiAnswer FakeLeadsApi::create(const RecordedRequest& request) const {
  ApiAnswer bad_request;
  std::optional<LeadChanges> changes = read_lead_changes(request.body, bad_request);
  if (!changes) return bad_request;
  if (changes->fields.status_label.empty()) changes->fields.status_label = "Potential";
  if (!changes->name_set) changes->fields.name.clear();
  ApiAnswer result = answer(200, dump_json(store_.add(changes->fields)));
  result.created = true;
  result.wrote = true;
  return result;
}

ApiAnswer FakeLeadsApi::fetch(const RecordedRequest& request, const std::string& id) const {
  std::optional<OrderedJson> lead = store_.find(id);
  if (!lead) return answer(404, error_body(kLeadNotFound));
  return answer(200, dump_json(selected_lead_fields(*lead, field_selection(request))));
}

ApiAnswer FakeLeadsApi::update(const RecordedRequest& request, const std::string& id) const {
  ApiAnswer bad_request;
  std::optional<LeadChanges> changes = read_lead_changes(request.body, bad_request);
  if (!changes) return bad_request;
  std::optional<OrderedJson> lead = store_.update(id, changes->fields, changes->name_set);
  if (!lead) return answer(404, error_body(kLeadNotFound));
  ApiAnswer result = answer(200, dump_json(*lead));
  result.wrote = true;
  return result;
}

ApiAnswer FakeLeadsApi::remove(const std::string& id) const {
  if (!store_.remove(id)) return answer(404, error_body(kLeadNotFound));
  ApiAnswer result = answer(200, "{}");
  result.wrote = true;
  return result;
}

}  // namespace closeio::testing::internal
