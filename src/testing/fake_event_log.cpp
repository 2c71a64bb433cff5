#include "testing/fake_event_log.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "testing/fake_json_support.hpp"
#include "testing/fake_outcome_json.hpp"
#include "testing/fake_outcome_store.hpp"

namespace closeio::testing::internal {
namespace {

constexpr std::string_view kIdAlphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kIdRandomChars = 22;  // like ev_2hrKcXnG6oUZjs3wPkZw1a

std::int64_t micros_of(Timestamp t) { return t.time_since_epoch().count(); }

nlohmann::ordered_json optional_text(const std::optional<std::string>& value) {
  return optional_string(value);
}

}  // namespace

std::string format_event_timestamp(Timestamp t) {
  std::string text = format_close_timestamp(t);
  const std::string_view utc = "+00:00";
  if (text.size() > utc.size() && text.compare(text.size() - utc.size(), utc.size(), utc) == 0) {
    text.resize(text.size() - utc.size());
  }
  return text;
}

Event to_public_event(const StoredEvent& event) {
  const nlohmann::json json = nlohmann::json::parse(event.json);
  const auto text = [&](const char* key) -> std::optional<std::string> {
    const nlohmann::json& value = json.at(key);
    if (value.is_null()) return std::nullopt;
    return value.is_string() ? value.get<std::string>() : value.dump();
  };
  Event out;
  out.id = event.id;
  out.object_type = event.object_type;
  out.object_id = event.object_id;
  out.action = event.action;
  out.date_created = event.date_created;
  out.date_updated = event.date_updated;
  out.organization_id = text("organization_id");
  out.user_id = event.user_id;
  out.lead_id = event.lead_id;
  out.request_id = event.request_id;
  out.api_key_id = text("api_key_id");
  out.changed_fields = json.at("changed_fields").get<std::vector<std::string>>();
  const auto raw = [&](const char* key) -> std::optional<std::string> {
    const nlohmann::json& value = json.at(key);
    if (value.is_null()) return std::nullopt;
    return value.dump();
  };
  out.data = raw("data");
  out.previous_data = raw("previous_data");
  out.meta = raw("meta");
  return out;
}

bool matches(const StoredEvent& event, const EventFilter& filter) {
  const auto same = [](const std::optional<std::string>& wanted,
                       const std::optional<std::string>& value) {
    return !wanted || (value && *value == *wanted);
  };
  return same(filter.object_type, event.object_type) && same(filter.object_id, event.object_id) &&
         same(filter.action, event.action) && same(filter.lead_id, event.lead_id) &&
         same(filter.user_id, event.user_id) && same(filter.request_id, event.request_id) &&
         filter.date_updated.admits(event.date_updated);
}

FakeEventLog::FakeEventLog(std::string organization_id, std::size_t capacity,
                           std::chrono::milliseconds retention)
    : organization_id_(std::move(organization_id)),
      capacity_(std::max<std::size_t>(capacity, 1)),
      retention_(retention),
      random_(std::random_device{}()) {}

void FakeEventLog::set_listener(Listener listener) { listener_ = std::move(listener); }

StoredEvent FakeEventLog::append(EventRecord record) {
  const Timestamp now = now_utc();
  StoredEvent event;
  event.object_type = std::move(record.object_type);
  event.object_id = std::move(record.object_id);
  event.action = std::move(record.action);
  event.user_id = std::move(record.user_id);
  event.lead_id = std::move(record.lead_id);
  event.request_id = std::move(record.request_id);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // Dates the log assigns never go back, even when the wall clock is stepped back (a VM's
    // clock sync): a walk down the log must not meet events newer than the ones above it.
    const Timestamp stamped = std::max(now, last_stamp_);
    last_stamp_ = stamped;
    event.date_created = record.date_created.value_or(stamped);
    event.date_updated = record.date_updated.value_or(event.date_created);
    event.id = random_id("ev_", kIdRandomChars);
    event.key = EventKey{micros_of(event.date_updated), next_sequence_++};
    // Key order follows Close's example event.
    nlohmann::ordered_json json = nlohmann::ordered_json::object();
    json["id"] = event.id;
    json["date_created"] = format_event_timestamp(event.date_created);
    json["date_updated"] = format_event_timestamp(event.date_updated);
    json["action"] = event.action;
    json["object_type"] = event.object_type;
    json["object_id"] = event.object_id;
    json["lead_id"] = optional_text(event.lead_id);
    json["user_id"] = optional_text(event.user_id);
    json["organization_id"] = organization_id_;
    json["request_id"] = optional_text(event.request_id);
    json["api_key_id"] = optional_text(record.api_key_id);
    json["changed_fields"] = record.changed_fields;
    json["previous_data"] = std::move(record.previous_data);
    json["data"] = std::move(record.data);
    json["meta"] = std::move(record.meta);
    event.json = dump_json(json);

    events_.emplace(event.key, event);
    by_id_.emplace(event.id, event.key);
    // Bounded in age and count: the oldest go first.
    const std::int64_t now_micros = micros_of(now);
    while (!events_.empty() &&
           (events_.size() > capacity_ || expired(events_.begin()->second, now_micros))) {
      by_id_.erase(events_.begin()->second.id);
      events_.erase(events_.begin());
    }
  }
  if (listener_) listener_(event);
  return event;
}

