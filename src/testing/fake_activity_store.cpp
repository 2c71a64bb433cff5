#include "testing/fake_activity_store.hpp"

#include <algorithm>
#include <string_view>
#include <type_traits>
#include <utility>

namespace closeio::testing::internal {
namespace {

constexpr std::string_view kActivityIdAlphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// like acti_Ay0QqN91HKAHVQUesISYV8QlhDobGfWb1Ui3TE75pJR
constexpr std::size_t kActivityIdRandomChars = 43;

bool admits_id(const std::vector<std::string>& wanted, const std::optional<std::string>& id) {
  if (wanted.empty()) return true;
  return id && std::find(wanted.begin(), wanted.end(), *id) != wanted.end();
}

// The keys every filter reads, for both kinds of activity.
struct Keys {
  const std::string& id;
  const std::optional<std::string>& lead_id;
  const std::optional<std::string>& user_id;
  const std::optional<std::string>& contact_id;
  Timestamp date_created;
  std::optional<Timestamp> activity_at;
};

Keys keys_of(const StoredCall& c) {
  return {c.call.id,         c.call.lead_id,      c.call.user_id,
          c.call.contact_id, c.call.date_created, c.call.activity_at};
}

Keys keys_of(const StoredMeeting& m) {
  // A meeting's activity_at is its scheduled start.
  return {m.meeting.id, m.meeting.lead_id,      m.meeting.user_id,
          m.contact_id, m.meeting.date_created, m.meeting.starts_at};
}

bool matches(const Keys& keys, const ActivityQuery& query) {
  if (!query.ids.empty() &&
      std::find(query.ids.begin(), query.ids.end(), keys.id) == query.ids.end()) {
    return false;
  }
  return admits_id(query.lead_ids, keys.lead_id) && admits_id(query.user_ids, keys.user_id) &&
         admits_id(query.contact_ids, keys.contact_id) &&
         query.date_created.admits(keys.date_created) && query.activity_at.admits(keys.activity_at);
}

template <typename Record>
bool newer(const Record& a, const Record& b) {
  const Keys ka = keys_of(a);
  const Keys kb = keys_of(b);
  if (ka.date_created != kb.date_created) return ka.date_created > kb.date_created;
  return a.sequence > b.sequence;
}

template <typename Table>
const auto& list_order(const Table& table) {
  if (table.stale) {
    table.newest_first.clear();
    table.newest_first.reserve(table.by_id.size());
    for (const auto& entry : table.by_id) table.newest_first.push_back(&entry.second);
    std::sort(table.newest_first.begin(), table.newest_first.end(),
              [](const auto* a, const auto* b) { return newer(*a, *b); });
    table.stale = false;
  }
  return table.newest_first;
}

bool only_date_created_bounds(const ActivityQuery& query) {
  return query.ids.empty() && query.lead_ids.empty() && query.user_ids.empty() &&
         query.contact_ids.empty() && !query.activity_at.gt && !query.activity_at.gte &&
         !query.activity_at.lt && !query.activity_at.lte;
}

// The slice of the list order that date_created's upper bounds admit starts at the first record
// below them: found by binary search, since the order is by date_created first.
template <typename Record>
std::size_t first_admitted(const std::vector<const Record*>& order, const TimeBounds& bounds) {
  auto it = order.begin();
  if (bounds.lt) {
    it = std::partition_point(
        it, order.end(), [&](const Record* r) { return keys_of(*r).date_created >= *bounds.lt; });
  }
  if (bounds.lte) {
    it = std::partition_point(
        it, order.end(), [&](const Record* r) { return keys_of(*r).date_created > *bounds.lte; });
  }
  return static_cast<std::size_t>(it - order.begin());
}

template <typename Table>
auto page_of(const Table& table, const ActivityQuery& query, std::size_t skip, std::size_t limit) {
  using Record = typename std::remove_cv_t<
      std::remove_pointer_t<typename std::decay_t<decltype(table.newest_first)>::value_type>>;
  const std::vector<const Record*>& order = list_order(table);
  ActivityPage<Record> page;
  std::size_t position = first_admitted(order, query.date_created);
  if (only_date_created_bounds(query)) {
    // Below the upper bounds, only the lower bounds can still refuse a record, and they refuse
    // every record after the first they refuse: skipping is arithmetic.
    position += std::min(skip, order.size() - position);
    skip = 0;
  }
  for (; position < order.size(); ++position) {
    const Record& record = *order[position];
    const Keys keys = keys_of(record);
    if (query.date_created.gt && keys.date_created <= *query.date_created.gt) break;
    if (query.date_created.gte && keys.date_created < *query.date_created.gte) break;
    if (!matches(keys, query)) continue;
    if (skip > 0) {
      --skip;
      continue;
    }
    if (page.items.size() == limit) {
      page.has_more = true;
      break;
    }
    page.items.push_back(record);
  }
  return page;
}

template <typename Table>
auto all_of(const Table& table) {
  std::vector<std::remove_const_t<
      std::remove_pointer_t<typename std::decay_t<decltype(table.newest_first)>::value_type>>>
      all;
  for (const auto* record : list_order(table)) all.push_back(*record);
  return all;
}

template <typename Table, typename Record>
Record stored(Table& table, Record record) {
  table.stale = true;
  const std::string id = keys_of(record).id;
  return table.by_id.emplace(id, std::move(record)).first->second;
}

template <typename Table, typename Record>
std::optional<Record> find_in(const Table& table, const std::string& id) {
  auto it = table.by_id.find(id);
  if (it == table.by_id.end()) return std::nullopt;
  return it->second;
}

template <typename Table, typename Change>
auto update_in(Table& table, const std::string& id, const Change& change)
    -> std::optional<typename std::decay_t<decltype(table.by_id)>::mapped_type> {
  auto it = table.by_id.find(id);
  if (it == table.by_id.end()) return std::nullopt;
  change(it->second);
  table.stale = true;  // the change may have moved date_created
  return it->second;
}

// Ids stay taken after a delete, as Close never reuses one.
template <typename Table>
auto remove_from(Table& table, const std::string& id)
    -> std::optional<typename std::decay_t<decltype(table.by_id)>::mapped_type> {
  auto it = table.by_id.find(id);
  if (it == table.by_id.end()) return std::nullopt;
  auto removed = std::make_optional(std::move(it->second));
  table.by_id.erase(it);
  table.stale = true;
  return removed;
}

}  // namespace

bool TimeBounds::admits(const std::optional<Timestamp>& t) const {
  if (!gt && !gte && !lt && !lte) return true;
  if (!t) return false;
  return (!gt || *t > *gt) && (!gte || *t >= *gte) && (!lt || *t < *lt) && (!lte || *t <= *lte);
}

FakeActivityStore::FakeActivityStore() : random_(std::random_device{}()) {}

StoredCall FakeActivityStore::add_call(StoredCall call) {
  std::lock_guard<std::mutex> lock(mutex_);
  call.call.id = new_id();
  call.sequence = next_sequence_++;
  return stored(calls_, std::move(call));
}

std::vector<std::string> FakeActivityStore::add_calls(std::vector<StoredCall> calls) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> ids;
  ids.reserve(calls.size());
  calls_.by_id.reserve(calls_.by_id.size() + calls.size());
  for (StoredCall& call : calls) {
    call.call.id = new_id();
    call.sequence = next_sequence_++;
    ids.push_back(call.call.id);
    calls_.by_id.emplace(ids.back(), std::move(call));
  }
  calls_.stale = true;
  return ids;
}

