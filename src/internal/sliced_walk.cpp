#include "internal/sliced_walk.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

namespace closeio::internal {
namespace {

constexpr int kMaxSlices = 10000;
constexpr int kMaxInFlight = 64;

void require_valid(const SlicedListOptions& options) {
  if (options.slices < 1 || options.slices > kMaxSlices) {
    throw std::invalid_argument("closeio: list_sliced() needs 1 to " + std::to_string(kMaxSlices) +
                                " slices, got " + std::to_string(options.slices));
  }
  if (options.max_in_flight < 1 || options.max_in_flight > kMaxInFlight) {
    throw std::invalid_argument("closeio: list_sliced() needs max_in_flight from 1 to " +
                                std::to_string(kMaxInFlight) + ", got " +
                                std::to_string(options.max_in_flight));
  }
  if (options.limit < 1) {
    throw std::invalid_argument("closeio: list_sliced() needs a limit of 1 or more, got " +
                                std::to_string(options.limit));
  }
  if (!(options.from < options.to)) {
    throw std::invalid_argument("closeio: list_sliced() needs `from` before `to`, got " +
                                format_timestamp(options.from) + " and " +
                                format_timestamp(options.to));
  }
}

}  // namespace

std::vector<ActivityFilter> slice_windows(const ActivityFilter& filter,
                                          const SlicedListOptions& options) {
  require_valid(options);
  constexpr std::chrono::microseconds kTick(1);
  Timestamp low = options.from;
  if (filter.created_after) low = std::max(low, *filter.created_after + kTick);
  Timestamp high = options.to;
  if (filter.created_before) high = std::min(high, *filter.created_before);
  std::vector<ActivityFilter> windows;
  if (!(low < high)) return windows;
  const std::int64_t span = (high - low).count();
  const std::int64_t count = std::min<std::int64_t>(options.slices, span);
  // low + span * i / count without overflow: span * 10,000 can pass 2^63 for old dates.
  auto boundary = [&](std::int64_t i) {
    return low + std::chrono::microseconds(span / count * i + span % count * i / count);
  };
  windows.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    ActivityFilter window = filter;
    window.created_after = boundary(i) - kTick;  // `__gt` start - 1 µs: start included
    window.created_before = boundary(i + 1);     // `__lt` end: end excluded
    windows.push_back(std::move(window));
  }
  return windows;
}

}  // namespace closeio::internal
