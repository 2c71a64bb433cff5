// The follower's rules: read back to the floor (the high-water mark minus the rescan window),
// deliver what was not delivered with the same or a newer date_updated, oldest first, and move
// the position past it. Nothing here does I/O or looks at a clock.
#include "internal/event_follower_core.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "closeio/errors.hpp"

namespace closeio::internal {
namespace {

constexpr std::chrono::seconds kMaxWindow = std::chrono::hours(24 * 30);
// The sketch of a backlog holds at most this many dates (it thins itself beyond).
constexpr std::size_t kMaxSamples = 1 << 16;
// Samples per batch: a bound falls after about max_batch / kSamplesPerBatch * this many events.
constexpr std::size_t kSamplesPerBatch = 4;
constexpr std::chrono::milliseconds kMaxInterval = std::chrono::hours(24);

bool newer_version_delivered(const std::unordered_map<std::string, Timestamp>& delivered,
                             const Event& event) {
  const auto it = delivered.find(event.id);
  return it != delivered.end() && it->second >= event.date_updated;
}

}  // namespace

void check_follow_options(const FollowOptions& options) {
  if (options.rescan_window < std::chrono::seconds(1) || options.rescan_window > kMaxWindow) {
    throw std::invalid_argument("closeio: FollowOptions::rescan_window must be 1 s to 30 days");
  }
  if (options.interval < std::chrono::milliseconds(0) || options.interval > kMaxInterval) {
    throw std::invalid_argument("closeio: FollowOptions::interval must be 0 to 24 hours");
  }
  if (options.max_remembered < 1) {
    throw std::invalid_argument("closeio: FollowOptions::max_remembered must be 1 or more");
  }
  if (options.page_size < 1 || options.page_size > 50) {
    throw std::invalid_argument("closeio: FollowOptions::page_size must be 1 to 50");
  }
  if (options.max_batch < 1) {
    throw std::invalid_argument("closeio: FollowOptions::max_batch must be 1 or more");
  }
}

FollowerCore::FollowerCore(const EventPosition& start, FollowOptions options, std::size_t streams)
    : options_(options), streams_(streams), baseline_(start.from_now()) {
  check_follow_options(options_);
  if (streams_ < 1) throw std::invalid_argument("closeio: an event follower needs a filter");
  floor_ = start.floor();
  high_water_ = start.high_water();
  delivered_.reserve(start.remembered().size());
  for (const auto& [id, date] : start.remembered()) delivered_.emplace(id, date);
  forget_below_floor();  // A position stored with a larger max_remembered.
}

FollowerPageRequest FollowerCore::request(std::size_t stream, std::string cursor) const {
  FollowerPageRequest r;
  r.stream = stream;
  // The baseline reads from the newest event down, whatever the local clock says; the epoch
  // floor (an empty log at the baseline) needs no bound.
  if (!baseline_ && floor_ != Timestamp{}) r.updated_since = floor_;
  if (bound_ && settled_ && high_water_ && *bound_ <= *settled_) {
    // Catching up on settled events: everything below the high-water mark was delivered.
    r.updated_since = std::max(floor_, *high_water_);
  }
  r.updated_until = bound_;
  r.cursor = std::move(cursor);
  return r;
}

std::optional<Timestamp> FollowerCore::choose_bound() const {
  if (baseline_) return std::nullopt;
  // About max_batch new events (give or take a sample step) lie up to the sample after the
  // `wanted`-th, so the pass fills about a batch. With no sample that far, the rest of the
  // backlog is small enough for one walk with no bound.
  const std::size_t wanted = std::max<std::size_t>(1, options_.max_batch / sample_step_);
  if (samples_.size() <= wanted) return std::nullopt;
  return samples_[wanted];
}

FollowerPageRequest FollowerCore::begin_pass() {
  abandon_pass();
  bound_ = choose_bound();
  return request(0, "");
}

void FollowerCore::abandon_pass() {
  pass_.clear();
  stream_ = 0;
  sequence_ = 0;
  cursors_.clear();
  baseline_cut_.reset();
  bound_.reset();
  trimmed_ = false;
  pass_samples_.clear();
  pass_step_ = std::max<std::size_t>(1, options_.max_batch / kSamplesPerBatch);
  pass_read_ = 0;
  pass_newest_.reset();
}

void FollowerCore::sample(Timestamp date) {
  if (!pass_newest_ || date > *pass_newest_) pass_newest_ = date;
  if (pass_read_++ % pass_step_ != 0) return;
  pass_samples_.push_back(date);
  if (pass_samples_.size() < kMaxSamples) return;
  // Thin out: every other sample, twice the step from now on.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < pass_samples_.size(); i += 2)
    pass_samples_[kept++] = pass_samples_[i];
  pass_samples_.resize(kept);
  pass_step_ *= 2;
}

void FollowerCore::update_samples() {
  if (!bound_) {
    // A walk with no bound: its sketch replaces the old one.
    samples_ = std::move(pass_samples_);
    sample_step_ = pass_step_;
    std::sort(samples_.begin(), samples_.end());
    settled_.reset();
    if (pass_newest_) settled_ = *pass_newest_ - options_.rescan_window;
  } else if (!trimmed_) {
    // Everything up to the bound was delivered: the samples below it are spent (whether or not
    // their events are still there: an expired or consolidated one must not stall the walk).
    samples_.erase(samples_.begin(), std::upper_bound(samples_.begin(), samples_.end(), *bound_));
  }
  if (high_water_) {
    samples_.erase(samples_.begin(),
                   std::upper_bound(samples_.begin(), samples_.end(), *high_water_));
  }
}

void FollowerCore::keep(Event event) {
  pass_.push_back(Pending{std::move(event), stream_, sequence_++});
  if (!baseline_ && pass_.size() >= 2 * options_.max_batch) trim_pass();
}

std::vector<std::size_t> FollowerCore::delivery_order(std::size_t keep) const {
  // Sorting compact keys rather than comparing through whole events keeps the sort in cache.
  struct Key {
    Timestamp date;
    std::size_t stream;
    std::size_t sequence;
    std::size_t index;
  };
  std::vector<Key> keys(pass_.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    keys[i] = Key{pass_[i].event.date_updated, pass_[i].stream, pass_[i].sequence, i};
  }
  const auto before = [](const Key& a, const Key& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.stream != b.stream) return a.stream < b.stream;
    return a.sequence > b.sequence;
  };
  if (keep < keys.size()) {
    std::nth_element(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(keep), keys.end(),
                     before);
    keys.resize(keep);
  }
  std::sort(keys.begin(), keys.end(), before);
  std::vector<std::size_t> order(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].index;
  return order;
}

