#include "closeio/client_options.hpp"

#include <cstdlib>

namespace closeio {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string(value) : std::string();
}

}  // namespace

ClientOptions ClientOptions::from_env() {
  ClientOptions options;
  // An API key wins over a token: it is what a server-side integration normally holds.
  if (std::string key = env("CLOSE_API_KEY"); !key.empty()) {
    options.credentials = Credentials::api_key(std::move(key));
  } else if (std::string token = env("CLOSE_ACCESS_TOKEN"); !token.empty()) {
    options.credentials = Credentials::bearer_token(std::move(token));
  }
  if (std::string url = env("CLOSE_API_BASE_URL"); !url.empty()) options.base_url = std::move(url);
  return options;
}

}  // namespace closeio
