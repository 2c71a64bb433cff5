// apply --prune is as careful as delete: it names what it will delete and asks on a terminal,
// refuses without --yes elsewhere, and without --prune says which outcomes it keeps.
#include "cli_fixture.hpp"

namespace cli_prune_test {
namespace {

using namespace closeio_cli_test;  // NOLINT: the fixture and its helpers
using ::testing::HasSubstr;

const char* const kFile = R"([{"name": "Bad Fit"}, {"name": "Qualified"}])";

class PruneTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    seed("Bad Fit");
    seed("Legacy");
    seed("Old \"one\"");
  }
  ProcessResult apply_typing(const std::string& typed, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"apply", write_file("outcomes.json", kFile), "--prune"};
    args.insert(args.end(), extra.begin(), extra.end());
    ProcessOptions options;
    options.input = typed;
    options.stdin_kind = Stdin::terminal;
    return run_with(args, options);
  }
};

TEST_F(PruneTest, OnATerminalItListsTheDeletionsAndAsks) {
  const ProcessResult r = apply_typing("y\n");
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.err, "Delete 2 outcomes (Legacy, \"Old \\\"one\\\"\")? [y/N] ");
  EXPECT_THAT(r.out, HasSubstr("delete Legacy\n"));
  EXPECT_EQ(state(), (decltype(state()){{"Bad Fit", std::nullopt, OutcomeType::custom},
                                        {"Qualified", std::nullopt, OutcomeType::custom}}));
}

TEST_F(PruneTest, DeclinedOnATerminalChangesNothing) {
  const ProcessResult r = apply_typing("n\n");
  EXPECT_EQ(r.exit_code, 1) << show(r);
  EXPECT_THAT(r.err, HasSubstr("closeio-outcomes: nothing was changed\n"));
  EXPECT_TRUE(writes().empty());  // not even the create was sent
  EXPECT_EQ(server_.outcomes().size(), 3u);
}

TEST_F(PruneTest, YesSkipsTheQuestion) {
  const ProcessResult r = apply_typing("", {"--yes"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(server_.outcomes().size(), 2u);
}

TEST_F(PruneTest, OffATerminalItRefusesWithoutYes) {
  const ProcessResult r = run({"apply", write_file("outcomes.json", kFile), "--prune"}, "y\n");
  EXPECT_EQ(r.exit_code, 2) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("refusing to delete 2 outcomes without confirmation"));
  EXPECT_THAT(r.err, HasSubstr("--yes"));
  EXPECT_TRUE(writes().empty());
  const ProcessResult yes = run({"apply", write_file("outcomes.json", kFile), "--prune", "--yes"});
  EXPECT_EQ(yes.exit_code, 0) << show(yes);
  EXPECT_EQ(server_.outcomes().size(), 2u);
}

TEST_F(PruneTest, WithoutPruneTheKeptOutcomesAreNamed) {
  const ProcessResult r = run({"apply", write_file("outcomes.json", kFile)});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_THAT(r.err, HasSubstr("keeping 2 outcomes not named in "));
  EXPECT_THAT(r.err, HasSubstr("(--prune deletes them): Legacy, \"Old \\\"one\\\"\"\n"));
}

}  // namespace
}  // namespace cli_prune_test