void FollowerCore::trim_pass() {
  trimmed_ = true;
  // The last to deliver go: they are after the delivered ones and come with the next pass.
  const std::vector<std::size_t> order = delivery_order(options_.max_batch);
  std::vector<Pending> kept;
  kept.reserve(2 * options_.max_batch);
  for (std::size_t i : order) kept.push_back(std::move(pass_[i]));
  pass_ = std::move(kept);
}

std::optional<FollowerPageRequest> FollowerCore::take_page(FollowerPage page) {
  bool reached_floor = false;
  for (Event& event : page.events) {
    if (baseline_) {
      if (!baseline_cut_) baseline_cut_ = event.date_updated - options_.rescan_window;
      if (event.date_updated < *baseline_cut_) {
        reached_floor = true;
        break;
      }
      keep(std::move(event));
      continue;
    }
    // Defensive: a server that ignores date_updated__gte still ends the walk at the floor.
    if (event.date_updated < floor_) {
      reached_floor = true;
      break;
    }
    // Above the bound (a server that ignores date_updated__lte): a later pass reads it.
    if (bound_ && event.date_updated > *bound_) continue;
    if (!bound_) sample(event.date_updated);
    if (newer_version_delivered(delivered_, event)) continue;
    keep(std::move(event));
  }
  if (reached_floor || page.cursor_next.empty()) {
    if (++stream_ >= streams_) return std::nullopt;
    cursors_.clear();
    baseline_cut_.reset();  // Each walk of the baseline reads its own newest minutes.
    return request(stream_, "");
  }
  if (!cursors_.insert(page.cursor_next).second) {
    throw DecodeError("closeio: GET /event/: the log answered a cursor it had answered before", 1);
  }
  return request(stream_, std::move(page.cursor_next));
}

