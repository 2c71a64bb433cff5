/// @file
/// Opt-in nlohmann::json helpers for RawClient. This header includes <nlohmann/json.hpp>, so a
/// program that includes it needs nlohmann/json 3.9 or later on its include path (the
/// nlohmann_json::nlohmann_json CMake target). The umbrella header <closeio/closeio.hpp> does
/// not include it: the rest of the SDK keeps nlohmann/json out of its public headers.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "closeio/errors.hpp"
#include "closeio/raw_client.hpp"

namespace closeio {

/// Parses JSON text from Close (a RawResponse body or a RawClient::list() item). An empty text
/// (some answers have no body) is JSON null. Throws closeio::DecodeError (without quoting the
/// text) when it is not JSON.
inline nlohmann::json raw_json(std::string_view text) {
  if (text.empty()) return nullptr;
  nlohmann::json parsed = nlohmann::json::parse(text.begin(), text.end(), nullptr,
                                                /*allow_exceptions=*/false);
  if (parsed.is_discarded()) throw DecodeError("closeio: raw_json: the text is not JSON", 0);
  return parsed;
}

/// raw_json() of a response's body.
inline nlohmann::json raw_json(const RawResponse& response) { return raw_json(response.body); }

/// The compact JSON text of `body`, as sent by the raw_* functions below. Throws
/// std::invalid_argument when a string in it is not valid UTF-8 (Close expects UTF-8).
inline std::string raw_json_text(const nlohmann::json& body) {
  try {
    return body.dump();
  } catch (const nlohmann::json::exception&) {
    throw std::invalid_argument("closeio: a JSON body holds a string that is not valid UTF-8");
  }
}

/// raw.request(method, path, query, body as JSON text): see RawClient::request().
inline RawResponse raw_request(const RawClient& raw, std::string_view method, std::string_view path,
                               const nlohmann::json& body, const QueryParams& query = {}) {
  return raw.request(method, path, query, raw_json_text(body));
}

/// raw.get(path, query), parsed with raw_json().
inline nlohmann::json raw_get_json(const RawClient& raw, std::string_view path,
                                   const QueryParams& query = {}) {
  return raw_json(raw.get(path, query));
}

/// raw.post(path, body as JSON text, query), the answer parsed with raw_json(). Never sent
/// twice (see RawClient).
inline nlohmann::json raw_post_json(const RawClient& raw, std::string_view path,
                                    const nlohmann::json& body, const QueryParams& query = {}) {
  return raw_json(raw.post(path, raw_json_text(body), query));
}

/// raw.put(path, body as JSON text, query), the answer parsed with raw_json().
inline nlohmann::json raw_put_json(const RawClient& raw, std::string_view path,
                                   const nlohmann::json& body, const QueryParams& query = {}) {
  return raw_json(raw.put(path, raw_json_text(body), query));
}

}  // namespace closeio
