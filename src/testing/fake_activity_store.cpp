#include "testing/fake_activity_store.hpp"

#include <algorithm>
#include <string_view>
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
void sort_newest_first(std::vector<Record>& records) {
  std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    const Keys ka = keys_of(a);
    const Keys kb = keys_of(b);
    if (ka.date_created != kb.date_created) return ka.date_created > kb.date_created;
    return a.sequence > b.sequence;
  });
}

template <typename Record>
ActivityPage<Record> page_of(const std::vector<Record>& records, const ActivityQuery& query,
                             std::size_t skip, std::size_t limit) {
  std::vector<Record> matching;
  for (const Record& record : records) {
    if (matches(keys_of(record), query)) matching.push_back(record);
  }
  sort_newest_first(matching);
  ActivityPage<Record> page;
  const std::size_t begin = std::min(skip, matching.size());
  const std::size_t end = begin + std::min(limit, matching.size() - begin);
  page.items.assign(std::make_move_iterator(matching.begin() + static_cast<std::ptrdiff_t>(begin)),
                    std::make_move_iterator(matching.begin() + static_cast<std::ptrdiff_t>(end)));
  page.has_more = end < matching.size();
  return page;
}

template <typename Record>
Record* find_in(std::vector<Record>& records, const std::string& id) {
  for (Record& record : records) {
    if (keys_of(record).id == id) return &record;
  }
  return nullptr;
}

template <typename Record>
const Record* find_in(const std::vector<Record>& records, const std::string& id) {
  for (const Record& record : records) {
    if (keys_of(record).id == id) return &record;
  }
  return nullptr;
}

// Ids stay taken after a delete, as Close never reuses one.
template <typename Record>
std::optional<Record> remove_from(std::vector<Record>& records, const std::string& id) {
  auto it = std::find_if(records.begin(), records.end(),
                         [&](const Record& record) { return keys_of(record).id == id; });
  if (it == records.end()) return std::nullopt;
  std::optional<Record> removed(std::move(*it));
  records.erase(it);
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
  calls_.push_back(call);
  return call;
}

StoredMeeting FakeActivityStore::add_meeting(StoredMeeting meeting) {
  std::lock_guard<std::mutex> lock(mutex_);
  meeting.meeting.id = new_id();
  meeting.sequence = next_sequence_++;
  meetings_.push_back(meeting);
  return meeting;
}

std::optional<StoredCall> FakeActivityStore::find_call(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const StoredCall* found = find_in(calls_, id);
  if (found == nullptr) return std::nullopt;
  return *found;
}

std::optional<StoredMeeting> FakeActivityStore::find_meeting(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const StoredMeeting* found = find_in(meetings_, id);
  if (found == nullptr) return std::nullopt;
  return *found;
}

std::optional<StoredCall> FakeActivityStore::update_call(
    const std::string& id, const std::function<void(StoredCall&)>& change) {
  std::lock_guard<std::mutex> lock(mutex_);
  StoredCall* found = find_in(calls_, id);
  if (found == nullptr) return std::nullopt;
  change(*found);
  return *found;
}

std::optional<StoredMeeting> FakeActivityStore::update_meeting(
    const std::string& id, const std::function<void(StoredMeeting&)>& change) {
  std::lock_guard<std::mutex> lock(mutex_);
  StoredMeeting* found = find_in(meetings_, id);
  if (found == nullptr) return std::nullopt;
  change(*found);
  return *found;
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
  std::vector<StoredCall> all = calls_;
  sort_newest_first(all);
  return all;
}

std::vector<StoredMeeting> FakeActivityStore::all_meetings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<StoredMeeting> all = meetings_;
  sort_newest_first(all);
  return all;
}

void FakeActivityStore::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  calls_.clear();
  meetings_.clear();
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
