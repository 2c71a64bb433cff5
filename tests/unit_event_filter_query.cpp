// The Event Log list query: Close's allowed filter combinations, the `_limit` cap, cursor
// checks, and the encoded parameters (written out by hand).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "internal/event_filter_query.hpp"
#include "internal/url.hpp"

namespace closeio::internal::unit_event_filter_query_test {
namespace {

using ::testing::HasSubstr;

std::string query_of(const EventFilter& filter, const EventListOptions& options = {}) {
  return query_string(event_list_query(filter, options));
}

TEST(EventFilterQuery, NoFilterAsksForFiftyNewest) { EXPECT_EQ(query_of({}), "?_limit=50"); }

TEST(EventFilterQuery, EncodesFiltersDatesAndTheCursorInAFixedOrder) {
  EventFilter filter;
  filter.action = "updated";
  filter.object_type = "activity.call";
  // 2026-01-02T03:04:05.000006 UTC is 1767323045 s.
  filter.updated_since = Timestamp(std::chrono::microseconds(1767323045'000006));
  filter.updated_until = Timestamp(std::chrono::microseconds(1767323046'000000));
  EventListOptions options;
  options.limit = 7;
  EXPECT_EQ(query_of(filter, options),
            "?object_type=activity.call&action=updated"
            "&date_updated__gte=2026-01-02T03%3A04%3A05.000006%2B00%3A00"
            "&date_updated__lte=2026-01-02T03%3A04%3A06.000000%2B00%3A00"
            "&_limit=7");
  // A later page: the same filters and the cursor; the date bounds travel in the cursor.
  options.cursor = "abc+/=";
  EXPECT_EQ(query_of(filter, options),
            "?object_type=activity.call&action=updated&_cursor=abc%2B%2F%3D&_limit=7");
}

TEST(EventFilterQuery, AcceptsEveryDocumentedCombination) {
  const auto make = [](const std::string& keys) {
    EventFilter f;
    if (keys.find('T') != std::string::npos) f.object_type = "activity.call";
    if (keys.find('O') != std::string::npos) f.object_id = "acti_1";
    if (keys.find('A') != std::string::npos) f.action = "updated";
    if (keys.find('L') != std::string::npos) f.lead_id = "lead_1";
    if (keys.find('U') != std::string::npos) f.user_id = "user_1";
    if (keys.find('R') != std::string::npos) f.request_id = "req_1";
    f.updated_since = Timestamp(std::chrono::microseconds(0));
    return f;
  };
  for (const char* keys : {"", "TO", "TA", "OA", "LT", "LTA", "LUT", "LUTA", "LU", "UO", "UOA",
                           "UT", "UTA", "L", "U", "R"}) {
    EXPECT_NO_THROW(require_valid_event_filter(make(keys))) << keys;
  }
  for (const char* keys : {"T", "A", "O", "TOA", "LA", "LO", "RT", "RU", "LR", "TOALUR"}) {
    EXPECT_THROW(require_valid_event_filter(make(keys)), std::invalid_argument) << keys;
  }
}

TEST(EventFilterQuery, NamesTheRefusedCombination) {
  EventFilter filter;
  filter.action = "deleted";
  filter.request_id = "req_1";
  try {
    require_valid_event_filter(filter);
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("action+request_id"));
    EXPECT_THAT(e.what(), HasSubstr("object_type+action"));
  }
}

TEST(EventFilterQuery, RefusesHostileValuesAndBounds) {
  for (const std::string& value : {std::string("."), std::string(".."), std::string("lead_1\r\n"),
                                   std::string("a b"), std::string(500, 'x')}) {
    EventFilter filter;
    filter.lead_id = value;
    EXPECT_THROW(require_valid_event_filter(filter), std::invalid_argument) << value.size();
  }
  EventFilter reversed;
  reversed.updated_since = Timestamp(std::chrono::microseconds(2));
  reversed.updated_until = Timestamp(std::chrono::microseconds(1));
  EXPECT_THROW(require_valid_event_filter(reversed), std::invalid_argument);
}

TEST(EventFilterQuery, LimitIsOneToFiftyAndCursorsAreClean) {
  for (const int limit : {0, -1, 51, 1000}) {
    EventListOptions options;
    options.limit = limit;
    EXPECT_THROW(require_valid_event_list_options(options), std::invalid_argument) << limit;
  }
  for (const int limit : {1, 50}) {
    EventListOptions options;
    options.limit = limit;
    EXPECT_NO_THROW(require_valid_event_list_options(options)) << limit;
  }
  for (const std::string& cursor :
       {std::string("a\nb"), std::string("a b"), std::string(5000, 'c')}) {
    EventListOptions options;
    options.cursor = cursor;
    EXPECT_THROW(require_valid_event_list_options(options), std::invalid_argument) << cursor.size();
  }
}

}  // namespace
}  // namespace closeio::internal::unit_event_filter_query_test
