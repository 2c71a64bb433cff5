#include "testing/fake_outcome_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

namespace closeio::testing::internal {
namespace {

constexpr std::string_view kOutcomeIdAlphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kOutcomeIdRandomChars = 22;  // like outcome_03oUxZfoO6e2vHmcz1DiHR

// "<prefix> 00001": at least five digits, so that names sort like their numbers up to 99999.
std::string numbered_name(const std::string& prefix, std::size_t number) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%05zu", number);
  return prefix + " " + digits;
}

}  // namespace

Timestamp now_utc() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

std::vector<AppliesTo> applies_to_for(OutcomeType type) {
  if (type == OutcomeType::vm_dropped) return {AppliesTo::calls};
  return {AppliesTo::calls, AppliesTo::meetings};
}

FakeOutcomeStore::FakeOutcomeStore(std::string organization_id, std::string user_id)
    : organization_id_(std::move(organization_id)),
      user_id_(std::move(user_id)),
      random_(std::random_device{}()) {}

Outcome FakeOutcomeStore::create(const NewOutcome& fields) {
  std::lock_guard<std::mutex> lock(mutex_);
  Outcome outcome = make_outcome(fields.name, fields.description, fields.type, now_utc());
  append(outcome);
  return outcome;
}

void FakeOutcomeStore::create_many(std::size_t count, const std::string& prefix) {
  const Timestamp now = now_utc();
  std::lock_guard<std::mutex> lock(mutex_);
  outcomes_.reserve(outcomes_.size() + count);
  index_.reserve(index_.size() + count);
  for (std::size_t i = 1; i <= count; ++i) {
    append(make_outcome(numbered_name(prefix, i), std::nullopt, OutcomeType::custom, now));
  }
}

std::optional<Outcome> FakeOutcomeStore::find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  return outcomes_[it->second];
}

std::optional<Outcome> FakeOutcomeStore::update(const std::string& id,
                                                const OutcomeChanges& changes) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  Outcome& outcome = outcomes_[it->second];
  if (changes.name) outcome.name = *changes.name;
  if (changes.description_set) outcome.description = changes.description;
  if (changes.type) {
    outcome.type = *changes.type;
    outcome.applies_to = applies_to_for(outcome.type);
  }
  outcome.updated_by = user_id_;
  outcome.date_updated = now_utc();
  return outcome;
}

bool FakeOutcomeStore::remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(id);
  if (it == index_.end()) return false;
  const std::size_t position = it->second;
  deleted_.insert(id);
  index_.erase(it);
  outcomes_.erase(outcomes_.begin() + static_cast<std::ptrdiff_t>(position));
  // Later outcomes moved down by one; deletes are rare next to reads, so O(n) is fine.
  for (std::size_t i = position; i < outcomes_.size(); ++i) index_[outcomes_[i].id] = i;
  return true;
}

bool FakeOutcomeStore::was_deleted(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return deleted_.count(id) != 0;
}

OutcomePage FakeOutcomeStore::page(std::size_t skip, std::size_t limit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  OutcomePage result;
  const std::size_t begin = std::min(skip, outcomes_.size());
  const std::size_t end = begin + std::min(limit, outcomes_.size() - begin);
  result.items.assign(outcomes_.begin() + static_cast<std::ptrdiff_t>(begin),
                      outcomes_.begin() + static_cast<std::ptrdiff_t>(end));
  result.has_more = end < outcomes_.size();
  return result;
}

std::vector<Outcome> FakeOutcomeStore::all() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return outcomes_;
}

void FakeOutcomeStore::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  outcomes_.clear();
  index_.clear();
  deleted_.clear();
}

Outcome FakeOutcomeStore::make_outcome(std::string name, std::optional<std::string> description,
                                       OutcomeType type, Timestamp now) {
  Outcome outcome;
  outcome.id = new_id();
  outcome.organization_id = organization_id_;
  outcome.name = std::move(name);
  outcome.description = std::move(description);
  outcome.type = type;
  outcome.applies_to = applies_to_for(type);
  outcome.created_by = user_id_;
  outcome.updated_by = user_id_;
  outcome.date_created = now;
  outcome.date_updated = now;
  return outcome;
}

std::string FakeOutcomeStore::new_id() {
  std::uniform_int_distribution<std::size_t> pick(0, kOutcomeIdAlphabet.size() - 1);
  for (;;) {
    std::string id = "outcome_";
    for (std::size_t i = 0; i < kOutcomeIdRandomChars; ++i) id += kOutcomeIdAlphabet[pick(random_)];
    // 62^22 ids make a collision all but impossible; checking keeps ids unique regardless.
    if (index_.count(id) == 0 && deleted_.count(id) == 0) return id;
  }
}

void FakeOutcomeStore::append(Outcome outcome) {
  index_.emplace(outcome.id, outcomes_.size());
  outcomes_.push_back(std::move(outcome));
}

}  // namespace closeio::testing::internal
