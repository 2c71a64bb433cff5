#include "support/heap_counter.hpp"

#include <curl/curl.h>
#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

namespace closeio::bench {
namespace {

struct Gauge {
  std::atomic<std::size_t> live{0};
  std::atomic<std::size_t> peak{0};

  void add(void* p) noexcept {
    const std::size_t now =
        live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed) + malloc_usable_size(p);
    std::size_t seen = peak.load(std::memory_order_relaxed);
    while (now > seen && !peak.compare_exchange_weak(seen, now, std::memory_order_relaxed)) {
    }
  }
  void remove(void* p) noexcept {
    live.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
  }
};

Gauge cxx_heap;
Gauge curl_heap;

void* counted_new(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (!p) throw std::bad_alloc();
  cxx_heap.add(p);
  return p;
}

void counted_delete(void* p) noexcept {
  if (!p) return;
  cxx_heap.remove(p);
  std::free(p);
}

void* counting_malloc(std::size_t size) {
  void* p = std::malloc(size);
  if (p) curl_heap.add(p);
  return p;
}
void counting_free(void* p) {
  if (!p) return;
  curl_heap.remove(p);
  std::free(p);
}
void* counting_realloc(void* p, std::size_t size) {
  const std::size_t old = p ? malloc_usable_size(p) : 0;
  void* q = std::realloc(p, size);
  if (!q) return nullptr;  // p is untouched
  curl_heap.live.fetch_sub(old, std::memory_order_relaxed);
  curl_heap.add(q);
  return q;
}
char* counting_strdup(const char* s) {
  const std::size_t n = std::strlen(s) + 1;
  auto* p = static_cast<char*>(counting_malloc(n));
  if (p) std::memcpy(p, s, n);
  return p;
}
void* counting_calloc(std::size_t count, std::size_t size) {
  void* p = std::calloc(count, size);
  if (p) curl_heap.add(p);
  return p;
}

}  // namespace

std::size_t heap_live_bytes() noexcept { return cxx_heap.live.load(std::memory_order_relaxed); }
std::size_t heap_peak_bytes() noexcept { return cxx_heap.peak.load(std::memory_order_relaxed); }
std::size_t curl_live_bytes() noexcept { return curl_heap.live.load(std::memory_order_relaxed); }
std::size_t curl_peak_bytes() noexcept { return curl_heap.peak.load(std::memory_order_relaxed); }

void reset_heap_peak() noexcept {
  cxx_heap.peak.store(cxx_heap.live.load(std::memory_order_relaxed), std::memory_order_relaxed);
  curl_heap.peak.store(curl_heap.live.load(std::memory_order_relaxed), std::memory_order_relaxed);
}

bool install_curl_heap_counter() noexcept {
  return curl_global_init_mem(CURL_GLOBAL_DEFAULT, &counting_malloc, &counting_free,
                              &counting_realloc, &counting_strdup, &counting_calloc) == CURLE_OK;
}

}  // namespace closeio::bench

// The replaceable global allocation functions (aligned ones keep the library's defaults: they
// pair with their own deletes, and nothing measured here over-aligns).
void* operator new(std::size_t size) { return closeio::bench::counted_new(size); }
void* operator new[](std::size_t size) { return closeio::bench::counted_new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return closeio::bench::counted_new(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return closeio::bench::counted_new(size);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p) noexcept { closeio::bench::counted_delete(p); }
void operator delete[](void* p) noexcept { closeio::bench::counted_delete(p); }
void operator delete(void* p, std::size_t) noexcept { closeio::bench::counted_delete(p); }
void operator delete[](void* p, std::size_t) noexcept { closeio::bench::counted_delete(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { closeio::bench::counted_delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  closeio::bench::counted_delete(p);
}
