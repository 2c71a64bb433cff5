// CompletionBatch: what the I/O thread defers in one pass of its loop (fulfilling futures) runs
// together when the pass ends, in order; outside a pass it runs at once.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "internal/completion_batch.hpp"

namespace closeio::unit_completion_batch_test {
namespace {

using internal::CompletionBatch;

TEST(CompletionBatch, OutsideAPassRunsAtOnce) {
  std::vector<std::string> ran;
  CompletionBatch::defer([&] { ran.emplace_back("now"); });
  EXPECT_EQ(ran, (std::vector<std::string>{"now"}));
}

TEST(CompletionBatch, InsideAPassRunsWhenItEndsInOrder) {
  std::vector<std::string> ran;
  {
    const CompletionBatch::Scope pass;
    CompletionBatch::defer([&] { ran.emplace_back("first"); });
    CompletionBatch::defer([&] { ran.emplace_back("second"); });
    EXPECT_TRUE(ran.empty());
  }
  EXPECT_EQ(ran, (std::vector<std::string>{"first", "second"}));
}

TEST(CompletionBatch, AfterAPassEndsDeferRunsAtOnceAgain) {
  std::vector<std::string> ran;
  { const CompletionBatch::Scope pass; }
  CompletionBatch::defer([&] { ran.emplace_back("later"); });
  EXPECT_EQ(ran, (std::vector<std::string>{"later"}));
}

TEST(CompletionBatch, ANestedPassRunsItsOwnWhenItEnds) {
  std::vector<std::string> ran;
  {
    const CompletionBatch::Scope outer;
    CompletionBatch::defer([&] { ran.emplace_back("outer"); });
    {
      const CompletionBatch::Scope inner;
      CompletionBatch::defer([&] { ran.emplace_back("inner"); });
    }
    EXPECT_EQ(ran, (std::vector<std::string>{"inner"}));
  }
  EXPECT_EQ(ran, (std::vector<std::string>{"inner", "outer"}));
}

TEST(CompletionBatch, OneThatThrowsDoesNotStopTheOthers) {
  std::vector<std::string> ran;
  {
    const CompletionBatch::Scope pass;
    CompletionBatch::defer([] { throw std::runtime_error("refused"); });
    CompletionBatch::defer([&] { ran.emplace_back("after"); });
  }
  EXPECT_EQ(ran, (std::vector<std::string>{"after"}));
}

// What runs at the end of a pass and defers again is not part of the closed pass: it runs at once.
TEST(CompletionBatch, DeferringWhileTheBatchRunsRunsAtOnce) {
  std::vector<std::string> ran;
  {
    const CompletionBatch::Scope pass;
    CompletionBatch::defer([&] {
      ran.emplace_back("outer");
      CompletionBatch::defer([&] { ran.emplace_back("nested"); });
      ran.emplace_back("outer done");
    });
  }
  EXPECT_EQ(ran, (std::vector<std::string>{"outer", "nested", "outer done"}));
}

}  // namespace
}  // namespace closeio::unit_completion_batch_test
