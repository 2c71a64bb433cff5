// Feeds arbitrary bytes to every decoder that reads server output. Any crash, sanitizer report,
// leak or exception other than closeio::DecodeError is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "closeio/errors.hpp"
#include "internal/error_body.hpp"
#include "internal/event_codec.hpp"
#include "internal/json_codec.hpp"
#include "internal/json_fast_decode.hpp"
#include "internal/rate_limit_headers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  try {
    (void)closeio::internal::decode_outcome(body);
  } catch (const closeio::DecodeError&) {
  }
  // Differential check: whatever the fast path accepts, the full decoder must decode the same.
  closeio::Outcome fast;
  if (closeio::internal::fast_decode_outcome(body, fast)) {
    if (!(fast == closeio::internal::decode_outcome_full(body))) __builtin_trap();
  }
  closeio::Page<closeio::Outcome> fast_page;
  if (closeio::internal::fast_decode_outcome_page(body, fast_page)) {
    const auto full_page = closeio::internal::decode_outcome_page_full(body);
    if (!(fast_page.data == full_page.data) || fast_page.has_more != full_page.has_more) {
      __builtin_trap();
    }
  }
  try {
    (void)closeio::internal::decode_outcome_page(body);
  } catch (const closeio::DecodeError&) {
  }
  try {
    closeio::internal::check_delete_body(body);
  } catch (const closeio::DecodeError&) {
  }
  // Events, event pages and webhook deliveries: DecodeError only, and both paths agree.
  closeio::Event fast_event;
  const bool event_ok = closeio::internal::fast_decode_event(body, fast_event);
  try {
    const closeio::Event full_event = closeio::internal::decode_event_full(body);
    // The fast path may decline what the full decoder reads (a repeated key, say: the full
    // decoder keeps the last value); what it accepts must match.
    if (event_ok &&
        (fast_event.id != full_event.id || fast_event.date_updated != full_event.date_updated ||
         fast_event.changed_fields != full_event.changed_fields ||
         fast_event.data.has_value() != full_event.data.has_value())) {
      __builtin_trap();
    }
  } catch (const closeio::DecodeError& e) {
    // The fast path keeps numbers nlohmann cannot hold (1e999) as text; nothing else differs.
    if (event_ok && std::string_view(e.what()).find("number overflow") == std::string_view::npos) {
      __builtin_trap();
    }
  }
  try {
    (void)closeio::internal::decode_delivery(body);
  } catch (const closeio::DecodeError&) {
  }
  try {
    (void)closeio::internal::decode_event_page(body);
  } catch (const closeio::DecodeError&) {
  }
  (void)closeio::internal::scan_subscription_id(body);
  const closeio::internal::ErrorBody parsed = closeio::internal::parse_error_body(body);
  if (parsed.message.size() > 64 * 1024) __builtin_trap();  // Messages must stay bounded.
  const closeio::HttpHeaders headers = {{"RateLimit", std::string(body)},
                                        {"Retry-After", std::string(body)},
                                        {"X-Rate-Limit-Reset", std::string(body)}};
  (void)closeio::internal::server_requested_wait(headers, parsed.rate_reset_seconds,
                                                 std::chrono::system_clock::now());
  (void)closeio::internal::parse_rate_limit_info(headers, std::chrono::system_clock::now());
  return 0;
}
