// The emulator's state: Close's outcomes for one organization, in insertion (list) order.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "closeio/outcome.hpp"

namespace closeio::testing::internal {

/// The fields a create sets. `type` is never OutcomeType::unknown here: validation rejects it.
struct NewOutcome {
  std::string name;
  std::optional<std::string> description;
  OutcomeType type = OutcomeType::custom;
};

/// The fields an update changes; unset members stay as they are (Close's PUT is a PATCH).
struct OutcomeChanges {
  std::optional<std::string> name;
  bool description_set = false;            ///< True when "description" was sent.
  std::optional<std::string> description;  ///< std::nullopt with description_set: clear it.
  std::optional<OutcomeType> type;
};

/// One page of the list.
struct OutcomePage {
  std::vector<Outcome> items;
  bool has_more = false;  ///< skip + items.size() < total.
};

/// Thread-safe outcome storage. Fills in what the server owns: ids, organization, authors,
/// timestamps and the `applies_to` Close derives from `type`.
class FakeOutcomeStore {
 public:
  FakeOutcomeStore(std::string organization_id, std::string user_id);

  /// Stores a new outcome dated now and returns it.
  Outcome create(const NewOutcome& fields);
  /// Stores `count` custom outcomes named "<prefix> 00001", "<prefix> 00002", ...
  void create_many(std::size_t count, const std::string& prefix);
  /// The outcome with this id, if stored.
  std::optional<Outcome> find(const std::string& id) const;
  /// Applies `changes`, refreshing updated_by and date_updated; std::nullopt for an unknown id.
  std::optional<Outcome> update(const std::string& id, const OutcomeChanges& changes);
  /// Deletes; false for an unknown id. Calls and meetings keep referring to a deleted outcome;
  /// the store remembers its id (was_deleted) so that setting it again can be refused as such.
  bool remove(const std::string& id);
  /// True when an outcome with this id existed and was deleted (until clear()).
  bool was_deleted(const std::string& id) const;
  /// At most `limit` outcomes after the first `skip`, in list order.
  OutcomePage page(std::size_t skip, std::size_t limit) const;
  /// Every stored outcome in list order.
  std::vector<Outcome> all() const;
  /// Deletes everything and forgets the deleted ids.
  void clear();

 private:
  Outcome make_outcome(std::string name, std::optional<std::string> description, OutcomeType type,
                       Timestamp now);
  std::string new_id();
  void append(Outcome outcome);

  const std::string organization_id_;
  const std::string user_id_;
  mutable std::mutex mutex_;
  std::vector<Outcome> outcomes_;                       // list order
  std::unordered_map<std::string, std::size_t> index_;  // id -> position in outcomes_
  std::unordered_set<std::string> deleted_;             // ids of deleted outcomes
  std::mt19937_64 random_;
};

/// The current time at Close's resolution (microseconds, UTC).
Timestamp now_utc();

/// What Close derives `applies_to` from: custom -> calls + meetings, vm-dropped -> calls.
std::vector<AppliesTo> applies_to_for(OutcomeType type);

}  // namespace closeio::testing::internal
