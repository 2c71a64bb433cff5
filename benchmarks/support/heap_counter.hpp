// Counts the live heap of the process: every global operator new/delete (replaced in
// heap_counter.cpp, linked only into the benchmark that needs it) and, once
// install_curl_heap_counter() ran, libcurl's own malloc/free. Current and peak bytes, as
// malloc_usable_size() reports them (so slightly above the sizes asked for).
#pragma once

#include <cstddef>

namespace closeio::bench {

/// Bytes currently allocated with operator new and not yet deleted.
std::size_t heap_live_bytes() noexcept;
/// Highest heap_live_bytes() since the last reset_heap_peak().
std::size_t heap_peak_bytes() noexcept;
/// Bytes currently allocated by libcurl (after install_curl_heap_counter()).
std::size_t curl_live_bytes() noexcept;
/// Highest curl_live_bytes() since the last reset_heap_peak().
std::size_t curl_peak_bytes() noexcept;
/// Sets both peaks to the current live figures.
void reset_heap_peak() noexcept;
/// Routes libcurl's allocations through counting wrappers (curl_global_init_mem). Must run
/// before anything else initialises libcurl (first thing in main()). Returns false if libcurl
/// refused.
bool install_curl_heap_counter() noexcept;

}  // namespace closeio::bench
