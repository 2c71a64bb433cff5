// webhook_receiver's signature keys: which subscription signs with which key. They come from
// CLOSE_WEBHOOK_KEYS ("whsub_A=<hex>,whsub_B=<hex>") or from a keys file (one
// "whsub_...=<hex>" per line; blank lines and lines starting with '#' are skipped). Nothing here
// ever prints a key.
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace webhook_receiver {

/// A key list that cannot be used; the message names the subscription or line, never a key.
class BadKeys : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Subscription id -> hex signature key.
using KeyMap = std::map<std::string, std::string, std::less<>>;

/// Parses "id=key" items separated by `separator`; `source` names them in messages. Skips empty
/// items and, for files ('\n'), lines starting with '#'. Throws BadKeys for an item without
/// "id=", a key that is not 64 hexadecimal digits, or no key at all when `allow_empty` is false.
KeyMap parse_keys(std::string_view text, char separator, const std::string& source,
                  bool allow_empty);

/// The keys of file `path` (one "id=key" per line; it may hold none). Throws BadKeys when it
/// cannot be read, is readable or writable by group or others (like ssh, a key file must be the
/// owner's alone), is larger than 1 MiB or holds a bad line.
KeyMap read_keys_file(const std::string& path);

}  // namespace webhook_receiver
