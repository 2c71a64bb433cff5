// lead_of_a_call: fetch a call, then the lead it belongs to, and print a few of the lead's fields.
//
// Shows: RawClient for an endpoint the typed clients do not cover (`/lead/{id}/`), on the same
// closeio::Session as CallsClient, so both share one connection pool, one rate-limit budget and
// the same retry and error rules. RawClient::path() percent-encodes the id, `_fields` keeps the
// answer small, and the opt-in <closeio/json.hpp> parses the raw body with nlohmann/json.
//
//   CLOSE_API_KEY=... ./lead_of_a_call CALL_ID
//
// Exit status: 0 when the lead was printed, 1 when Close refused or failed a request or the call
// has no lead (one line on stderr), 2 on bad usage.
#include <closeio/closeio.hpp>
#include <closeio/json.hpp>
#include <iostream>
#include <string>

namespace {

// A string field of `lead`, or "(none)" when it is absent or null.
std::string text_of(const nlohmann::json& lead, const char* field) {
  const auto it = lead.find(field);
  return it != lead.end() && it->is_string() ? it->get<std::string>() : "(none)";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: lead_of_a_call CALL_ID\n";
    return 2;
  }
  const closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (options.credentials.empty()) {
    std::cerr << "lead_of_a_call: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN\n";
    return 2;
  }
  try {
    const closeio::Session session(options);
    const closeio::CallsClient calls(session);
    const closeio::RawClient raw(session);

    const closeio::Call call = calls.fetch(argv[1], {"id", "lead_id", "direction"});
    if (!call.lead_id) {
      std::cerr << "lead_of_a_call: call " << call.id << " belongs to no lead\n";
      return 1;
    }
    // GET /lead/{id}/ with only the fields printed below.
    const closeio::RawResponse answer =
        raw.get(closeio::RawClient::path("lead", *call.lead_id),
                {{"_fields", "id,display_name,status_label,url,date_created"}});
    const nlohmann::json lead = closeio::raw_json(answer);
    std::cout << "call " << call.id << " belongs to lead " << text_of(lead, "id") << '\n'
              << "  name:    " << text_of(lead, "display_name") << '\n'
              << "  status:  " << text_of(lead, "status_label") << '\n'
              << "  url:     " << text_of(lead, "url") << '\n'
              << "  created: " << text_of(lead, "date_created") << '\n';
    return 0;
  } catch (const std::exception& e) {
    // closeio::NotFoundError for an unknown call or lead id, TransportError, DecodeError, ...
    std::cerr << "lead_of_a_call: " << e.what() << '\n';
    return 1;
  }
}
