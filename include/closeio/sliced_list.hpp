/// @file
/// Options and progress of a sliced parallel walk of a call or meeting list (list_sliced()).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "closeio/timestamp.hpp"

namespace closeio {

/// How far a sliced walk has got; handed to SlicedListOptions::on_progress.
struct SliceProgress {
  int slices_total = 0;    ///< Date windows in the walk.
  int slices_done = 0;     ///< Windows walked to their end.
  std::int64_t rows = 0;   ///< Rows delivered so far (each row once).
  std::int64_t pages = 0;  ///< Pages received so far.
};

/// How list_sliced() splits a list into date windows and walks them. The windows split
/// [from, to) into `slices` equal spans of date_created (microsecond boundaries, Close's
/// resolution); each row falls in exactly one, and each window is walked like list(), past
/// Close's `_skip` cap if it must.
struct SlicedListOptions {
  Timestamp from{};  ///< First date_created included (UTC). Required: before `to`.
  Timestamp to{};    ///< First date_created excluded (UTC). Required: after `from`.
  int slices = 16;   ///< Number of windows, 1 to 10,000. Default: 16.
  /// Pages requested at once (at most one per window), 1 to 64; the session's in-flight bound
  /// and rate-limit pacing still apply. Default: 8.
  int max_in_flight = 8;
  int limit = 100;                  ///< Rows per page (`_limit`), 1 or more. Default: 100.
  std::vector<std::string> fields;  ///< Only these fields (`_fields`); empty: all. Default: all.
  /// Called on the calling thread after each page, with the progress so far. It may throw to
  /// stop the walk (the exception reaches the caller). Default: none.
  std::function<void(const SliceProgress&)> on_progress;
};

}  // namespace closeio
