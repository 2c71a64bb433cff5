// One table per enum of wire names: to_string, parsing and the JSON layer all read it, so a new
// enumerator is one line.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace closeio::internal {

/// One enumerator and its wire name (a plain struct: std::pair is not constexpr-assignable in
/// C++17).
template <class E>
struct WireName {
  E value;
  std::string_view wire;
};

/// The wire names of enum E; `fallback` is what unknown text parses to (and is never a wire
/// value itself: its name is "unknown").
template <class E, std::size_t N>
struct WireEnum {
  std::array<WireName<E>, N> names;
  E fallback;

  /// The wire name of `value`; "unknown" for the fallback and for out-of-range values.
  constexpr std::string_view name(E value) const noexcept {
    for (const auto& [e, wire] : names) {
      if (e == value) return wire;
    }
    return "unknown";
  }
  /// The enumerator whose wire name is `wire`, else the fallback.
  constexpr E parse(std::string_view wire) const noexcept {
    for (const auto& [e, text] : names) {
      if (text == wire) return e;
    }
    return fallback;
  }
  /// True when `value` has a wire name (it is not the fallback).
  constexpr bool sendable(E value) const noexcept { return name(value) != "unknown"; }
};

/// Deduces N: `make_wire_enum<E>(E::unknown, {{E::a, "a"}, ...})`.
template <class E, std::size_t N>
constexpr WireEnum<E, N> make_wire_enum(E fallback, const WireName<E> (&names)[N]) {
  WireEnum<E, N> out{{}, fallback};
  for (std::size_t i = 0; i < N; ++i) out.names[i] = names[i];
  return out;
}

}  // namespace closeio::internal
