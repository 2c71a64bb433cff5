// Consumer smoke test for pkg-config users (core library only): built with
// `c++ main.cpp $(pkg-config --cflags --libs [--static] closeio)`. Exit code 0 on success.
#include <closeio/closeio.hpp>
#include <cstring>
#include <iostream>

int main() {
  std::cout << "closeio " << closeio::version() << "\n";
  if (std::strcmp(closeio::version(), CLOSEIO_VERSION_STRING) != 0) {
    std::cerr << "FAIL: library and header versions differ\n";
    return 1;
  }
  // Nothing listens on loopback port 1: a real libcurl call that must fail as a TransportError.
  closeio::ClientOptions options;
  options.credentials = closeio::Credentials::api_key("consumer-test-key");
  options.base_url = "http://127.0.0.1:1/api/v1/";
  options.max_retries = 0;
  options.connect_timeout = std::chrono::milliseconds(2000);
  try {
    closeio::OutcomesClient(options).fetch("outcome_1");
  } catch (const closeio::TransportError& e) {
    std::cout << "TransportError as expected: " << e.what() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "FAIL: unexpected exception: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "FAIL: fetch from a closed port succeeded\n";
  return 1;
}
