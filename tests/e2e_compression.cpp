// Compressed answers: the SDK decodes every encoding the emulator sends (through libcurl, blocking
// and async), and the emulator chooses its Content-Encoding from the request's Accept-Encoding
// (checked with a plain httplib client, its decompression off to see the bytes sent).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <cctype>
#include <closeio/closeio.hpp>
#include <closeio/testing/fake_close_server.hpp>
#include <mutex>
#include <string>
#include <vector>

#include "support/test_client.hpp"

namespace e2e_compression_test {
namespace {

using closeio::testing::FakeCloseServer;
using closeio::testing::FakeCloseServerOptions;
using closeio::testing::FakeCompression;
using closeio::testing::ScriptedResponse;

constexpr char kCollection[] = "/api/v1/outcome/";

// Enough outcomes for a page that compresses well (~37 KB of JSON for 100).
constexpr std::size_t kSeeded = 100;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Value of a header in a log record, by case-insensitive name; "" when absent.
std::string header_of(const closeio::HttpHeaders& headers, const std::string& name) {
  for (const auto& [key, value] : headers) {
    if (lower(key) == lower(name)) return value;
  }
  return "";
}

FakeCloseServerOptions with(FakeCompression compression) {
  FakeCloseServerOptions options;
  options.compression = compression;
  return options;
}

struct EncodingCase {
  FakeCompression setting;
  const char* content_encoding;  // What the SDK's Accept-Encoding gets under `setting`.
};

class SdkDecodes : public ::testing::TestWithParam<EncodingCase> {};

TEST_P(SdkDecodes, EveryOperationOfAnEncodedAnswer) {
  FakeCloseServer server(with(GetParam().setting));
  server.seed_many(kSeeded);
  const std::vector<closeio::Outcome> stored = server.outcomes();

  std::mutex mutex;
  std::vector<std::string> encodings;
  closeio::ClientOptions options = closeio::test::options_for(server);
  options.logger = [&](const closeio::HttpLogRecord& record) {
    std::lock_guard<std::mutex> lock(mutex);
    encodings.push_back(header_of(record.response_headers, "Content-Encoding"));
  };
  const closeio::OutcomesClient client(options);

  closeio::ListOptions page;
  page.limit = static_cast<int>(kSeeded);
  const closeio::Page<closeio::Outcome> listed = client.list_page(page);
  ASSERT_EQ(listed.data.size(), kSeeded);
  for (std::size_t i = 0; i < kSeeded; ++i) {
    EXPECT_EQ(listed.data[i].id, stored[i].id);
    EXPECT_EQ(listed.data[i].name, stored[i].name);
  }
  EXPECT_EQ(client.fetch(stored[7].id).name, stored[7].name);
  EXPECT_EQ(client.fetch_async(stored[42].id).get().name, stored[42].name);
  closeio::OutcomeCreate create;
  create.name = "Compressed";
  EXPECT_EQ(client.create(create).name, "Compressed");

  std::lock_guard<std::mutex> lock(mutex);
  EXPECT_THAT(encodings, ::testing::SizeIs(4));
  EXPECT_THAT(encodings, ::testing::Each(std::string(GetParam().content_encoding)));
}

INSTANTIATE_TEST_SUITE_P(Compression, SdkDecodes,
                         ::testing::Values(EncodingCase{FakeCompression::none, ""},
                                           EncodingCase{FakeCompression::gzip, "gzip"},
                                           EncodingCase{FakeCompression::brotli, "br"}));

TEST(SdkDecodesByDefault, GzipIsTheEmulatorsDefault) {
  EXPECT_EQ(FakeCloseServerOptions().compression, FakeCompression::gzip);
}

// A plain client that shows the bytes as sent (no decompression) unless told otherwise.
class Negotiation : public ::testing::Test {
 protected:
  // The answer to a page of every outcome with this Accept-Encoding ("" sends none).
  httplib::Result get(FakeCloseServer& server, const std::string& accept_encoding,
                      bool decompress = false) {
    httplib::Client client("127.0.0.1", server.port());
    client.set_decompress(decompress);
    httplib::Headers headers{{"Authorization", "Basic dGVzdC1hcGkta2V5Og=="}};
    if (!accept_encoding.empty()) headers.emplace("Accept-Encoding", accept_encoding);
    return client.Get(std::string(kCollection) + "?_limit=100", headers);
  }
  std::string encoding_for(FakeCompression setting, const std::string& accept_encoding) {
    FakeCloseServer server(with(setting));
    server.seed_many(3);
    const httplib::Result result = get(server, accept_encoding);
    if (!result || result->status != 200) return "<failed>";
    return result->get_header_value("Content-Encoding");
  }
};

TEST_F(Negotiation, BrotliSettingPrefersBrThenGzip) {
  EXPECT_EQ(encoding_for(FakeCompression::brotli, "deflate, gzip, br, zstd"), "br");
  EXPECT_EQ(encoding_for(FakeCompression::brotli, "gzip"), "gzip");
  EXPECT_EQ(encoding_for(FakeCompression::brotli, "br;q=0, gzip"), "gzip");
  EXPECT_EQ(encoding_for(FakeCompression::brotli, "BR ; q=0.5"), "br");
  EXPECT_EQ(encoding_for(FakeCompression::brotli, "*"), "br");
  EXPECT_EQ(encoding_for(FakeCompression::brotli, "*, br;q=0"), "gzip");
  EXPECT_EQ(encoding_for(FakeCompression::brotli, "identity"), "");
  EXPECT_EQ(encoding_for(FakeCompression::brotli, ""), "");
}

TEST_F(Negotiation, GzipSettingNeverSendsBr) {
  EXPECT_EQ(encoding_for(FakeCompression::gzip, "gzip, br"), "gzip");
  EXPECT_EQ(encoding_for(FakeCompression::gzip, "GZIP"), "gzip");
  EXPECT_EQ(encoding_for(FakeCompression::gzip, "br"), "");
  EXPECT_EQ(encoding_for(FakeCompression::gzip, "gzip;q=0"), "");
  EXPECT_EQ(encoding_for(FakeCompression::gzip, "gzip;q=0.000, br"), "");
  EXPECT_EQ(encoding_for(FakeCompression::gzip, "gzip;q=0.001"), "gzip");
}

TEST_F(Negotiation, NoneSendsBodiesAsTheyAre) {
  EXPECT_EQ(encoding_for(FakeCompression::none, "gzip, br"), "");
  EXPECT_EQ(encoding_for(FakeCompression::none, "*"), "");
}

TEST_F(Negotiation, EncodedBodiesDecodeToTheSameJson) {
  for (const FakeCompression setting : {FakeCompression::gzip, FakeCompression::brotli}) {
    FakeCloseServer server(with(setting));
    server.seed_many(kSeeded);
    const httplib::Result plain = get(server, "identity");
    const httplib::Result raw = get(server, "gzip, br");
    const httplib::Result decoded = get(server, "gzip, br", /*decompress=*/true);
    ASSERT_TRUE(plain && raw && decoded);
    EXPECT_FALSE(plain->has_header("Content-Encoding"));
    // Compressed, and its Content-Length is that of the bytes sent.
    EXPECT_LT(raw->body.size(), plain->body.size() / 4);
    EXPECT_EQ(raw->get_header_value("Content-Length"), std::to_string(raw->body.size()));
    EXPECT_EQ(decoded->body, plain->body);
    if (setting == FakeCompression::gzip) {
      ASSERT_GE(raw->body.size(), 2u);
      EXPECT_EQ(static_cast<unsigned char>(raw->body[0]), 0x1f);  // gzip's magic number
      EXPECT_EQ(static_cast<unsigned char>(raw->body[1]), 0x8b);
    }
  }
}

TEST_F(Negotiation, ScriptedAnswersAreEncodedUnlessTheyCarryTheirOwnEncoding) {
  FakeCloseServer server(with(FakeCompression::gzip));
  const std::string body = R"({"error": "scripted, long enough to be worth compressing"})";
  ScriptedResponse encoded;
  encoded.status = 503;
  encoded.body = body;
  server.script(encoded);
  ScriptedResponse as_is = encoded;
  as_is.headers = {{"Content-Encoding", "identity"}};
  server.script(as_is);

  const httplib::Result first = get(server, "gzip", /*decompress=*/true);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 503);
  EXPECT_EQ(first->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(first->body, body);
  const httplib::Result second = get(server, "gzip");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 503);
  EXPECT_EQ(second->get_header_value("Content-Encoding"), "identity");
  EXPECT_EQ(second->body, body);
}

}  // namespace
}  // namespace e2e_compression_test