std::vector<Event> FollowerCore::finish_pass() {
  // Oldest first; among equal dates the reverse of Close's order (events of one object come in
  // the right order when their timestamps tie).
  if (!baseline_ && pass_.size() > options_.max_batch) trimmed_ = true;
  const std::vector<std::size_t> order =
      delivery_order(baseline_ ? pass_.size() : options_.max_batch);
  std::vector<Event> batch;
  batch.reserve(order.size());
  for (std::size_t i : order) batch.push_back(std::move(pass_[i].event));
  // The same (id, date_updated) twice in one pass (events moved between pages while we read)
  // is delivered once: the first copy is in delivered_ when the second comes.
  std::vector<Event> fresh;
  fresh.reserve(batch.size());
  for (Event& event : batch) {
    auto it = delivered_.find(event.id);
    if (it != delivered_.end() && it->second >= event.date_updated) continue;
    if (it == delivered_.end()) {
      delivered_.emplace(event.id, event.date_updated);
    } else {
      it->second = event.date_updated;
    }
    if (!high_water_ || event.date_updated > *high_water_) high_water_ = event.date_updated;
    fresh.push_back(std::move(event));
  }
  if (baseline_) {
    baseline_ = false;
    fresh.clear();  // Recorded, not delivered: they were there before the follower started.
  }
  if (high_water_) floor_ = std::max(floor_, *high_water_ - options_.rescan_window);
  forget_below_floor();
  behind_ = trimmed_ || bound_.has_value();
  update_samples();
  abandon_pass();
  return fresh;
}

void FollowerCore::forget_below_floor() {
  if (delivered_.size() > options_.max_remembered) {
    // Too many inside the window: raise the floor above the oldest so that at most
    // max_remembered stay (never twice, at the price of late events below the new floor).
    std::vector<Timestamp> dates;
    dates.reserve(delivered_.size());
    for (const auto& entry : delivered_) dates.push_back(entry.second);
    const std::size_t drop = delivered_.size() - options_.max_remembered;
    std::nth_element(dates.begin(), dates.begin() + static_cast<std::ptrdiff_t>(drop - 1),
                     dates.end());
    Timestamp raised = dates[drop - 1] + std::chrono::microseconds(1);
    // Never above the high-water mark (all of them at one date): then more than max_remembered
    // stay, as they must for none to come twice.
    if (high_water_ && raised > *high_water_) raised = *high_water_;
    floor_ = std::max(floor_, raised);
  }
  for (auto it = delivered_.begin(); it != delivered_.end();) {
    it = it->second < floor_ ? delivered_.erase(it) : std::next(it);
  }
}

EventPosition FollowerCore::position() const {
  if (baseline_) return {};
  std::vector<EventPosition::Delivery> remembered(delivered_.begin(), delivered_.end());
  return EventPosition::from_parts(floor_, high_water_, std::move(remembered));
}

std::vector<Event> run_pass(FollowerCore& core,
                            const std::function<FollowerPage(const FollowerPageRequest&)>& load) {
  std::optional<FollowerPageRequest> next = core.begin_pass();
  try {
    while (next) next = core.take_page(load(*next));
  } catch (...) {
    core.abandon_pass();
    throw;
  }
  return core.finish_pass();
}

}  // namespace closeio::internal
