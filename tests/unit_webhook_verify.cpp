// verify_webhook(): the signature, the headers, the age check and the decoding of what passes.
// Expected signatures are computed in the test with OpenSSL's HMAC() (support/webhook_signing.hpp)
// and cross-checked against the three vectors EVENTS.md §1.2 computed with Python.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "closeio/closeio.hpp"
#include "support/webhook_signing.hpp"

namespace closeio::unit_webhook_verify_test {
namespace {

using Reason = WebhookSignatureError::Reason;
using test_support::close_signature;
using test_support::hmac_sha256_hex;
using ::testing::HasSubstr;

// Close's example key and timestamp (EVENTS.md §1.2).
constexpr std::string_view kKey =
    "058bfb6a3d8cfdc4da7c3be5901b16ae11da982b46a25fb2cd7016e97a140a1c";
constexpr std::string_view kTimestamp = "1544271440";
constexpr std::int64_t kSignedAt = 1544271440;

const std::string kBody =
    R"({"subscription_id": "whsub_8AmjKCZYT3zI8eZoi4HhFC", "event": {"id": "ev_1", )"
    R"("object_type": "activity.call", "object_id": "acti_1", "action": "completed", )"
    R"("date_created": "2018-12-08T12:17:19.123000", "date_updated": "2018-12-08T12:17:20.000000", )"
    R"("lead_id": "lead_1", "user_id": null, "changed_fields": [], )"
    R"("data": {"id": "acti_1", "duration": 61, "outcome_id": null}}})";

WebhookVerifyOptions at(std::int64_t unix_seconds) {
  WebhookVerifyOptions options;
  options.now = std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
  return options;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Runs `verify` expecting a WebhookSignatureError with `reason`, and checks that the message
// carries none of the secrets or sender-controlled texts.
template <class Verify>
void expect_refused(Verify verify, Reason reason, const std::string& body = kBody,
                    const std::string& signature = {}) {
  try {
    verify();
    ADD_FAILURE() << "accepted";
  } catch (const WebhookSignatureError& e) {
    EXPECT_EQ(e.reason(), reason) << e.what();
    const std::string what = e.what();
    EXPECT_THAT(what, HasSubstr("webhook delivery refused"));
    EXPECT_EQ(what.find(kKey), std::string::npos) << what;
    EXPECT_EQ(what.find(upper(std::string(kKey))), std::string::npos) << what;
    if (!body.empty()) {
      EXPECT_EQ(what.find(body), std::string::npos) << what;
    }
    if (signature.size() > 8) {
      EXPECT_EQ(what.find(signature), std::string::npos) << what;
    }
    EXPECT_EQ(e.attempts(), 0);
  }
}

TEST(WebhookVerify, TheTestSignerMatchesEventsMdPythonVectors) {
  // An independent cross-check of the expected values every other test uses.
  const std::string key_text(kKey);
  const struct {
    std::string body, good, key_as_text;
  } vectors[] = {
      {R"({"subscription_id":"whsub_test","event":{"object_type":"lead","action":"created"}})",
       "5365c6694b0b16cedc1afac48ce130d427c13313645ea73d182a71cb6fef855b",
       "2843d814b7317c3271a3fe9a4a19bf96eadf42ecc556a1d22c2b634368541d5c"},
      {"{\"event\": {\"id\": \"ev_1\", \"data\": {\"name\": \"Zo\xc3\xab M\xc3\xbcller\"}}, "
       "\"subscription_id\": \"whsub_1\"}",
       "29767d893163a6b4c7dccdc10f52a6f9b770383e52727c71428d60ba0dc173be",
       "52d55a75caeaaa8b091a11d35722b69f19917af9db324d37fcdaef15ef57ad6f"},
      {"", "91f22e399dda35c89e4934fb26059becc98ae2d97647fd748563015a9063c680",
       "50ac49d6f51b86e0650177cf547f9ca2d61492bddef073062206624161482740"},
  };
  EXPECT_EQ(vectors[1].body.size(), 89U);
  for (const auto& v : vectors) {
    EXPECT_EQ(close_signature(kKey, kTimestamp, v.body), v.good);
    EXPECT_EQ(hmac_sha256_hex(key_text, std::string(kTimestamp) + v.body), v.key_as_text);
  }

  // Through verify_webhook: the good hash passes the signature check (vector 1 then fails only
  // in decoding: its event has no id; vector 3's empty body is no JSON), the key-as-text one
  // does not.
  const auto options = at(kSignedAt);
  EXPECT_THROW(verify_webhook(kKey, kTimestamp, vectors[0].good, vectors[0].body, options),
               DecodeError);
  const WebhookDelivery zoe =
      verify_webhook(kKey, kTimestamp, vectors[1].good, vectors[1].body, options);
  EXPECT_EQ(zoe.subscription_id, "whsub_1");
  EXPECT_EQ(zoe.event.id, "ev_1");
  EXPECT_EQ(zoe.event.data, "{\"name\": \"Zo\xc3\xab M\xc3\xbcller\"}");
  EXPECT_THROW(verify_webhook(kKey, kTimestamp, vectors[2].good, vectors[2].body, options),
               DecodeError);
  for (const auto& v : vectors) {
    expect_refused([&] { verify_webhook(kKey, kTimestamp, v.key_as_text, v.body, options); },
                   Reason::mismatch, v.body, v.key_as_text);
  }
}

TEST(WebhookVerify, AcceptsAValidDeliveryAndDecodesIt) {
  const std::string signature = close_signature(kKey, kTimestamp, kBody);
  const WebhookDelivery delivery =
      verify_webhook(kKey, kTimestamp, signature, kBody, at(kSignedAt));
  EXPECT_EQ(delivery.subscription_id, "whsub_8AmjKCZYT3zI8eZoi4HhFC");
  EXPECT_EQ(delivery.event.id, "ev_1");
  EXPECT_EQ(delivery.event.action, "completed");
  EXPECT_EQ(delivery.event.user_id, std::nullopt);
  // 2018-12-08T12:17:20 UTC, written without an offset.
  EXPECT_EQ(delivery.event.date_updated,
            Timestamp(std::chrono::seconds(1544271440)) /* same second as the header */);
  const std::optional<Call> call = delivery.event.as_call();
  ASSERT_TRUE(call.has_value());
  EXPECT_EQ(call->duration, std::chrono::seconds(61));
}

TEST(WebhookVerify, HexCaseDoesNotMatter) {
  const std::string signature = close_signature(kKey, kTimestamp, kBody);
  EXPECT_NO_THROW(verify_webhook(kKey, kTimestamp, upper(signature), kBody, at(kSignedAt)));
  std::string mixed = signature;
  for (std::size_t i = 0; i < mixed.size(); i += 2) {
    mixed[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(mixed[i])));
  }
  EXPECT_NO_THROW(verify_webhook(kKey, kTimestamp, mixed, kBody, at(kSignedAt)));
  EXPECT_NO_THROW(
      verify_webhook(upper(std::string(kKey)), kTimestamp, signature, kBody, at(kSignedAt)));
}

TEST(WebhookVerify, TheKeyUsedAsTextFails) {
  const std::string wrong = hmac_sha256_hex(std::string(kKey), std::string(kTimestamp) + kBody);
  expect_refused([&] { verify_webhook(kKey, kTimestamp, wrong, kBody, at(kSignedAt)); },
                 Reason::mismatch, kBody, wrong);
}

TEST(WebhookVerify, EveryTamperedByteFails) {
  const std::string signature = close_signature(kKey, kTimestamp, kBody);
  for (std::size_t i = 0; i < kBody.size(); ++i) {
    std::string tampered = kBody;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    expect_refused([&] { verify_webhook(kKey, kTimestamp, signature, tampered, at(kSignedAt)); },
                   Reason::mismatch, tampered, signature);
  }
  // One byte more or less, and the body re-serialised (as a JSON library would print it).
  expect_refused([&] { verify_webhook(kKey, kTimestamp, signature, kBody + " ", at(kSignedAt)); },
                 Reason::mismatch);
  expect_refused(
      [&] {
        verify_webhook(kKey, kTimestamp, signature, kBody.substr(0, kBody.size() - 1),
                       at(kSignedAt));
      },
      Reason::mismatch);
  std::string compact;
  for (const char c : kBody) {
    if (c != ' ') compact += c;  // kBody has no spaces inside strings.
  }
  expect_refused([&] { verify_webhook(kKey, kTimestamp, signature, compact, at(kSignedAt)); },
                 Reason::mismatch, compact);
}

TEST(WebhookVerify, AChangedTimestampFails) {
  const std::string signature = close_signature(kKey, kTimestamp, kBody);
  expect_refused([&] { verify_webhook(kKey, "1544271441", signature, kBody, at(kSignedAt + 1)); },
                 Reason::mismatch);
  expect_refused([&] { verify_webhook(kKey, "01544271440", signature, kBody, at(kSignedAt)); },
                 Reason::mismatch);
}

TEST(WebhookVerify, StaleAndFutureTimestamps) {
  const std::string signature = close_signature(kKey, kTimestamp, kBody);
  EXPECT_NO_THROW(verify_webhook(kKey, kTimestamp, signature, kBody, at(kSignedAt + 300)));
  EXPECT_NO_THROW(verify_webhook(kKey, kTimestamp, signature, kBody, at(kSignedAt - 300)));
  expect_refused([&] { verify_webhook(kKey, kTimestamp, signature, kBody, at(kSignedAt + 301)); },
                 Reason::too_old);
  expect_refused([&] { verify_webhook(kKey, kTimestamp, signature, kBody, at(kSignedAt - 301)); },
                 Reason::too_new);
  WebhookVerifyOptions tight = at(kSignedAt + 11);
  tight.tolerance = std::chrono::seconds(10);
  expect_refused([&] { verify_webhook(kKey, kTimestamp, signature, kBody, tight); },
                 Reason::too_old);
  // The default options judge against the real clock: a 2018 timestamp is far too old.
  expect_refused([&] { verify_webhook(kKey, kTimestamp, signature, kBody); }, Reason::too_old);
}

TEST(WebhookVerify, AgeIsJudgedOnlyAfterTheSignature) {
  // A forged delivery with an old timestamp is a mismatch, not a replay.
  const std::string forged = close_signature(kKey, kTimestamp, kBody + "x");
  expect_refused([&] { verify_webhook(kKey, kTimestamp, forged, kBody, at(kSignedAt + 9999)); },
                 Reason::mismatch);
}

TEST(WebhookVerify, ToleranceOff) {
  const std::string signature = close_signature(kKey, kTimestamp, kBody);
  WebhookVerifyOptions off = at(kSignedAt + 72 * 3600);
  off.tolerance = std::nullopt;
  EXPECT_NO_THROW(verify_webhook(kKey, kTimestamp, signature, kBody, off));
  off.now = std::nullopt;  // The real clock, years later.
  EXPECT_NO_THROW(verify_webhook(kKey, kTimestamp, signature, kBody, off));
  // Still authenticated.
  expect_refused([&] { verify_webhook(kKey, kTimestamp, signature, kBody + " ", off); },
                 Reason::mismatch);
}

TEST(WebhookVerify, NegativeToleranceIsAProgramError) {
  const std::string signature = close_signature(kKey, kTimestamp, kBody);
  WebhookVerifyOptions options = at(kSignedAt);
  options.tolerance = std::chrono::seconds(-1);
  EXPECT_THROW(verify_webhook(kKey, kTimestamp, signature, kBody, options), std::invalid_argument);
}

TEST(WebhookVerify, EmptyBody) {
  // Authentic but not a delivery: DecodeError. Not authentic: refused before any parsing.
  const std::string signature = close_signature(kKey, kTimestamp, "");
  EXPECT_THROW(verify_webhook(kKey, kTimestamp, signature, "", at(kSignedAt)), DecodeError);
  expect_refused([&] { verify_webhook(kKey, kTimestamp, signature, "{}", at(kSignedAt)); },
                 Reason::mismatch);
}

TEST(WebhookVerify, NonAsciiBody) {
  const std::string body =
      "{\"subscription_id\":\"whsub_1\",\"event\":{\"id\":\"ev_\xe2\x82\xac\",\"data\":"
      "{\"note\":\"\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x93\x9e\"}}}";
  const std::string signature = close_signature(kKey, kTimestamp, body);
  const WebhookDelivery delivery = verify_webhook(kKey, kTimestamp, signature, body, at(kSignedAt));
  EXPECT_EQ(delivery.event.id, "ev_\xe2\x82\xac");
  EXPECT_EQ(delivery.event.data, "{\"note\":\"\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x93\x9e\"}");
  // Escaped the same text is other bytes: another signature.
  const std::string escaped =
      R"({"subscription_id":"whsub_1","event":{"id":"ev_\u20ac","data":{"note":"x"}}})";
  expect_refused([&] { verify_webhook(kKey, kTimestamp, signature, escaped, at(kSignedAt)); },
                 Reason::mismatch, escaped);
}

TEST(WebhookVerify, MissingHeaders) {
  const std::string signature = close_signature(kKey, kTimestamp, kBody);
  expect_refused([&] { verify_webhook(kKey, "", signature, kBody, at(kSignedAt)); },
                 Reason::missing_header);
  expect_refused([&] { verify_webhook(kKey, kTimestamp, "", kBody, at(kSignedAt)); },
                 Reason::missing_header);
  expect_refused([&] { verify_webhook(kKey, "", "", kBody, at(kSignedAt)); },
                 Reason::missing_header);
}

TEST(WebhookVerify, MalformedHeaders) {
  const std::string signature = close_signature(kKey, kTimestamp, kBody);
  for (const std::string& timestamp :
       std::vector<std::string>{"abc", "-1544271440", "1544271440.0", " 1544271440", "1544271440\n",
                                "1e9", "1234567890123456789", std::string(1000, '9'),
                                std::string("15442\0"
                                            "71440",
                                            11)}) {
    expect_refused([&] { verify_webhook(kKey, timestamp, signature, kBody, at(kSignedAt)); },
                   Reason::malformed_header);
  }
  for (const std::string& bad :
       std::vector<std::string>{signature.substr(1), signature + "0", signature.substr(0, 63) + "g",
                                "sha256=" + signature, signature.substr(0, 32),
                                std::string(64, ' '), std::string(100000, 'a')}) {
    expect_refused([&] { verify_webhook(kKey, kTimestamp, bad, kBody, at(kSignedAt)); },
                   Reason::malformed_header, kBody, bad);
  }
}

TEST(WebhookVerify, ABadKeyIsInvalidArgumentWithoutTheKey) {
  const std::string signature = close_signature(kKey, kTimestamp, kBody);
  const std::string key(kKey);
  std::string with_control = key;
  with_control[10] = '\n';
  std::string with_nul = key;
  with_nul[63] = '\0';
  for (const std::string& bad :
       {key.substr(1), key + "a", key.substr(0, 63) + "z", with_control, with_nul, std::string(),
        std::string(64, ' '), "whsec_" + key.substr(6)}) {
    try {
      verify_webhook(bad, kTimestamp, signature, kBody, at(kSignedAt));
      ADD_FAILURE() << "accepted a bad key";
    } catch (const std::invalid_argument& e) {
      const std::string what = e.what();
      EXPECT_THAT(what, HasSubstr("signature key"));
      if (!bad.empty()) {
        EXPECT_EQ(what.find(bad), std::string::npos) << what;
      }
      EXPECT_EQ(what.find(key.substr(0, 16)), std::string::npos) << what;
      EXPECT_EQ(what.find(key.substr(40, 16)), std::string::npos) << what;
    }
  }
  // A bad key is reported before anything about the request.
  EXPECT_THROW(verify_webhook("short", "", "", "", at(kSignedAt)), std::invalid_argument);
}

TEST(WebhookVerify, AVerifiedBodyThatIsNotADeliveryIsADecodeError) {
  for (const std::string& body :
       std::vector<std::string>{"[1,2]", "{\"foo\":1}", "null", "{\"subscription_id\":\"whsub_1\"}",
                                "{\"subscription_id\":\"whsub_1\",\"event\":{\"id\":5}}",
                                "{\"event\":{\"id\":\"ev\"}}", std::string(5000, '[')}) {
    const std::string signature = close_signature(kKey, kTimestamp, body);
    EXPECT_THROW(verify_webhook(kKey, kTimestamp, signature, body, at(kSignedAt)), DecodeError)
        << body.substr(0, 60);
  }
}

// ---- Several subscriptions on one URL ---------------------------------------------------------

constexpr std::string_view kKeyA =
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
constexpr std::string_view kKeyB =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

std::string delivery_of(std::string_view subscription_id) {
  return R"({"subscription_id":")" + std::string(subscription_id) +
         R"(","event":{"id":"ev_x","object_type":"lead","action":"created"}})";
}

