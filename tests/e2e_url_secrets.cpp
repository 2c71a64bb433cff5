// A base URL's query or fragment may hold a secret: it is refused without being repeated.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "support/test_client.hpp"

namespace closeio::e2e_url_secrets_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSecret = "sEcReT-4711";

std::string construction_error(const ClientOptions& options) {
  try {
    OutcomesClient client(options);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no exception";
}

TEST(UrlSecrets, AQueryOrFragmentIsRefusedWithoutRepeatingIt) {
  const std::string secret = kSecret;
  for (const std::string& url : {
           "https://api.close.com/api/v1/?api_key=" + secret,
           "https://api.close.com/api/v1/#token=" + secret,
           "https://api.close.com/api/v1?" + secret,
           "ftp?key=" + secret + "://api.close.com/",  // A "scheme" holding the query.
           "https://[::1/?key=" + secret,              // Malformed host and a query.
       }) {
    SCOPED_TRACE(url);
    ClientOptions options;
    options.credentials = Credentials::api_key("k");
    options.base_url = url;
    const std::string message = construction_error(options);
    EXPECT_THAT(message, HasSubstr("query or fragment"));
    EXPECT_THAT(message, Not(HasSubstr(secret)));
    EXPECT_THAT(message, Not(HasSubstr("api_key")));
  }
}

TEST(UrlSecrets, TheEnvironmentVariableIsTreatedTheSame) {
  ::setenv("CLOSE_API_KEY", "k", 1);
  ::setenv("CLOSE_API_BASE_URL",
           (std::string("https://api.close.com/api/v1/?api_key=") + kSecret).c_str(), 1);
  const ClientOptions options = ClientOptions::from_env();
  ::unsetenv("CLOSE_API_BASE_URL");
  ::unsetenv("CLOSE_API_KEY");
  const std::string message = construction_error(options);
  EXPECT_THAT(message, HasSubstr("query or fragment"));
  EXPECT_THAT(message, Not(HasSubstr(kSecret)));
}

}  // namespace
}  // namespace closeio::e2e_url_secrets_test
