/// @file
/// A gmock mock of closeio::RawConnection, to unit-test code that uses RawClient without HTTP.
/// Header-only; the `closeio::mocks` CMake target (closeio + GMock).
#pragma once

#include <gmock/gmock.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "closeio/async_result.hpp"
#include "closeio/raw_connection.hpp"

namespace closeio::mocks {

/// A gmock implementation of closeio::RawConnection. Build a RawClient over it and set
/// expectations on the requests the client hands over, already checked and normalised (method
/// upper case, path without its leading '/'). A request RawClient refuses (a path escaping the
/// API root, an unknown method) throws std::invalid_argument without reaching the mock, and
/// RawClient::list() drives list_page() page after page.
///
/// @code
/// auto mock = std::make_shared<closeio::mocks::MockRawConnection>();
/// closeio::RawResponse lead;
/// lead.status = 200;
/// lead.body = R"({"id": "lead_1"})";
/// EXPECT_CALL(*mock, request(::testing::Field(&closeio::RawRequest::path, "lead/lead_1/"),
///                            ::testing::_))
///     .WillOnce(::testing::Return(lead));
/// closeio::RawClient raw(mock);
/// EXPECT_EQ(raw.get("lead/lead_1/").body, lead.body);
/// @endcode
///
/// @par Asynchronous members
/// request_async() and list_page_async() are mocked too: an expectation on one completes the
/// call by running its last argument, `done`. Unless told otherwise each does what
/// RawConnection's default body does: it calls request() or list_page() (so their expectations
/// apply) on the calling thread and runs `done` before returning (`ON_CALL` in the constructor,
/// with `EXPECT_CALL(...).Times(AnyNumber())`).
///
/// @par Thread safety
/// As gmock mocks are: expectations must be set before the calls they match are made.
class MockRawConnection : public RawConnection {
 public:
  /// A mock whose request_async() and list_page_async() serve their calls through request() and
  /// list_page() (see above) until a test sets expectations on them.
  MockRawConnection() {
    using ::testing::_;
    using ::testing::AnyNumber;
    ON_CALL(*this, request_async(_, _, _))
        .WillByDefault([this](const RawRequest& request, const CallOptions& call,
                              std::function<void(AsyncResult<RawResponse>)> done) {
          RawConnection::request_async(request, call, std::move(done));
        });
    ON_CALL(*this, list_page_async(_, _, _, _, _))
        .WillByDefault([this](const std::string& path, const QueryParams& query,
                              const ListOptions& options, const CallOptions& call,
                              std::function<void(AsyncResult<Page<std::string>>)> done) {
          RawConnection::list_page_async(path, query, options, call, std::move(done));
        });
    EXPECT_CALL(*this, request_async(_, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, list_page_async(_, _, _, _, _)).Times(AnyNumber());
  }

  /// Mocks RawConnection::request().
  MOCK_METHOD(RawResponse, request, (const RawRequest& request, const CallOptions& call),
              (override));
  /// Mocks RawConnection::request_async(); `done` is argument 2.
  MOCK_METHOD(void, request_async,
              (const RawRequest& request, const CallOptions& call,
               std::function<void(AsyncResult<RawResponse>)> done),
              (override));
  /// Mocks RawConnection::list_page(): one page of a list.
  MOCK_METHOD(Page<std::string>, list_page,
              (const std::string& path, const QueryParams& query, const ListOptions& options,
               const CallOptions& call),
              (override));
  /// Mocks RawConnection::list_page_async(); `done` is argument 4.
  MOCK_METHOD(void, list_page_async,
              (const std::string& path, const QueryParams& query, const ListOptions& options,
               const CallOptions& call, std::function<void(AsyncResult<Page<std::string>>)> done),
              (override));
  /// Mocks RawConnection::rate_limit(). Unless told otherwise it returns std::nullopt.
  MOCK_METHOD(std::optional<RateLimitInfo>, rate_limit, (), (const, override));
};

}  // namespace closeio::mocks
