// Reading keys: each key is checked when read (verify_webhook would refuse a bad one on every
// delivery, as std::invalid_argument), and a file is stat()ed and read through one descriptor so
// that the permissions checked are those of the bytes read.
#include "webhook_receiver_keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <closeio/closeio.hpp>
#include <cstring>

namespace webhook_receiver {
namespace {

bool well_formed(const std::string& key) {
  try {
    // A delivery nobody could sign: it only checks the key's form.
    (void)closeio::verify_webhook(key, "", "", "");
  } catch (const std::invalid_argument&) {
    return false;
  } catch (const closeio::WebhookSignatureError&) {
    // Expected: the key is well formed.
  }
  return true;
}

// The item's text fit for a message: its id part, control bytes shown as '?', at most 40 bytes.
std::string printable_id(std::string_view item) {
  std::string id(item.substr(0, std::min<std::size_t>(item.find('='), 40)));
  for (char& c : id) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return id;
}

}  // namespace

KeyMap parse_keys(std::string_view text, char separator, const std::string& source,
                  bool allow_empty) {
  KeyMap keys;
  std::size_t start = 0;
  int number = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(separator, start), text.size());
    std::string_view item = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!item.empty() && item.back() == '\r') item.remove_suffix(1);
    if (item.empty() || (separator == '\n' && item.front() == '#')) continue;
    const std::string where = source + (separator == '\n' ? ", line " + std::to_string(number)
                                                          : ", item " + std::to_string(number));
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      throw BadKeys(where + ": expected subscription_id=key");
    }
    const std::string id(item.substr(0, equals));
    const std::string key(item.substr(equals + 1));
    if (!well_formed(key)) {
      throw BadKeys(where + ": the key of " + printable_id(item) + " is not 64 hexadecimal digits");
    }
    keys[id] = key;
  }
  if (keys.empty() && !allow_empty) throw BadKeys(source + ": no subscription_id=key in it");
  return keys;
}

KeyMap read_keys_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw BadKeys("keys file " + path + ": " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) throw BadKeys("keys file " + path + ": " + std::strerror(errno));
  if (!S_ISREG(info.st_mode)) throw BadKeys("keys file " + path + ": not a regular file");
  if ((info.st_mode & 077) != 0) {
    throw BadKeys("keys file " + path +
                  ": group or others may access it; make it the owner's alone (chmod 600)");
  }
  if (info.st_size > 1 << 20) throw BadKeys("keys file " + path + ": larger than 1 MiB");
  std::string text(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw BadKeys("keys file " + path + ": " + std::strerror(errno));
    if (n == 0) break;  // Shrunk while read: what is there.
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);
  return parse_keys(text, '\n', "keys file " + path, /*allow_empty=*/true);
}

}  // namespace webhook_receiver
