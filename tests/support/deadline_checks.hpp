// The check every "deadline before the first attempt" test makes.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <closeio/errors.hpp>
#include <functional>
#include <string>

namespace closeio::test {

/// Runs `call` and expects the TransportError of a call deadline of `deadline_ms` that passed
/// before any attempt was sent (attempts() == 0).
inline void expect_deadline_before_any_attempt(const std::function<void()>& call, int deadline_ms) {
  try {
    call();
    FAIL() << "expected the TransportError of the call deadline";
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.timed_out());
    EXPECT_EQ(e.attempts(), 0);
    EXPECT_THAT(e.what(), ::testing::HasSubstr("call deadline of " + std::to_string(deadline_ms) +
                                               " ms exceeded"));
  }
}

}  // namespace closeio::test
