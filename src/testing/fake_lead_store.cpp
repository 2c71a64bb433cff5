#include "testing/fake_lead_store.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "testing/fake_json_support.hpp"
#include "testing/fake_outcome_json.hpp"
#include "testing/fake_outcome_store.hpp"

namespace closeio::testing::internal {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view kLeadIdAlphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

void apply_lead_fields(OrderedJson& lead, const FakeLeadSeed& fields, bool name_set) {
  if (name_set) {
    lead["name"] = fields.name;
    lead["display_name"] = fields.name;
  }
  if (!fields.status_label.empty()) lead["status_label"] = fields.status_label;
  if (fields.description) lead["description"] = *fields.description;
  if (fields.url) lead["url"] = *fields.url;
  for (const auto& [key, value] : fields.custom) {
    lead["custom"][key] = value;
    lead["custom." + key] = value;
  }
}

auto lead_with_id(const std::string& id) {
  return [&id](const OrderedJson& lead) { return lead["id"] == id; };
}

}  // namespace

FakeLeadStore::FakeLeadStore(std::string organization_id, std::string user_id)
    : organization_id_(std::move(organization_id)),
      user_id_(std::move(user_id)),
      random_(std::random_device{}()) {}

OrderedJson FakeLeadStore::add(const FakeLeadSeed& seed) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string id = seed.id ? *seed.id : new_id();
  if (id.empty() || id.find('/') != std::string::npos) {
    throw std::invalid_argument("FakeCloseServer::seed_lead: an id must be non-empty, without '/'");
  }
  if (std::any_of(leads_.begin(), leads_.end(), lead_with_id(id))) {
    throw std::invalid_argument("FakeCloseServer::seed_lead: id already used: " + id);
  }
  const std::string when = format_close_timestamp(seed.date_created.value_or(now_utc()));
  OrderedJson lead = {
      {"id", id},
      {"organization_id", organization_id_},
      {"name", seed.name},
      {"display_name", seed.name},
      {"status_label", seed.status_label},
      {"description", optional_string(seed.description)},
      {"url", optional_string(seed.url)},
      {"contacts", OrderedJson::array()},
      {"opportunities", OrderedJson::array()},
      {"custom", OrderedJson::object()},
      {"created_by", user_id_},
      {"updated_by", user_id_},
      {"date_created", when},
      {"date_updated", when},
  };
  FakeLeadSeed custom_only;
  custom_only.status_label.clear();
  custom_only.custom = seed.custom;
  apply_lead_fields(lead, custom_only, false);
  // Newest first: a lead created earlier than the newest one goes after it.
  auto at = std::find_if(leads_.begin(), leads_.end(), [&](const OrderedJson& other) {
    return other["date_created"].get<std::string>() <= when;
  });
  leads_.insert(at, lead);
  return lead;
}

std::optional<OrderedJson> FakeLeadStore::find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = std::find_if(leads_.begin(), leads_.end(), lead_with_id(id));
  if (it == leads_.end()) return std::nullopt;
  return *it;
}

LeadPage FakeLeadStore::page(std::size_t skip, std::size_t limit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  LeadPage page;
  for (std::size_t i = skip; i < leads_.size() && page.items.size() < limit; ++i) {
    page.items.push_back(leads_[i]);
  }
  page.has_more = skip + page.items.size() < leads_.size();
  return page;
}

std::optional<OrderedJson> FakeLeadStore::update(const std::string& id, const FakeLeadSeed& changes,
                                                 bool name_set) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = std::find_if(leads_.begin(), leads_.end(), lead_with_id(id));
  if (it == leads_.end()) return std::nullopt;
  apply_lead_fields(*it, changes, name_set);
  (*it)["updated_by"] = user_id_;
  (*it)["date_updated"] = format_close_timestamp(now_utc());
  return *it;
}

bool FakeLeadStore::remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = std::find_if(leads_.begin(), leads_.end(), lead_with_id(id));
  if (it == leads_.end()) return false;
  leads_.erase(it);
  return true;
}

std::vector<std::string> FakeLeadStore::ids() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out;
  for (const OrderedJson& lead : leads_) out.push_back(lead["id"].get<std::string>());
  return out;
}

void FakeLeadStore::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  leads_.clear();
}

std::string FakeLeadStore::new_id() {
  std::uniform_int_distribution<std::size_t> pick(0, kLeadIdAlphabet.size() - 1);
  for (;;) {
    std::string id = "lead_";
    for (int i = 0; i < 43; ++i) id += kLeadIdAlphabet[pick(random_)];
    if (std::none_of(leads_.begin(), leads_.end(), lead_with_id(id))) return id;
  }
}

}  // namespace closeio::testing::internal
