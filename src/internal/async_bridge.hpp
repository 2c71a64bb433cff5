// Glue between the call forms: a blocking call reported as an AsyncResult (the default bodies
// of the connections' asynchronous members), and a callback form turned into a std::future
// (the clients' future forms).
#pragma once

#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <type_traits>
#include <utility>

#include "closeio/async_result.hpp"

namespace closeio::internal {

/// Runs `blocking` here and now and hands its value or exception to `done`.
template <class T, class Blocking>
void complete_now(std::function<void(AsyncResult<T>)>&& done, Blocking&& blocking) {
  std::optional<AsyncResult<T>> result;
  try {
    if constexpr (std::is_void_v<T>) {
      blocking();
      result.emplace();
    } else {
      result.emplace(blocking());
    }
  } catch (...) {
    result.emplace(std::current_exception());
  }
  done(std::move(*result));
}

/// Starts a call with `start(callback)` and returns the future the callback fulfils.
template <class T, class Start>
std::future<T> future_from(Start&& start) {
  auto promise = std::make_shared<std::promise<T>>();
  std::future<T> future = promise->get_future();
  start(std::function<void(AsyncResult<T>)>([promise](AsyncResult<T> result) {
    if (!result.has_value()) return promise->set_exception(result.error());
    if constexpr (std::is_void_v<T>) {
      promise->set_value();
    } else {
      promise->set_value(std::move(result).value());
    }
  }));
  return future;
}

/// `done`, made safe to call from the I/O thread: an exception it throws is dropped (there is
/// no one to report it to), and it runs at most once.
template <class T>
std::function<void(AsyncResult<T>)> guard_callback(std::function<void(AsyncResult<T>)> done) {
  return [done = std::move(done)](AsyncResult<T> result) {
    try {
      if (done) done(std::move(result));
    } catch (...) {
    }
  };
}

}  // namespace closeio::internal
