// The fixture of the CLI's end-to-end tests: the real closeio-outcomes binary, run as a child
// process against an in-process Close emulator on an ephemeral port, with its own temporary
// directory, so tests run in parallel safely.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <closeio/closeio.hpp>
#include <closeio/testing/fake_close_server.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "child_process.hpp"

namespace closeio_cli_test {

using closeio::OutcomeType;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
using Json = nlohmann::ordered_json;

constexpr const char* kBinary = CLOSEIO_OUTCOMES_BINARY;
inline const std::string kApiKey = "test-api-key";

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// An error report is exactly one line, prefixed with the program name.
// Fails when `text` holds a byte a terminal could act on: a C0 control other than the line feed
// (and the CR of a CRLF), DEL, a C1 control (U+0080..U+009F) or a byte that is not well-formed
// UTF-8. Written independently of the tool's own sanitiser.
inline void expect_terminal_safe(const std::string& text, const std::string& what) {
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      const bool crlf = b == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
      EXPECT_FALSE((b < 0x20 && b != '\n' && !crlf) || b == 0x7F)
          << what << ": control byte " << int(b) << " at " << i;
      ++i;
      continue;
    }
    std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
    ASSERT_NE(n, 0u) << what << ": invalid UTF-8 lead byte " << int(b) << " at " << i;
    ASSERT_LE(i + n, text.size()) << what << ": truncated UTF-8 at " << i;
    for (std::size_t k = 1; k < n; ++k) {
      ASSERT_EQ(static_cast<unsigned char>(text[i + k]) & 0xC0, 0x80)
          << what << ": invalid UTF-8 at " << i;
    }
    EXPECT_FALSE(b == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F)
        << what << ": C1 control at " << i;
    i += n;
  }
}

inline void expect_one_error_line(const ProcessResult& r) {
  EXPECT_THAT(r.err, StartsWith("closeio-outcomes: ")) << show(r);
  EXPECT_EQ(split_lines(r.err).size(), 1u) << show(r);
  EXPECT_FALSE(r.err.empty() || r.err.back() != '\n') << show(r);
}

class CliTest : public ::testing::Test {
 protected:
  // The emulator as `options` say (e.g. with latency, so that requests overlap).
  explicit CliTest(closeio::testing::FakeCloseServerOptions options = {})
      : server_(std::move(options)) {}

  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "closeio-cli-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // The environment of a correctly configured user of the emulator.
  std::vector<std::string> env() const {
    return {"CLOSE_API_KEY=" + kApiKey, "CLOSE_API_BASE_URL=" + server_.base_url()};
  }
  ProcessResult run(const std::vector<std::string>& args, const std::string& input = "",
                    closeio_cli_test::Stdin stdin_kind = closeio_cli_test::Stdin::pipe) {
    return run_process(kBinary, args, env(), input, stdin_kind);
  }
  // As run(), with stdin and/or stderr on a pseudo-terminal as `options` says.
  ProcessResult run_with(const std::vector<std::string>& args, const ProcessOptions& options) {
    return run_process(kBinary, args, env(), options);
  }
  ProcessResult run_with_env(const std::vector<std::string>& env,
                             const std::vector<std::string>& args) {
    return run_process(kBinary, args, env);
  }

  closeio::Outcome seed(const std::string& name, std::optional<std::string> description = {},
                        std::optional<OutcomeType> type = {}) {
    return server_.seed({name, std::move(description), type});
  }

  std::string write_file(const std::string& name, const std::string& content) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  static std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }

  // Requests that could change state.
  std::vector<closeio::testing::RecordedRequest> writes() const {
    std::vector<closeio::testing::RecordedRequest> out;
    for (auto& request : server_.requests()) {
      if (request.method != "GET") out.push_back(request);
    }
    return out;
  }

  // The organization's outcomes as (name, description, type) triples, sorted by name.
  std::vector<std::tuple<std::string, std::optional<std::string>, OutcomeType>> state() const {
    std::vector<std::tuple<std::string, std::optional<std::string>, OutcomeType>> out;
    for (const auto& o : server_.outcomes()) out.emplace_back(o.name, o.description, o.type);
    std::sort(out.begin(), out.end());
    return out;
  }

  closeio::testing::FakeCloseServer server_;
  std::filesystem::path dir_;
};

}  // namespace closeio_cli_test
