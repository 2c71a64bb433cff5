// The emulator's leads: a thread-safe list of lead JSON objects, newest first. Leads exist in
// the emulator only as an endpoint for raw requests, so a lead is kept as its JSON.
#pragma once

#include <cstddef>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "closeio/testing/fake_close_server.hpp"

namespace closeio::testing::internal {

/// A page of leads, each a JSON object.
struct LeadPage {
  std::vector<nlohmann::ordered_json> items;
  bool has_more = false;
};

class FakeLeadStore {
 public:
  /// `organization_id` and `user_id` go on every lead (created_by / updated_by).
  FakeLeadStore(std::string organization_id, std::string user_id);

  /// Stores a lead built from `seed`; returns it. Throws std::invalid_argument for an id that
  /// is empty, holds a '/' or is already used.
  nlohmann::ordered_json add(const FakeLeadSeed& seed);
  /// The lead, or std::nullopt.
  std::optional<nlohmann::ordered_json> find(const std::string& id) const;
  /// `limit` leads from `skip` on, newest first.
  LeadPage page(std::size_t skip, std::size_t limit) const;
  /// Applies `changes` (the writable keys, already validated) to the lead; returns it, or
  /// std::nullopt for an unknown id.
  std::optional<nlohmann::ordered_json> update(const std::string& id, const FakeLeadSeed& changes,
                                               bool name_set);
  /// False for an unknown id.
  bool remove(const std::string& id);
  /// The ids, newest first.
  std::vector<std::string> ids() const;
  /// Forgets every lead.
  void clear();

 private:
  std::string new_id();

  const std::string organization_id_;
  const std::string user_id_;
  mutable std::mutex mutex_;
  std::vector<nlohmann::ordered_json> leads_;  // newest first
  std::mt19937_64 random_;
};

}  // namespace closeio::testing::internal