class Keyring {
 public:
  Keyring() : keys_{{"whsub_A", std::string(kKeyA)}, {"whsub_B", std::string(kKeyB)}} {}
  WebhookKeyLookup lookup() {
    return [this](std::string_view id) -> std::optional<std::string> {
      ++lookups_;
      const auto found = keys_.find(std::string(id));
      if (found == keys_.end()) return std::nullopt;
      return found->second;
    };
  }
  int lookups() const { return lookups_; }

 private:
  std::map<std::string, std::string> keys_;
  int lookups_ = 0;
};

TEST(WebhookVerifyKeyring, PicksTheKeyByTheBodysSubscription) {
  Keyring keyring;
  const auto lookup = keyring.lookup();
  const std::string body_a = delivery_of("whsub_A");
  const std::string body_b = delivery_of("whsub_B");
  const WebhookDelivery a = verify_webhook(
      lookup, kTimestamp, close_signature(kKeyA, kTimestamp, body_a), body_a, at(kSignedAt));
  EXPECT_EQ(a.subscription_id, "whsub_A");
  const WebhookDelivery b = verify_webhook(
      lookup, kTimestamp, close_signature(kKeyB, kTimestamp, body_b), body_b, at(kSignedAt));
  EXPECT_EQ(b.subscription_id, "whsub_B");
  EXPECT_EQ(keyring.lookups(), 2);
}

