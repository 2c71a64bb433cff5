// Every WebhooksClient operation and mapped error, blocking, future and callback forms, through
// the real libcurl transport against the local Close emulator's /webhook/ API.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <set>
#include <string>
#include <vector>

#include "closeio/mocks/mock_webhooks_connection.hpp"
#include "support/test_client.hpp"

namespace closeio::e2e_webhooks_test {
namespace {

using testing::FakeCloseServer;
using ::testing::HasSubstr;
using testing::ScriptedResponse;

const char* const kFilter =
    R"({"type":"field_accessor","field":"changed_fields","filter":{"type":"contains","value":"outcome_id"}})";

bool is_hex64(const std::string& key) {
  if (key.size() != 64) return false;
  for (const char c : key) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

WebhookCreate outcome_hook(const std::string& url = "https://hooks.example.com/close") {
  WebhookCreate create;
  create.url = url;
  create.events = {{"activity.call", "completed", std::nullopt},
                   {"activity.meeting", "updated", std::string(kFilter)}};
  return create;
}

class Webhooks : public ::testing::Test {
 protected:
  // No retries: each error below is the first answer's.
  FakeCloseServer server;  // Before the options, which read its URL.
  ClientOptions client_options = [this] {
    ClientOptions o = test::options_for(server);
    o.retry_policy = std::make_shared<DefaultRetryPolicy>(0);
    return o;
  }();
  WebhooksClient webhooks{client_options};
};

TEST_F(Webhooks, CreatePostsTheBodyAndReturnsTheKeyOnce) {
  const WebhookSubscription created = webhooks.create(outcome_hook());
  EXPECT_THAT(created.id, ::testing::StartsWith("whsub_"));
  EXPECT_EQ(created.url, "https://hooks.example.com/close");
  ASSERT_EQ(created.events.size(), 2U);
  EXPECT_EQ(created.events[0].object_type, "activity.call");
  EXPECT_EQ(created.events[0].action, "completed");
  EXPECT_EQ(created.events[1].extra_filter,
            R"({"field":"changed_fields","filter":{"type":"contains","value":"outcome_id"},)"
            R"("type":"field_accessor"})");
  EXPECT_EQ(created.status, WebhookStatus::active);
  EXPECT_TRUE(created.verify_ssl);  // Close's default when not sent.
  ASSERT_TRUE(created.signature_key.has_value());
  EXPECT_TRUE(is_hex64(*created.signature_key));

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1U);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/api/v1/webhook/");
  EXPECT_EQ(requests[0].body,
            R"({"url":"https://hooks.example.com/close","events":[{"object_type":"activity.call",)"
            R"("action":"completed"},{"object_type":"activity.meeting","action":"updated",)"
            R"("extra_filter":{"field":"changed_fields","filter":{"type":"contains",)"
            R"("value":"outcome_id"},"type":"field_accessor"}}]})");

  // Other answers need not carry the key: the create answer is where to store it.
  const WebhookSubscription fetched = webhooks.fetch(created.id);
  EXPECT_EQ(fetched.id, created.id);
  EXPECT_EQ(fetched.events, created.events);
  EXPECT_EQ(fetched.date_created, created.date_created);
}

TEST_F(Webhooks, CreateAcceptsA200AnswerToo) {
  ScriptedResponse r;
  r.status = 200;
  r.method = "POST";
  r.path = "/api/v1/webhook/";
  r.body = R"({"id":"whsub_200","url":"https://a.example/","events":[],"status":"active",)"
           R"("verify_ssl":true,"date_created":"2024-01-02T03:04:05.000006"})";
  server.script(r);
  const WebhookSubscription created = webhooks.create(outcome_hook());
  EXPECT_EQ(created.id, "whsub_200");
  EXPECT_EQ(created.date_created, Timestamp(std::chrono::microseconds(1704164645'000006)));
}

TEST_F(Webhooks, ListWalksEveryPageWithSkip) {
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.insert(webhooks.create(outcome_hook("https://h" + std::to_string(i) + ".example/")).id);
  }
  ListOptions options;
  options.limit = 2;
  WebhookRange range = webhooks.list(options);
  std::set<std::string> seen;
  for (const WebhookSubscription& sub : range) seen.insert(sub.id);
  EXPECT_EQ(seen, ids);
  EXPECT_EQ(range.pages_fetched(), 3);
  std::vector<std::string> targets;
  for (const auto& request : server.requests()) {
    if (request.method == "GET") targets.push_back(request.target);
  }
  EXPECT_THAT(targets, ::testing::ElementsAre("/api/v1/webhook/?_limit=2&_skip=0",
                                              "/api/v1/webhook/?_limit=2&_skip=2",
                                              "/api/v1/webhook/?_limit=2&_skip=4"));
  const Page<WebhookSubscription> page = webhooks.list_page();
  EXPECT_EQ(page.data.size(), 5U);
  EXPECT_FALSE(page.has_more);
}

TEST_F(Webhooks, UpdateSendsOnlyWhatChanged) {
  const WebhookSubscription created = webhooks.create(outcome_hook());
  WebhookUpdate changes;
  changes.url = "https://new.example.com/close";
  changes.verify_ssl = false;
  const WebhookSubscription updated = webhooks.update(created.id, changes);
  EXPECT_EQ(updated.url, "https://new.example.com/close");
  EXPECT_FALSE(updated.verify_ssl);
  EXPECT_EQ(updated.events, created.events);  // Not sent, not changed.
  EXPECT_EQ(updated.status, WebhookStatus::active);
  const auto request = server.requests().back();
  EXPECT_EQ(request.method, "PUT");
  EXPECT_EQ(request.target, "/api/v1/webhook/" + created.id + "/");
  EXPECT_EQ(request.body, R"({"url":"https://new.example.com/close","verify_ssl":false})");

  WebhookUpdate events;
  events.events = std::vector<WebhookEventSpec>{{"activity.call", "updated", std::nullopt}};
  EXPECT_EQ(webhooks.update(created.id, events).events, *events.events);
}

TEST_F(Webhooks, PauseAndResumePutTheStatus) {
  const WebhookSubscription created = webhooks.create(outcome_hook());
  const WebhookSubscription paused = webhooks.pause(created.id);
  EXPECT_EQ(paused.status, WebhookStatus::paused);
  EXPECT_EQ(server.requests().back().body, R"({"status":"paused"})");
  EXPECT_EQ(webhooks.fetch(created.id).status, WebhookStatus::paused);
  const WebhookSubscription resumed = webhooks.resume(created.id);
  EXPECT_EQ(resumed.status, WebhookStatus::active);
  EXPECT_EQ(server.requests().back().body, R"({"status":"active"})");
}

TEST_F(Webhooks, RemoveDeletesAndThenFetchIsNotFound) {
  const WebhookSubscription created = webhooks.create(outcome_hook());
  webhooks.remove(created.id);
  EXPECT_EQ(server.requests().back().method, "DELETE");
  EXPECT_THROW(webhooks.fetch(created.id), NotFoundError);
  EXPECT_THROW(webhooks.remove(created.id), NotFoundError);
  EXPECT_TRUE(webhooks.list_page().data.empty());
}

TEST_F(Webhooks, UnknownIdsAreNotFoundForEveryOperation) {
  EXPECT_THROW(webhooks.fetch("whsub_missing"), NotFoundError);
  EXPECT_THROW(webhooks.pause("whsub_missing"), NotFoundError);
  WebhookUpdate changes;
  changes.url = "https://x.example/";
  EXPECT_THROW(webhooks.update("whsub_missing", changes), NotFoundError);
  try {
    webhooks.remove("whsub_missing");
    FAIL();
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.status(), 404);
  }
}

TEST_F(Webhooks, RefusedBodyIsBadRequest) {
  ScriptedResponse r;
  r.status = 400;
  r.method = "POST";
  r.body = R"({"error":"Maximum number of webhook subscriptions reached.","field-errors":{}})";
  server.script(r);
  try {
    webhooks.create(outcome_hook());
    FAIL();
  } catch (const BadRequestError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_THAT(e.what(), HasSubstr("POST /webhook/"));
  }
}

TEST_F(Webhooks, WrongCredentialsAreUnauthorized) {
  ClientOptions wrong = client_options;
  wrong.credentials = Credentials::api_key("not-the-key");
  WebhooksClient client(wrong);
  EXPECT_THROW(client.list_page(), UnauthorizedError);
  try {
    client.create(outcome_hook());
    FAIL();
  } catch (const UnauthorizedError& e) {
    EXPECT_EQ(e.status(), 401);
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("not-the-key")));
  }
}

TEST_F(Webhooks, RateLimitedIsRateLimitError) {
  ScriptedResponse r;
  r.status = 429;
  r.headers = {{"Retry-After", "3"}};
  r.body = R"({"error": {"rate_reset": 3.0, "message": "API rate limit exceeded."}})";
  server.script(r);
  try {
    webhooks.list_page();
    FAIL();
  } catch (const RateLimitError& e) {
    EXPECT_EQ(e.status(), 429);
    EXPECT_EQ(e.retry_after(), std::chrono::milliseconds(3000));
  }
}

TEST_F(Webhooks, HostileArgumentsAreRefusedBeforeSending) {
  for (const std::string& id : {std::string(), std::string("."), std::string(".."),
                                std::string("whsub_1\r\nX: y"), std::string(1000, 'w')}) {
    EXPECT_THROW(webhooks.fetch(id), std::invalid_argument);
    EXPECT_THROW(webhooks.pause(id), std::invalid_argument);
    EXPECT_THROW(webhooks.remove(id), std::invalid_argument);
    EXPECT_THROW(webhooks.remove_async(id), std::invalid_argument);
  }
  EXPECT_THROW(webhooks.create(outcome_hook("ftp://x.example/")), std::invalid_argument);
  EXPECT_THROW(webhooks.create(outcome_hook("https://x.example/\n")), std::invalid_argument);
  WebhookCreate bad_filter = outcome_hook();
  bad_filter.events[1].extra_filter = R"({}, "verify_ssl": false)";
  EXPECT_THROW(webhooks.create(bad_filter), std::invalid_argument);
  EXPECT_THROW(webhooks.create_async(bad_filter), std::invalid_argument);
  WebhookUpdate unknown;
  unknown.status = WebhookStatus::unknown;
  EXPECT_THROW(webhooks.update("whsub_1", unknown), std::invalid_argument);
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(Webhooks, FutureFormsDoEveryOperation) {
  const WebhookSubscription created = webhooks.create_async(outcome_hook()).get();
  ASSERT_TRUE(created.signature_key.has_value());
  EXPECT_EQ(webhooks.fetch_async(created.id).get().id, created.id);
  EXPECT_EQ(webhooks.list_page_async().get().data.size(), 1U);
  WebhookUpdate changes;
  changes.url = "https://async.example/";
  EXPECT_EQ(webhooks.update_async(created.id, changes).get().url, "https://async.example/");
  EXPECT_EQ(webhooks.pause_async(created.id).get().status, WebhookStatus::paused);
  EXPECT_EQ(webhooks.resume_async(created.id).get().status, WebhookStatus::active);
  webhooks.remove_async(created.id).get();
  EXPECT_THROW(webhooks.fetch_async(created.id).get(), NotFoundError);
}

TEST_F(Webhooks, CallbackFormsRunOnceWithTheValueOrTheError) {
  std::promise<WebhookSubscription> created;
  webhooks.create_async(outcome_hook(), [&](AsyncResult<WebhookSubscription> r) {
    created.set_value(std::move(r).value());
  });
  const WebhookSubscription sub = created.get_future().get();

  std::promise<WebhookStatus> paused;
  webhooks.pause_async(
      sub.id, [&](AsyncResult<WebhookSubscription> r) { paused.set_value(r.value().status); });
  EXPECT_EQ(paused.get_future().get(), WebhookStatus::paused);

  std::promise<WebhookStatus> resumed;
  webhooks.resume_async(
      sub.id, [&](AsyncResult<WebhookSubscription> r) { resumed.set_value(r.value().status); });
  EXPECT_EQ(resumed.get_future().get(), WebhookStatus::active);

  std::promise<std::string> fetched;
  webhooks.fetch_async(
      sub.id, {}, [&](AsyncResult<WebhookSubscription> r) { fetched.set_value(r.value().id); });
  EXPECT_EQ(fetched.get_future().get(), sub.id);

  std::promise<std::size_t> listed;
  webhooks.list_page_async({}, [&](AsyncResult<Page<WebhookSubscription>> r) {
    listed.set_value(r.value().data.size());
  });
  EXPECT_EQ(listed.get_future().get(), 1U);

  std::promise<std::string> updated;
  WebhookUpdate changes;
  changes.url = "https://cb.example/";
  webhooks.update_async(sub.id, changes, [&](AsyncResult<WebhookSubscription> r) {
    updated.set_value(r.value().url);
  });
  EXPECT_EQ(updated.get_future().get(), "https://cb.example/");

  std::promise<bool> removed;
  webhooks.remove_async(sub.id, [&](AsyncResult<void> r) { removed.set_value(r.has_value()); });
  EXPECT_TRUE(removed.get_future().get());

  std::promise<std::exception_ptr> failed;
  webhooks.remove_async(sub.id, [&](AsyncResult<void> r) { failed.set_value(r.error()); });
  const std::exception_ptr error = failed.get_future().get();
  ASSERT_TRUE(error);
  EXPECT_THROW(std::rethrow_exception(error), NotFoundError);
}

// pause() and resume() reach a connection as update() with only the status set, so a mocked
// connection sees exactly what the HTTP one sends.
TEST(WebhooksMock, PauseAndResumeAreStatusOnlyUpdates) {
  using ::testing::_;
  using ::testing::AllOf;
  using ::testing::Field;
  auto mock = std::make_shared<mocks::MockWebhooksConnection>();
  const auto status_only = [](WebhookStatus status) {
    return AllOf(Field(&WebhookUpdate::status, std::optional<WebhookStatus>(status)),
                 Field(&WebhookUpdate::url, std::optional<std::string>()),
                 Field(&WebhookUpdate::verify_ssl, std::optional<bool>()));
  };
  WebhookSubscription paused;
  paused.id = "whsub_1";
  paused.status = WebhookStatus::paused;
  WebhookSubscription active = paused;
  active.status = WebhookStatus::active;
  EXPECT_CALL(*mock, update("whsub_1", status_only(WebhookStatus::paused), _))
      .WillOnce(::testing::Return(paused));
  EXPECT_CALL(*mock, update("whsub_1", status_only(WebhookStatus::active), _))
      .WillRepeatedly(::testing::Return(active));
  WebhooksClient client(mock);
  EXPECT_EQ(client.pause("whsub_1").status, WebhookStatus::paused);
  EXPECT_EQ(client.resume("whsub_1").status, WebhookStatus::active);
  EXPECT_EQ(client.resume_async("whsub_1").get().status, WebhookStatus::active);
  EXPECT_THROW(client.pause(".."), std::invalid_argument);  // Never reaches the mock.
}

}  // namespace
}  // namespace closeio::e2e_webhooks_test