bool FakeEventLog::expired(const StoredEvent& event, std::int64_t now_micros) const {
  return event.key.micros <
         now_micros - std::chrono::duration_cast<std::chrono::microseconds>(retention_).count();
}

std::optional<StoredEvent> FakeEventLog::find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto at = by_id_.find(id);
  if (at == by_id_.end()) return std::nullopt;
  const StoredEvent& event = events_.at(at->second);
  if (expired(event, micros_of(now_utc()))) return std::nullopt;
  return event;
}

EventPage FakeEventLog::page(const EventFilter& filter, const std::optional<EventKey>& after,
                             bool newer, std::size_t limit) const {
  const std::int64_t now_micros = micros_of(now_utc());
  const auto admitted = [&](const StoredEvent& event) {
    return !expired(event, now_micros) && matches(event, filter);
  };
  EventPage page;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!newer) {
    // Older: walk down from just below `after` (or from the newest).
    auto it = after ? events_.lower_bound(*after) : events_.end();
    while (it != events_.begin()) {
      --it;
      if (!admitted(it->second)) continue;
      if (page.items.size() == limit) {
        page.older = page.items.back().key;
        break;
      }
      page.items.push_back(it->second);
    }
    // Anything newer than the first item (events that arrived after `after` was handed out)?
    if (!page.items.empty()) {
      for (auto up = events_.upper_bound(page.items.front().key); up != events_.end(); ++up) {
        if (admitted(up->second)) {
          page.newer = page.items.front().key;
          break;
        }
      }
    }
    return page;
  }
  // Newer: walk up from just above `after`, then present newest first.
  auto it = events_.upper_bound(*after);
  for (; it != events_.end(); ++it) {
    if (!admitted(it->second)) continue;
    if (page.items.size() == limit) break;
    page.items.push_back(it->second);
  }
  if (page.items.empty()) return page;
  if (it != events_.end()) page.newer = page.items.back().key;
  std::reverse(page.items.begin(), page.items.end());
  for (auto down = events_.lower_bound(page.items.back().key); down != events_.begin();) {
    --down;
    if (admitted(down->second)) {
      page.older = page.items.back().key;
      break;
    }
  }
  return page;
}

std::vector<StoredEvent> FakeEventLog::all() const {
  const std::int64_t now_micros = micros_of(now_utc());
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<StoredEvent> all;
  all.reserve(events_.size());
  for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
    if (!expired(it->second, now_micros)) all.push_back(it->second);
  }
  return all;
}

std::size_t FakeEventLog::size() const {
  const std::int64_t now_micros = micros_of(now_utc());
  std::lock_guard<std::mutex> lock(mutex_);
  // Expired events sit at the old end: count from the newest down to the first expired one.
  std::size_t count = 0;
  for (auto it = events_.rbegin(); it != events_.rend() && !expired(it->second, now_micros); ++it) {
    ++count;
  }
  return count;
}

void FakeEventLog::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  events_.clear();
  by_id_.clear();
}

std::string FakeEventLog::new_request_id() {
  std::lock_guard<std::mutex> lock(mutex_);
  return random_id("req_", kIdRandomChars);
}

std::string FakeEventLog::random_id(const char* prefix, std::size_t length) {
  std::uniform_int_distribution<std::size_t> pick(0, kIdAlphabet.size() - 1);
  for (;;) {
    std::string id = prefix;
    for (std::size_t i = 0; i < length; ++i) id += kIdAlphabet[pick(random_)];
    if (by_id_.count(id) == 0) return id;
  }
}

}  // namespace closeio::testing::internal