TEST(WebhookVerifyKeyring, AClaimedSubscriptionMustHaveSigned) {
  Keyring keyring;
  const auto lookup = keyring.lookup();
  // Signed with B's key but claiming A: A's key does not verify it.
  const std::string body = delivery_of("whsub_A");
  const std::string signature = close_signature(kKeyB, kTimestamp, body);
  expect_refused([&] { verify_webhook(lookup, kTimestamp, signature, body, at(kSignedAt)); },
                 Reason::mismatch, body, signature);
  // A duplicated key reads as its last value both before and after verification.
  const std::string twice =
      R"({"subscription_id":"whsub_A","subscription_id":"whsub_B","event":{"id":"ev"}})";
  EXPECT_EQ(peek_subscription_id(twice), "whsub_B");
  EXPECT_EQ(verify_webhook(lookup, kTimestamp, close_signature(kKeyB, kTimestamp, twice), twice,
                           at(kSignedAt))
                .subscription_id,
            "whsub_B");
  expect_refused(
      [&] {
        verify_webhook(lookup, kTimestamp, close_signature(kKeyA, kTimestamp, twice), twice,
                       at(kSignedAt));
      },
      Reason::mismatch, twice);
}

TEST(WebhookVerifyKeyring, UnknownOrMissingSubscriptionIsRefused) {
  Keyring keyring;
  const auto lookup = keyring.lookup();
  const std::string unknown = delivery_of("whsub_C");
  expect_refused(
      [&] {
        verify_webhook(lookup, kTimestamp, close_signature(kKeyA, kTimestamp, unknown), unknown,
                       at(kSignedAt));
      },
      Reason::unknown_subscription, unknown);
  for (const std::string& body :
       std::vector<std::string>{std::string("not json"), std::string("{\"event\":{}}"),
                                std::string("{\"subscription_id\":7}"), std::string()}) {
    expect_refused(
        [&] {
          verify_webhook(lookup, kTimestamp, close_signature(kKeyA, kTimestamp, body), body,
                         at(kSignedAt));
        },
        Reason::unknown_subscription, body);
  }
  EXPECT_EQ(keyring.lookups(), 1);  // Only the body that named a subscription was looked up.
  const std::string body_a = delivery_of("whsub_A");
  expect_refused(
      [&] {
        verify_webhook(WebhookKeyLookup{}, kTimestamp, close_signature(kKeyA, kTimestamp, body_a),
                       body_a, at(kSignedAt));
      },
      Reason::unknown_subscription, body_a);
}

TEST(WebhookVerifyKeyring, PeekIsTolerantAndNeverThrows) {
  EXPECT_EQ(peek_subscription_id(R"({"subscription_id":"whsub_1"})"), "whsub_1");
  EXPECT_EQ(peek_subscription_id(R"( {"event":{"subscription_id":"x"},"subscription_id":"y"} )"),
            "y");
  EXPECT_EQ(peek_subscription_id(R"({"event":{"subscription_id":"x"}})"), std::nullopt);
  EXPECT_EQ(peek_subscription_id(R"({"subscription_id":""})"), std::nullopt);
  EXPECT_EQ(peek_subscription_id(R"({"subscription_id":null})"), std::nullopt);
  EXPECT_EQ(peek_subscription_id(R"(["subscription_id","x"])"), std::nullopt);
  EXPECT_EQ(peek_subscription_id(R"({"subscription_id":"x")"), std::nullopt);
  EXPECT_EQ(peek_subscription_id(""), std::nullopt);
  EXPECT_EQ(peek_subscription_id("{\"subscription_id\":\"\xff\"}"), std::nullopt);
  EXPECT_EQ(peek_subscription_id(std::string(100000, '[')), std::nullopt);
}

}  // namespace
}  // namespace closeio::unit_webhook_verify_test
