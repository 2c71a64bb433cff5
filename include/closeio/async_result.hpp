/// @file
/// AsyncResult, what a completion callback of an asynchronous call receives.
#pragma once

#include <exception>
#include <optional>
#include <utility>

namespace closeio {

/// The outcome of one asynchronous call, as handed to its completion callback (the
/// `*_async(..., callback)` forms): the value, or the exception the blocking form would have
/// thrown (closeio::Error subclasses, std::invalid_argument for bad arguments).
///
/// @code
/// outcomes.fetch_async("outc_1", {}, [](closeio::AsyncResult<closeio::Outcome> r) {
///   try {
///     use(r.value());
///   } catch (const closeio::NotFoundError&) { ... }
/// });
/// @endcode
///
/// @par Thread safety
/// A plain value: one thread at a time.
template <class T>
class AsyncResult {
 public:
  /// A successful call's value.
  explicit AsyncResult(T value) : value_(std::move(value)) {}
  /// A failed call's exception; `error` must not be null.
  explicit AsyncResult(std::exception_ptr error) : error_(std::move(error)) {}

  /// Whether the call succeeded.
  bool has_value() const noexcept { return value_.has_value(); }
  /// The value; rethrows the call's exception when it failed.
  T& value() & {
    if (error_) std::rethrow_exception(error_);
    return *value_;
  }
  /// The value, read-only (a result passed on as `const AsyncResult&`); rethrows the call's
  /// exception when it failed.
  const T& value() const& {
    if (error_) std::rethrow_exception(error_);
    return *value_;
  }
  /// The value, moved out; rethrows the call's exception when it failed.
  T&& value() && {
    if (error_) std::rethrow_exception(error_);
    return std::move(*value_);
  }
  /// The call's exception; null when it succeeded.
  std::exception_ptr error() const noexcept { return error_; }

 private:
  std::optional<T> value_;
  std::exception_ptr error_;
};

/// The outcome of an asynchronous call that returns nothing (remove, clear_outcome).
template <>
class AsyncResult<void> {
 public:
  /// Success.
  AsyncResult() = default;
  /// A failed call's exception; `error` must not be null.
  explicit AsyncResult(std::exception_ptr error) : error_(std::move(error)) {}

  /// Whether the call succeeded.
  bool has_value() const noexcept { return !error_; }
  /// Returns when the call succeeded; rethrows its exception otherwise.
  void value() const {
    if (error_) std::rethrow_exception(error_);
  }
  /// The call's exception; null when it succeeded.
  std::exception_ptr error() const noexcept { return error_; }

 private:
  std::exception_ptr error_;
};

}  // namespace closeio
