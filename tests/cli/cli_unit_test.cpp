// Unit tests of the tool's pure logic: no process, no HTTP.
#include <gtest/gtest.h>
#include <unistd.h>

#include <closeio/errors.hpp>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "apply_plan.hpp"
#include "credentials_file.hpp"
#include "csv.hpp"
#include "date_option.hpp"
#include "exit_codes.hpp"
#include "outcome_fields.hpp"
#include "outcome_file.hpp"
#include "outcome_printer.hpp"
#include "outcome_resolver.hpp"
#include "outcome_usage.hpp"
#include "sdk_messages.hpp"
#include "table.hpp"
#include "text.hpp"

namespace cli_unit_test {
namespace {

using closeio::OutcomeType;
using closeio_cli::CliError;
using closeio_cli::DesiredOutcome;
using closeio_cli::ExitCode;
using closeio_cli::PlannedChange;

// The exit code a callable throws as CliError; fails the test when it throws nothing else.
template <class F>
ExitCode thrown_code(F&& f) {
  try {
    f();
  } catch (const CliError& e) {
    return e.code();
  }
  ADD_FAILURE() << "expected a CliError";
  return ExitCode::success;
}

closeio::Outcome existing(std::string id, std::string name, std::optional<std::string> description,
                          OutcomeType type = OutcomeType::custom) {
  closeio::Outcome outcome;
  outcome.id = std::move(id);
  outcome.name = std::move(name);
  outcome.description = std::move(description);
  outcome.type = type;
  return outcome;
}

// ---- CSV ----------------------------------------------------------------------------------

TEST(CsvTest, PlainFieldsAreNotQuoted) {
  EXPECT_EQ(closeio_cli::csv_field("Demo Booked"), "Demo Booked");
  EXPECT_EQ(closeio_cli::csv_field(""), "");
  EXPECT_EQ(closeio_cli::csv_field(" padded "), " padded ");
}

TEST(CsvTest, SpecialCharactersAreQuotedAndQuotesDoubled) {
  EXPECT_EQ(closeio_cli::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(closeio_cli::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(closeio_cli::csv_field("line1\nline2"), "\"line1\nline2\"");
  EXPECT_EQ(closeio_cli::csv_field("cr\r"), "cr ");  // controls other than LF become spaces
  EXPECT_EQ(closeio_cli::csv_field("\""), "\"\"\"\"");
}

TEST(CsvTest, RecordsAreCommaSeparatedAndEndWithCrLf) {
  EXPECT_EQ(closeio_cli::csv_record({"id", "a,b", ""}), "id,\"a,b\",\r\n");
  EXPECT_EQ(closeio_cli::csv_record({}), "\r\n");
}

// ---- Text and tables ----------------------------------------------------------------------

TEST(TextTest, WidthCountsCodePoints) {
  EXPECT_EQ(closeio_cli::display_width("abc"), 3u);
  EXPECT_EQ(closeio_cli::display_width("\xC3\x91"
                                       "and"
                                       "\xC3\xBA"),
            5u);  // "Ñandú"
  EXPECT_EQ(closeio_cli::display_width(""), 0u);
}

TEST(TextTest, TruncateKeepsWholeCodePointsAndAddsEllipsis) {
  EXPECT_EQ(closeio_cli::truncate("abcdef", 6), "abcdef");
  EXPECT_EQ(closeio_cli::truncate("abcdef", 4), "abc\xE2\x80\xA6");
  EXPECT_EQ(closeio_cli::truncate("\xC3\x91\xC3\x91\xC3\x91", 2), "\xC3\x91\xE2\x80\xA6");
  EXPECT_EQ(closeio_cli::truncate("abc", 0), "");
}

TEST(TextTest, OneLineCollapsesWhitespace) {
  EXPECT_EQ(closeio_cli::one_line("  <html>\n  <body>Bad\tGateway</body>\r\n"),
            "<html> <body>Bad Gateway</body>");
  EXPECT_EQ(closeio_cli::one_line("abcdef", 3), "ab\xE2\x80\xA6");
}

TEST(TextTest, DisplayNameQuotesOnlyWhenAmbiguous) {
  EXPECT_EQ(closeio_cli::display_name("Demo Booked"), "Demo Booked");
  EXPECT_EQ(closeio_cli::display_name("Call: back"), "\"Call: back\"");
  EXPECT_EQ(closeio_cli::display_name(" lead"), "\" lead\"");
  EXPECT_EQ(closeio_cli::display_name("two\nlines"), "\"two\\nlines\"");
  EXPECT_EQ(closeio_cli::display_name(""), "\"\"");
  EXPECT_EQ(closeio_cli::display_description(std::nullopt), "null");
  EXPECT_EQ(closeio_cli::display_description(std::string("a \"b\"")), "\"a \\\"b\\\"\"");
}

TEST(TableTest, ColumnsAreAlignedWithoutTrailingBlanks) {
  const std::string table =
      closeio_cli::render_table({{"ID", 0}, {"NAME", 0}, {"DESCRIPTION", 0}},
                                {{"o_1", "Bad Fit", ""}, {"o_22", "Qualified", "Ready to buy"}});
  EXPECT_EQ(table,
            "ID    NAME       DESCRIPTION\n"
            "o_1   Bad Fit\n"
            "o_22  Qualified  Ready to buy\n");
}

TEST(TableTest, LongCellsAreTruncatedAndControlCharactersFlattened) {
  const std::string table =
      closeio_cli::render_table({{"N", 0}, {"D", 5}}, {{"a", "one\ntwo three"}, {"\xC3\x91", "x"}});
  EXPECT_EQ(table,
            "N  D\n"
            "a  one \xE2\x80\xA6\n"
            "\xC3\x91  x\n");
}

TEST(TableTest, EmptyTableIsTheHeader) {
  EXPECT_EQ(closeio_cli::render_table({{"ID", 0}, {"NAME", 0}}, {}), "ID  NAME\n");
}

// ---- Fields, formats, printer -------------------------------------------------------------

TEST(FieldsTest, ParsesKnownNamesInOrder) {
  const auto fields = closeio_cli::parse_fields({"name", "id"});
  EXPECT_EQ(closeio_cli::field_names(fields), (std::vector<std::string>{"name", "id"}));
}

TEST(FieldsTest, UnknownEmptyOrRepeatedNamesAreUsageErrors) {
  EXPECT_EQ(thrown_code([] { closeio_cli::parse_fields({"nmae"}); }), ExitCode::usage);
  EXPECT_EQ(thrown_code([] { closeio_cli::parse_fields({""}); }), ExitCode::usage);
  EXPECT_EQ(thrown_code([] { closeio_cli::parse_fields({"id", "id"}); }), ExitCode::usage);
}

TEST(FormatTest, DefaultDependsOnTheTerminal) {
  using closeio_cli::Format;
  EXPECT_EQ(closeio_cli::resolve_format(std::nullopt, true), Format::table);
  EXPECT_EQ(closeio_cli::resolve_format(std::nullopt, false), Format::json);
  EXPECT_EQ(closeio_cli::resolve_format(std::string("csv"), true), Format::csv);
  EXPECT_EQ(thrown_code([] { closeio_cli::resolve_format(std::string("xml"), false); }),
            ExitCode::usage);
}

TEST(PrinterTest, JsonLineHasEveryFieldInWireOrder) {
  closeio::Outcome o = existing("outcome_1", "Bad Fit", std::nullopt, OutcomeType::vm_dropped);
  o.organization_id = "orga_1";
  o.applies_to = {closeio::AppliesTo::calls};
  o.updated_by = "user_2";
  std::ostringstream out;
  closeio_cli::OutcomePrinter printer(out, closeio_cli::Format::json);
  printer.add(o);
  printer.finish();
  EXPECT_EQ(out.str(),
            "{\"id\":\"outcome_1\",\"organization_id\":\"orga_1\",\"name\":\"Bad Fit\","
            "\"description\":null,\"type\":\"vm-dropped\",\"applies_to\":[\"calls\"],"
            "\"created_by\":null,\"updated_by\":\"user_2\","
            "\"date_created\":\"1970-01-01T00:00:00.000000+00:00\","
            "\"date_updated\":\"1970-01-01T00:00:00.000000+00:00\"}\n");
}

TEST(PrinterTest, CsvWithoutRowsStillHasTheHeader) {
  std::ostringstream out;
  closeio_cli::OutcomePrinter printer(out, closeio_cli::Format::csv,
                                      closeio_cli::parse_fields({"id", "applies_to"}));
  printer.finish();
  EXPECT_EQ(out.str(), "id,applies_to\r\n");
}

TEST(PrinterTest, CsvJoinsAppliesTo) {
  closeio::Outcome o = existing("outcome_1", "X", std::string("a,b"));
  o.applies_to = {closeio::AppliesTo::calls, closeio::AppliesTo::meetings};
  std::ostringstream out;
  closeio_cli::OutcomePrinter printer(
      out, closeio_cli::Format::csv,
      closeio_cli::parse_fields({"name", "description", "applies_to"}));
  printer.add(o);
  printer.finish();
  EXPECT_EQ(out.str(), "name,description,applies_to\r\nX,\"a,b\",\"calls,meetings\"\r\n");
}

// ---- Outcomes file ------------------------------------------------------------------------

TEST(OutcomeFileTest, ParsesEntriesWithDefaults) {
  const auto parsed = closeio_cli::parse_outcome_file(
      R"([{"name": "A"}, {"name": "B", "description": null, "type": "vm-dropped"},
          {"name": "C", "description": "text", "type": "custom"}])",
      "f.json");
  ASSERT_EQ(parsed.size(), 3u);
  EXPECT_EQ(parsed[0], (DesiredOutcome{"A", std::nullopt, OutcomeType::custom}));
  EXPECT_EQ(parsed[1], (DesiredOutcome{"B", std::nullopt, OutcomeType::vm_dropped}));
  EXPECT_EQ(parsed[2], (DesiredOutcome{"C", std::string("text"), OutcomeType::custom}));
  EXPECT_TRUE(closeio_cli::parse_outcome_file("[]", "f.json").empty());
}

TEST(OutcomeFileTest, BadFilesAreValidationErrorsNamingTheEntry) {
  const std::vector<std::string> bad = {
      "",                                            // not JSON
      "{\"name\": \"A\"}",                           // not an array
      "[1]",                                         // entry not an object
      "[{\"description\": \"x\"}]",                  // no name
      "[{\"name\": \"\"}]",                          // empty name
      "[{\"name\": 5}]",                             // name not a string
      "[{\"name\": \"A\", \"type\": \"other\"}]",    // unknown type
      "[{\"name\": \"A\", \"type\": null}]",         // null type
      "[{\"name\": \"A\", \"description\": 3}]",     // description not a string
      "[{\"name\": \"A\", \"descripton\": \"x\"}]",  // typo in a key
  };
  for (const std::string& text : bad) {
    try {
      closeio_cli::parse_outcome_file(text, "outcomes.json");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const CliError& e) {
      EXPECT_EQ(e.code(), ExitCode::validation) << text;
      EXPECT_EQ(std::string(e.what()).rfind("outcomes.json: ", 0), 0u) << e.what();
    }
  }
}

TEST(OutcomeFileTest, RenderSortsByNameBytesAndPrettyPrints) {
  const std::string text = closeio_cli::render_outcome_file({
      {"apple", std::nullopt, OutcomeType::custom},
      {"\xC3\x91u", std::string("tilde"), OutcomeType::custom},
      {"Zebra", std::string("line\nbreak"), OutcomeType::vm_dropped},
  });
  EXPECT_EQ(text,
            "[\n"
            "  {\n"
            "    \"name\": \"Zebra\",\n"
            "    \"description\": \"line\\nbreak\",\n"
            "    \"type\": \"vm-dropped\"\n"
            "  },\n"
            "  {\n"
            "    \"name\": \"apple\",\n"
            "    \"description\": null,\n"
            "    \"type\": \"custom\"\n"
            "  },\n"
            "  {\n"
            "    \"name\": \"\xC3\x91u\",\n"
            "    \"description\": \"tilde\",\n"
            "    \"type\": \"custom\"\n"
            "  }\n"
            "]\n");
  EXPECT_EQ(closeio_cli::render_outcome_file({}), "[]\n");
}

TEST(OutcomeFileTest, RenderedFileParsesBackToTheSameOutcomes) {
  const std::vector<DesiredOutcome> outcomes = {
      {"A", std::nullopt, OutcomeType::vm_dropped},
      {"B", std::string("\"quoted\" \xE2\x9C\x93"), OutcomeType::custom},
  };
  EXPECT_EQ(closeio_cli::parse_outcome_file(closeio_cli::render_outcome_file(outcomes), "x"),
            outcomes);
}

// ---- Apply planning -----------------------------------------------------------------------

std::vector<std::string> lines(const closeio_cli::Plan& plan) {
  std::vector<std::string> out;
  for (const auto& change : plan.changes) out.push_back(closeio_cli::describe(change));
  return out;
}

TEST(ApplyPlanTest, CreatesUpdatesAndPrunes) {
  const std::vector<DesiredOutcome> desired = {
      {"Qualified", std::nullopt, OutcomeType::custom},
      {"Demo", std::string("b"), OutcomeType::vm_dropped},
      {"Bad Fit", std::nullopt, OutcomeType::custom},
      {"Same", std::string("s"), OutcomeType::custom},
      {"Added", std::string("new"), OutcomeType::vm_dropped},
  };
  const std::vector<closeio::Outcome> current = {
      existing("o_1", "Demo", std::string("a")),
      existing("o_2", "Bad Fit", std::string("old")),
      existing("o_3", "Same", std::string("s")),
      existing("o_4", "Legacy", std::nullopt),
      existing("o_5", "Archive", std::string("x"), OutcomeType::vm_dropped),
  };
  const auto plan = closeio_cli::compute_plan(desired, current, /*prune=*/true);
  EXPECT_EQ(lines(plan), (std::vector<std::string>{
                             "create Added",
                             "create Qualified",
                             "update Bad Fit: description \"old\" -> null",
                             "update Demo: description \"a\" -> \"b\", type custom -> vm-dropped",
                             "delete Archive",
                             "delete Legacy",
                         }));
  EXPECT_EQ(closeio_cli::plan_summary(plan), "Plan: 2 to create, 2 to update, 2 to delete.");
  ASSERT_EQ(plan.changes.size(), 6u);
  EXPECT_EQ(plan.changes[0].id, "");
  EXPECT_EQ(plan.changes[0].desired,
            (DesiredOutcome{"Added", std::string("new"), OutcomeType::vm_dropped}));
  EXPECT_EQ(plan.changes[2].id, "o_2");
  EXPECT_TRUE(plan.changes[2].description_changes);
  EXPECT_FALSE(plan.changes[2].old_type.has_value());
  EXPECT_EQ(plan.changes[3].id, "o_1");
  EXPECT_EQ(plan.changes[3].old_type, OutcomeType::custom);
  EXPECT_EQ(plan.changes[4].id, "o_5");
  EXPECT_EQ(plan.changes[5].id, "o_4");
}

TEST(ApplyPlanTest, WithoutPruneNothingIsDeleted) {
  const auto plan = closeio_cli::compute_plan({{"New", std::nullopt, OutcomeType::custom}},
                                              {existing("o_1", "Old", std::nullopt)}, false);
  EXPECT_EQ(lines(plan), (std::vector<std::string>{"create New"}));
  EXPECT_EQ(closeio_cli::unmanaged_count({{"New", std::nullopt, OutcomeType::custom}},
                                         {existing("o_1", "Old", std::nullopt)}),
            1u);
}

TEST(ApplyPlanTest, MatchingStateIsAnEmptyPlan) {
  const auto plan = closeio_cli::compute_plan(
      {{"A", std::nullopt, OutcomeType::custom}, {"B", std::string(""), OutcomeType::vm_dropped}},
      {existing("o_2", "B", std::string(""), OutcomeType::vm_dropped),
       existing("o_1", "A", std::nullopt)},
      true);
  EXPECT_TRUE(plan.empty());
  EXPECT_EQ(closeio_cli::plan_summary(plan), "Plan: 0 to create, 0 to update, 0 to delete.");
}

TEST(ApplyPlanTest, EmptyDescriptionDiffersFromNoDescription) {
  const auto plan = closeio_cli::compute_plan({{"A", std::string(""), OutcomeType::custom}},
                                              {existing("o_1", "A", std::nullopt)}, false);
  EXPECT_EQ(lines(plan), (std::vector<std::string>{"update A: description null -> \"\""}));
}

TEST(ApplyPlanTest, NamesMatchExactly) {
  const auto plan = closeio_cli::compute_plan({{"demo", std::nullopt, OutcomeType::custom}},
                                              {existing("o_1", "Demo", std::nullopt)}, true);
  EXPECT_EQ(lines(plan), (std::vector<std::string>{"create demo", "delete Demo"}));
}

TEST(ApplyPlanTest, UnknownTypeInTheOrganizationIsUpdated) {
  const auto plan =
      closeio_cli::compute_plan({{"A", std::nullopt, OutcomeType::custom}},
                                {existing("o_1", "A", std::nullopt, OutcomeType::unknown)}, false);
  EXPECT_EQ(lines(plan), (std::vector<std::string>{"update A: type unknown -> custom"}));
}

TEST(ApplyPlanTest, DuplicateNamesAreValidationErrors) {
  try {
    closeio_cli::compute_plan({{"A", std::nullopt, OutcomeType::custom},
                               {"B", std::nullopt, OutcomeType::custom},
                               {"A", std::string("x"), OutcomeType::custom}},
                              {}, false);
    ADD_FAILURE() << "duplicates in the file accepted";
  } catch (const CliError& e) {
    EXPECT_EQ(e.code(), ExitCode::validation);
    EXPECT_EQ(std::string(e.what()),
              "duplicate outcome names in the file: \"A\" (entry 1, entry 3); nothing was "
              "changed");
  }
  try {
    closeio_cli::compute_plan(
        {}, {existing("o_1", "X", std::nullopt), existing("o_2", "X", std::nullopt)}, true);
    ADD_FAILURE() << "duplicates in the organization accepted";
  } catch (const CliError& e) {
    EXPECT_EQ(e.code(), ExitCode::validation);
    EXPECT_EQ(std::string(e.what()),
              "duplicate outcome names in the organization: \"X\" (o_1, o_2); nothing was "
              "changed");
  }
}

// ---- Exit codes ---------------------------------------------------------------------------

template <class E>
closeio_cli::Failure describe(E error) {
  return closeio_cli::describe_failure(std::make_exception_ptr(std::move(error)));
}

TEST(ExitCodeTest, SdkErrorsMapToDocumentedCodes) {
  using namespace closeio;
  const HttpHeaders none;
  EXPECT_EQ(describe(NotFoundError("GET", "/outcome/x/", 404, "No such outcome", "", none)).code,
            ExitCode::not_found);
  EXPECT_EQ(describe(UnauthorizedError("GET", "/outcome/", 401, "m", "", none)).code,
            ExitCode::auth);
  EXPECT_EQ(describe(ForbiddenError("GET", "/outcome/", 403, "m", "", none)).code, ExitCode::auth);
  EXPECT_EQ(describe(BadRequestError("POST", "/outcome/", "name: required", "", none, {}, {})).code,
            ExitCode::validation);
  EXPECT_EQ(describe(RateLimitError("GET", "/outcome/", "slow down", "", none,
                                    std::chrono::milliseconds(1500)))
                .code,
            ExitCode::rate_limited);
  EXPECT_EQ(describe(ServerError("GET", "/outcome/", 503, "m", "", none)).code, ExitCode::server);
  EXPECT_EQ(describe(ApiError("GET", "/outcome/", 418, "m", "", none)).code, ExitCode::server);
  EXPECT_EQ(describe(TransportError("GET /outcome/: connection refused", false)).code,
            ExitCode::server);
  EXPECT_EQ(describe(DecodeError("GET /outcome/: bad JSON")).code, ExitCode::server);
  EXPECT_EQ(describe(std::invalid_argument("closeio: OutcomeCreate::name is empty")).code,
            ExitCode::validation);
  EXPECT_EQ(describe(CliError(ExitCode::usage, "u")).code, ExitCode::usage);
  EXPECT_EQ(describe(std::runtime_error("disk")).code, ExitCode::failure);
}

TEST(ExitCodeTest, MessagesCarryClosesMessageOnOneLine) {
  using namespace closeio;
  EXPECT_EQ(
      describe(NotFoundError("GET", "/outcome/x/", 404, "Empty query: no match", "{}", {})).message,
      "not found (HTTP 404): Empty query: no match");
  EXPECT_EQ(describe(RateLimitError("GET", "/outcome/", "slow down", "", {},
                                    std::chrono::milliseconds(1500)))
                .message,
            "rate limited (HTTP 429): slow down (retry after 2 s)");
  EXPECT_EQ(
      describe(ServerError("GET", "/outcome/", 502, "<html>\n<b>Bad Gateway</b>\n</html>", "", {}))
          .message,
      "server error (HTTP 502): <html> <b>Bad Gateway</b> </html>");
}

TEST(ExitCodeTest, HelpFooterListsEveryCode) {
  const std::string help = closeio_cli::exit_codes_help();
  for (const char* line : {"  0  success", "  2  usage", "  3  not found", "  4  authentication",
                           "  5  validation", "  6  rate limited", "  7  server or network"}) {
    EXPECT_NE(help.find(line), std::string::npos) << line;
  }
}

// ---- Credentials file ---------------------------------------------------------------------

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/closeio-cli-key-XXXXXX";
    const int fd = ::mkstemp(name);
    ASSERT_GE(fd, 0);
    ::close(fd);
    path_ = name;
  }
  void TearDown() override { std::remove(path_.c_str()); }
  void write(const std::string& content) { std::ofstream(path_, std::ios::binary) << content; }
  std::string path_;
};

