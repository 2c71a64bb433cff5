#include "testing/fake_compression.hpp"

#include <brotli/encode.h>
#include <httplib.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <stdexcept>

namespace closeio::testing::internal {
namespace {

// Fast levels, as servers use for answers made per request: gzip level 1 and brotli quality 4
// cost ~10-15 us for one outcome and ~0.1-0.3 ms for a page of 100 (37 KB), against ~0.8 ms
// and ~100 ms for brotli's default quality 11 (measured on the project's 2-core VM).
constexpr int kGzipLevel = 1;
constexpr int kBrotliQuality = 4;
// zlib's windowBits for a gzip wrapper (15-bit window + 16) and its default memory level.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kGzipMemLevel = 8;

std::string lower_trimmed(const std::string& text, std::size_t begin, std::size_t end) {
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  std::string out;
  out.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  }
  return out;
}

// Whether a parameter list (";q=0.5;...") sets a quality of zero: "q=0", "q=0.", "q=0.000".
bool refused(const std::string& params) {
  std::size_t at = 0;
  while (at < params.size()) {
    std::size_t next = params.find(';', at);
    if (next == std::string::npos) next = params.size();
    const std::string param = lower_trimmed(params, at, next);
    if (param.rfind("q=", 0) == 0) {
      const std::string value = param.substr(2);
      return !value.empty() && value[0] == '0' &&
             value.find_first_not_of("0.", 1) == std::string::npos;
    }
    at = next + 1;
  }
  return false;
}

bool accepts(const std::string& accept_encoding, const std::string& coding) {
  bool listed = false;
  bool wildcard = false;
  std::size_t at = 0;
  while (at <= accept_encoding.size()) {
    std::size_t next = accept_encoding.find(',', at);
    if (next == std::string::npos) next = accept_encoding.size();
    const std::size_t params = std::min(accept_encoding.find(';', at), next);
    const std::string name = lower_trimmed(accept_encoding, at, params);
    const bool ok = !refused(accept_encoding.substr(params, next - params));
    if (name == coding) {
      if (!ok) return false;  // An explicit refusal wins over "*".
      listed = true;
    } else if (name == "*") {
      wildcard = ok;
    }
    at = next + 1;
  }
  return listed || wildcard;
}

// One deflate state per worker thread, reset for each answer. Setting one up allocates ~270 KB
// and freeing it makes glibc hand the memory back to the kernel (madvise, a TLB flush on every
// CPU): per answer, that cost more than the compression and the rest of the request together.
class GzipEncoder {
 public:
  GzipEncoder() {
    if (deflateInit2(&stream_, kGzipLevel, Z_DEFLATED, kGzipWindowBits, kGzipMemLevel,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
      throw std::runtime_error("FakeCloseServer: deflateInit2 failed");
    }
  }
  ~GzipEncoder() { deflateEnd(&stream_); }
  GzipEncoder(const GzipEncoder&) = delete;
  GzipEncoder& operator=(const GzipEncoder&) = delete;

  std::string encode(const std::string& body) {
    if (deflateReset(&stream_) != Z_OK) throw std::runtime_error("FakeCloseServer: deflateReset");
    std::string out(deflateBound(&stream_, static_cast<uLong>(body.size())), '\0');
    // zlib's API is not const-correct: next_in is only read.
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    stream_.avail_in = static_cast<uInt>(body.size());
    stream_.next_out = reinterpret_cast<Bytef*>(out.data());
    stream_.avail_out = static_cast<uInt>(out.size());
    if (deflate(&stream_, Z_FINISH) != Z_STREAM_END) {
      throw std::runtime_error("FakeCloseServer: deflate failed");
    }
    out.resize(stream_.total_out);
    return out;
  }

 private:
  z_stream stream_{};
};

std::string gzip(const std::string& body) {
  thread_local GzipEncoder encoder;
  return encoder.encode(body);
}

std::string brotli(const std::string& body) {
  std::size_t size = BrotliEncoderMaxCompressedSize(body.size());
  std::string out(size, '\0');
  if (size == 0 ||
      !BrotliEncoderCompress(kBrotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, body.size(),
                             reinterpret_cast<const std::uint8_t*>(body.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data()))) {
    throw std::runtime_error("FakeCloseServer: BrotliEncoderCompress failed");
  }
  out.resize(size);
  return out;
}

}  // namespace

std::string choose_encoding(FakeCompression setting, const std::string& accept_encoding) {
  if (setting == FakeCompression::brotli && accepts(accept_encoding, "br")) return "br";
  if (setting != FakeCompression::none && accepts(accept_encoding, "gzip")) return "gzip";
  return "";
}

bool compressible(const std::string& content_type) {
  const std::string type = lower_trimmed(content_type, 0, content_type.size());
  return type.rfind("application/json", 0) == 0 || type.rfind("text/", 0) == 0;
}

std::string encode_body(const std::string& body, const std::string& encoding) {
  if (encoding == "gzip") return gzip(body);
  if (encoding == "br") return brotli(body);
  return body;
}

void encode_answer(FakeCompression setting, const httplib::Request& request,
                   httplib::Response& response) {
  if (response.body.empty()) return;
  const std::string content_type = response.has_header("Content-Type")
                                       ? response.get_header_value("Content-Type")
                                       : std::string("text/plain");
  const std::string encoding =
      response.has_header("Content-Encoding") || !compressible(content_type)
          ? std::string()
          : choose_encoding(setting, request.get_header_value("Accept-Encoding"));
  auto body = std::make_shared<const std::string>(encode_body(response.body, encoding));
  response.body.clear();
  response.headers.erase("Content-Type");  // set_content_provider() adds it again
  if (!encoding.empty()) response.set_header("Content-Encoding", encoding);
  response.set_content_provider(
      body->size(), content_type,
      [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(body->data() + offset, std::min(length, body->size() - offset));
      });
}

}  // namespace closeio::testing::internal
