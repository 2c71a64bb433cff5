#include "internal/oauth_refresher.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "internal/oauth_token_endpoint.hpp"

namespace closeio::internal {
namespace {

OAuthOptions checked_oauth(OAuthOptions options) {
  validate_oauth_app(options.app);
  if (options.tokens.refresh_token.empty()) {
    throw std::invalid_argument("closeio: OAuthOptions::tokens.refresh_token is empty");
  }
  for (const std::string* token : {&options.tokens.refresh_token, &options.tokens.access_token}) {
    for (const char ch : *token) {
      if (static_cast<unsigned char>(ch) <= 0x20 || ch == 0x7f) {
        throw std::invalid_argument(
            "closeio: an OAuth token contains a space or a control character");
      }
    }
  }
  if (options.refresh_margin.count() < 0) {
    throw std::invalid_argument("closeio: OAuthOptions::refresh_margin must be 0 or more");
  }
  return options;
}

}  // namespace

OAuthRefresher::OAuthRefresher(OAuthOptions options, std::string token_url,
                               std::chrono::milliseconds timeout,
                               std::shared_ptr<HttpTransport> transport)
    : options_(checked_oauth(std::move(options))),
      token_url_(std::move(token_url)),
      timeout_(timeout),
      transport_(std::move(transport)),
      current_(options_.tokens),
      margin_(options_.refresh_margin) {}

void OAuthRefresher::set_async(PerformAsync perform, Post post) {
  perform_async_ = std::move(perform);
  post_ = std::move(post);
}

bool OAuthRefresher::needs_refresh(std::uint64_t rejected) const {
  if (rejected != 0 && rejected == generation_) return true;
  if (current_.access_token.empty()) return true;
  return std::chrono::system_clock::now() + margin_ >= current_.expires_at;
}

OAuthGrant OAuthRefresher::current_grant() const {
  OAuthGrant grant;
  grant.authorization = "Bearer " + current_.access_token;
  grant.generation = generation_;
  return grant;
}

OAuthGrant OAuthRefresher::failed_grant(const Failure& failure) {
  OAuthGrant grant;
  // A new exception object for every call: each caller owns (and frees) its own.
  grant.error = std::make_exception_ptr(
      OAuthError(failure.what, failure.code, failure.status, failure.description));
  return grant;
}

// Mutex held. Marks the refresh as under way and builds its request.
HttpRequest OAuthRefresher::begin_refresh(std::string& used_refresh_token) {
  refreshing_ = true;
  used_refresh_token = current_.refresh_token;
  HttpRequest request =
      token_request(token_url_, refresh_form(options_.app, used_refresh_token), timeout_);
  if (log_) {
    last_request_ = request;
    last_request_.body.clear();  // The log never needs the secrets in the form.
  }
  return request;
}

OAuthGrant OAuthRefresher::acquire(std::uint64_t rejected) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (final_failure_) return failed_grant(*final_failure_);
    if (!needs_refresh(rejected)) return current_grant();
    if (refreshing_) {
      // Share the refresh under way, and its outcome: a failed one is this call's failure too
      // (so that callers waiting for one refresh do not each send another), and a new pair is
      // used even if it is already within the margin (a server issuing short-lived tokens).
      const std::uint64_t round = rounds_;
      refreshed_.wait(lock, [&] { return !refreshing_; });
      if (rounds_ == round) continue;
      return last_failure_ ? failed_grant(*last_failure_) : current_grant();
    }
    std::string used;
    HttpRequest request = begin_refresh(used);
    lock.unlock();
    HttpResult result;
    try {
      result = transport_->perform(request);
    } catch (const std::exception& e) {
      result.failure = TransportFailure::not_sent;
      result.request_sent = false;
      result.error = e.what();
    }
    const std::optional<Failure> failure = finish_refresh(result, used, false);
    lock.lock();
    return failure ? failed_grant(*failure) : current_grant();
  }
}

void OAuthRefresher::acquire_async(std::uint64_t rejected, std::function<void(OAuthGrant)> done) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (final_failure_) {
    OAuthGrant grant = failed_grant(*final_failure_);
    lock.unlock();
    return done(std::move(grant));
  }
  if (!needs_refresh(rejected) || !perform_async_) {
    OAuthGrant grant = current_grant();
    lock.unlock();
    return done(std::move(grant));
  }
  waiters_.push_back(std::move(done));
  if (refreshing_) return;  // The refresh under way will answer it.
  std::string used;
  HttpRequest request = begin_refresh(used);
  lock.unlock();
  perform_async_(std::move(request),
                 [self = shared_from_this(), used = std::move(used)](const HttpResult& result) {
                   self->finish_refresh(result, used, true);
                 });
}

// Runs once per refresh, on the thread that sent it (a blocking caller's, or the I/O thread).
std::optional<OAuthRefresher::Failure> OAuthRefresher::finish_refresh(
    const HttpResult& result, const std::string& used_refresh_token, bool on_io_thread) {
  if (log_) {
    // The transport's error text is shown as the OAuth error shows it: without the secrets.
    HttpResult logged = result;
    logged.body.clear();
    logged.error =
        redact_oauth_text(result.error, {&used_refresh_token, &options_.app.client_secret});
    log_(last_request_, logged);
  }
  std::optional<OAuthTokens> tokens;
  std::optional<Failure> failure;
  try {
    tokens = read_token_answer(result, "refresh", std::chrono::system_clock::now(),
                               {&used_refresh_token, &options_.app.client_secret});
    // Close always rotates; a server that does not may keep the refresh token (RFC 6749 6).
    if (tokens->refresh_token.empty()) tokens->refresh_token = used_refresh_token;
  } catch (const OAuthError& e) {
    failure = Failure{e.what(), e.code(), e.description(), e.status()};
  }
  // Persisted before any call uses it: a program that stops right after still holds the live
  // refresh token. Still `refreshing_`, so this never runs concurrently with itself.
  if (tokens && options_.on_new_tokens) {
    try {
      options_.on_new_tokens(*tokens);
    } catch (...) {
      // Documented: the callback must not throw; the session keeps the new pair regardless.
    }
  }
  std::vector<std::function<void(OAuthGrant)>> waiters;
  std::function<OAuthGrant()> grant_for_waiter;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    refreshing_ = false;
    ++rounds_;
    last_failure_ = failure;
    if (tokens) {
      // A token issued for less than twice the margin is refreshed at half its life instead,
      // not before every call.
      const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(
          tokens->expires_at - std::chrono::system_clock::now());
      margin_ = std::max(std::chrono::seconds(0), std::min(options_.refresh_margin, lifetime / 2));
      current_ = std::move(*tokens);
      ++generation_;
    } else if (!token_request_not_applied(result)) {
      // The refresh token may be spent (or is dead): never send it again.
      final_failure_ = failure;
    }
    waiters.swap(waiters_);
  }
  refreshed_.notify_all();
  if (waiters.empty()) return failure;
  auto answer = [self = shared_from_this(), waiters = std::move(waiters), failure]() mutable {
    for (auto& waiter : waiters) {
      OAuthGrant grant;
      if (failure) {
        grant = failed_grant(*failure);
      } else {
        std::lock_guard<std::mutex> lock(self->mutex_);
        grant = self->current_grant();
      }
      waiter(std::move(grant));
    }
  };
  if (on_io_thread || !post_) {
    answer();
  } else {
    post_(std::move(answer));
  }
  return failure;
}

}  // namespace closeio::internal