TEST_F(KeyFileTest, FirstLineWithoutTrailingWhitespace) {
  write("secret-key \t\r\nsecond line\n");
  EXPECT_EQ(closeio_cli::read_api_key_file(path_), "secret-key");
  write("no-newline");
  EXPECT_EQ(closeio_cli::read_api_key_file(path_), "no-newline");
}

TEST_F(KeyFileTest, EmptyOrMissingFileIsAnAuthErrorWithoutTheKey) {
  write("\nsecret-on-line-two\n");
  try {
    closeio_cli::read_api_key_file(path_);
    ADD_FAILURE() << "empty first line accepted";
  } catch (const CliError& e) {
    EXPECT_EQ(e.code(), ExitCode::auth);
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos);
  }
  EXPECT_EQ(thrown_code([] { closeio_cli::read_api_key_file("/nonexistent/closeio/key"); }),
            ExitCode::auth);
}

}  // namespace

namespace {

TEST(ToolWordsTest, SdkNamesBecomeTheToolsWords) {
  EXPECT_EQ(closeio_cli::in_tool_words("closeio: OutcomeCreate: \"name\" must not be empty"),
            "\"name\" must not be empty");
  EXPECT_EQ(closeio_cli::in_tool_words(
                "closeio: refusing plain http:// to x: credentials would travel unencrypted; use "
                "https:// or set ClientOptions::allow_insecure_http"),
            "refusing plain http:// to x: credentials would travel unencrypted; use https://");
  EXPECT_EQ(closeio_cli::in_tool_words("closeio: POST /outcome/: response body larger than "
                                       "max_response_bytes (16777216 bytes)"),
            "POST /outcome/: response body larger than the 16 MiB the tool accepts");
  EXPECT_EQ(closeio_cli::in_tool_words("closeio: \"type\" is OutcomeType::unknown"),
            "\"type\" is an unknown type");
  EXPECT_EQ(closeio_cli::in_tool_words("set Some::Nested::member_name here"),
            "set member_name here");
  EXPECT_EQ(closeio_cli::in_tool_words("plain text: a::b stays"), "plain text: a::b stays");
}

TEST(TextTest, TerminalSafeNeutralisesC0C1DelAndInvalidBytes) {
  EXPECT_EQ(
      closeio_cli::terminal_safe(std::string("a\x1b[1m\x07\0b", 8) + "\xC2\x9B" + "c\x7F", "."),
      "a.[1m..b.c.");
  EXPECT_EQ(closeio_cli::terminal_safe("x\xFFy\xC0\xAFz\xED\xA0\x80", "."),
            "x\xEF\xBF\xBDy\xEF\xBF\xBD\xEF\xBF\xBDz\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(closeio_cli::terminal_safe("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", "."),
            "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  EXPECT_EQ(closeio_cli::terminal_safe("a\nb\tc", " ", true), "a\nb c");
  EXPECT_EQ(closeio_cli::escape_c1_in_json("\"a\xC2\x9B\x7F\xC2\xA0\""),
            "\"a\\u009b\\u007f\xC2\xA0\"");
}

TEST(TextTest, BlankNames) {
  for (const char* blank : {"", " ", "\t\r\n", "\xC2\xA0", "\xE2\x80\x8B", "\xE3\x80\x80 "}) {
    EXPECT_TRUE(closeio_cli::is_blank_name(blank)) << blank;
  }
  for (const char* name : {"a", " a ", "\xC2\xA0x", "\xC3\xA9"}) {
    EXPECT_FALSE(closeio_cli::is_blank_name(name)) << name;
  }
}

// ---- assign's outcome argument, usage's dates and tally -----------------------------------

std::vector<closeio::Outcome> two_outcomes() {
  closeio::Outcome a;
  a.id = "outcome_a";
  a.name = "Demo";
  closeio::Outcome b;
  b.id = "outcome_b";
  b.name = "outcome_a";  // a name that looks like another outcome's id
  return {a, b};
}

TEST(ResolveOutcomeTest, IdFirstThenExactName) {
  const auto outcomes = two_outcomes();
  EXPECT_EQ(closeio_cli::resolve_outcome(outcomes, "outcome_a").id, "outcome_a");
  EXPECT_EQ(closeio_cli::resolve_outcome(outcomes, "Demo").id, "outcome_a");
  EXPECT_EQ(closeio_cli::resolve_outcome(outcomes, "Demo").name, "Demo");
  // An id no listed outcome has is passed on for Close to judge (e.g. a deleted one).
  const auto unknown = closeio_cli::resolve_outcome(outcomes, "outcome_gone");
  EXPECT_EQ(unknown.id, "outcome_gone");
  EXPECT_EQ(unknown.name, "");
}

TEST(ResolveOutcomeTest, UnknownAmbiguousOrEmptyNamesThrow) {
  auto outcomes = two_outcomes();
  EXPECT_EQ(thrown_code([&] { closeio_cli::resolve_outcome(outcomes, "demo"); }),
            ExitCode::not_found);
  EXPECT_EQ(thrown_code([&] { closeio_cli::resolve_outcome(outcomes, ""); }), ExitCode::validation);
  outcomes.push_back(outcomes.front());
  outcomes.back().id = "outcome_c";
  EXPECT_EQ(thrown_code([&] { closeio_cli::resolve_outcome(outcomes, "Demo"); }),
            ExitCode::validation);
}

TEST(DateOptionTest, DayIsMidnightUtcAndTimestampsKeepTheirOffset) {
  EXPECT_EQ(closeio_cli::parse_date_option("2026-03-01", "--since"),
            closeio::parse_timestamp("2026-03-01T00:00:00+00:00"));
  EXPECT_EQ(closeio_cli::parse_date_option("2026-03-01T09:00:00+01:00", "--since"),
            closeio::parse_timestamp("2026-03-01T08:00:00Z"));
  for (const char* bad : {"2026-02-30", "2026-3-1", "20260301", "", "today", "2026-03-01T09:00"}) {
    EXPECT_EQ(thrown_code([&] { closeio_cli::parse_date_option(bad, "--since"); }), ExitCode::usage)
        << bad;
  }
}

TEST(OutcomeTallyTest, RowsListKnownThenDeletedThenNone) {
  closeio_cli::OutcomeTally tally;
  tally.add_call(std::string("outcome_a"));
  tally.add_call(std::string("outcome_z"));
  tally.add_meeting(std::string("outcome_z"));
  tally.add_meeting(std::string("outcome_y"));
  tally.add_call(std::nullopt);
  const auto rows = tally.rows(two_outcomes());
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].outcome_id, "outcome_a");
  EXPECT_EQ(rows[0].calls, 1u);
  EXPECT_EQ(rows[1].outcome_id, "outcome_b");
  EXPECT_EQ(rows[1].calls + rows[1].meetings, 0u);
  EXPECT_EQ(rows[2].name, "(deleted) outcome_y");
  EXPECT_TRUE(rows[2].deleted);
  EXPECT_EQ(rows[2].meetings, 1u);
  EXPECT_EQ(rows[3].name, "(deleted) outcome_z");
  EXPECT_EQ(rows[3].calls, 1u);
  EXPECT_EQ(rows[3].meetings, 1u);
  EXPECT_EQ(rows[4].outcome_id, std::nullopt);
  EXPECT_EQ(rows[4].calls, 1u);
}

}  // namespace
}  // namespace cli_unit_test