StoredMeeting FakeActivityStore::add_meeting(StoredMeeting meeting) {
  std::lock_guard<std::mutex> lock(mutex_);
  meeting.meeting.id = new_id();
  meeting.sequence = next_sequence_++;
  return stored(meetings_, std::move(meeting));
}

std::optional<StoredCall> FakeActivityStore::find_call(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return find_in<Table<StoredCall>, StoredCall>(calls_, id);
}

std::optional<StoredMeeting> FakeActivityStore::find_meeting(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return find_in<Table<StoredMeeting>, StoredMeeting>(meetings_, id);
}

std::optional<StoredCall> FakeActivityStore::update_call(
    const std::string& id, const std::function<void(StoredCall&)>& change) {
  std::lock_guard<std::mutex> lock(mutex_);
  return update_in(calls_, id, change);
}

std::optional<StoredMeeting> FakeActivityStore::update_meeting(
    const std::string& id, const std::function<void(StoredMeeting&)>& change) {
  std::lock_guard<std::mutex> lock(mutex_);
  return update_in(meetings_, id, change);
}

std::optional<StoredCall> FakeActivityStore::remove_call(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return remove_from(calls_, id);
}

std::optional<StoredMeeting> FakeActivityStore::remove_meeting(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return remove_from(meetings_, id);
}

ActivityPage<StoredCall> FakeActivityStore::calls(const ActivityQuery& query, std::size_t skip,
                                                  std::size_t limit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return page_of(calls_, query, skip, limit);
}

ActivityPage<StoredMeeting> FakeActivityStore::meetings(const ActivityQuery& query,
                                                        std::size_t skip, std::size_t limit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return page_of(meetings_, query, skip, limit);
}

std::vector<StoredCall> FakeActivityStore::all_calls() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return all_of(calls_);
}

std::vector<StoredMeeting> FakeActivityStore::all_meetings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return all_of(meetings_);
}

void FakeActivityStore::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  calls_ = {};
  meetings_ = {};
  ids_.clear();
}

std::string FakeActivityStore::new_id() {
  std::uniform_int_distribution<std::size_t> pick(0, kActivityIdAlphabet.size() - 1);
  for (;;) {
    std::string id = "acti_";
    for (std::size_t i = 0; i < kActivityIdRandomChars; ++i)
      id += kActivityIdAlphabet[pick(random_)];
    if (ids_.insert(id).second) return id;
  }
}

}  // namespace closeio::testing::internal
