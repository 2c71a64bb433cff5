// The CTest driver of examples/webhook_receiver: starts it on a free port with two
// subscriptions' keys, posts signed deliveries the way Close does (HMAC-SHA256 computed here
// with OpenSSL, keyed with the hex-decoded key, over close-sig-timestamp + the raw body), plus a
// forged one, a stale replay, a re-serialised body, an unknown subscription and a duplicate,
// then checks every HTTP status, what the receiver processed (each event once, in its worker),
// its summary and exit status, and that its output never shows a key.
//
//   drive_webhook_receiver [--keys-file] /path/to/webhook_receiver
//
// With --keys-file the keys come from a file (with a comment and a blank line) instead of
// CLOSE_WEBHOOK_KEYS; first the same file readable by others is refused (exit 2, no key shown).
//
// Exit status 0 when everything matched; 1 with one line per mismatch on stderr.
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <regex>
#include <string>
#include <vector>

namespace {

const std::string kKeyA = "058bfb6a3d8cfdc4da7c3be5901b16ae11da982b46a25fb2cd7016e97a140a1c";
const std::string kKeyB = "f00dfeedc0ffee0123456789abcdef0123456789abcdef0123456789abcdef99";

int failures = 0;
void check(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "drive_webhook_receiver: FAILED: " << what << "\n";
    ++failures;
  }
}

std::string signature(const std::string& hex_key, const std::string& timestamp,
                      const std::string& body) {
  std::string key;
  for (std::size_t i = 0; i + 1 < hex_key.size(); i += 2) {
    key += static_cast<char>(std::stoi(hex_key.substr(i, 2), nullptr, 16));
  }
  const std::string message = timestamp + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
  std::string hex;
  char digits[3];
  for (unsigned i = 0; i < length; ++i) {
    std::snprintf(digits, sizeof digits, "%02x", mac[i]);
    hex += digits;
  }
  return hex;
}

std::string delivery(const std::string& subscription, const std::string& event_id,
                     const std::string& object_type, const std::string& data) {
  return R"({"subscription_id": ")" + subscription + R"(", "event": {"id": ")" + event_id +
         R"(", "object_type": ")" + object_type +
         R"(", "action": "updated", "object_id": "acti_1", "date_created": "2026-09-12T10:15:33.395000", )"
         R"("date_updated": "2026-09-12T10:15:41.002000", "changed_fields": ["outcome_id"], "data": )" +
         data + "}}";
}

// Reads the child's stdout up to the end of the first line, keeping the rest.
std::string read_line(int fd, std::string& buffer) {
  for (;;) {
    const auto newline = buffer.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer.substr(0, newline);
      buffer.erase(0, newline + 1);
      return line;
    }
    char chunk[4096];
    const ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) return {};
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Starts the receiver with its stdout (and, with `with_stderr`, stderr) on the returned pipe.
pid_t start(const std::string& receiver, const std::string& keys_file, bool with_stderr,
            int& read_end) {
  int out[2];
  if (pipe(out) != 0) return -1;
  const pid_t child = fork();
  if (child == 0) {
    dup2(out[1], STDOUT_FILENO);
    if (with_stderr) dup2(out[1], STDERR_FILENO);
    close(out[0]);
    close(out[1]);
    unsetenv("CLOSE_WEBHOOK_KEYS");
    if (keys_file.empty()) {
      const std::string keys = "whsub_A=" + kKeyA + ",whsub_B=" + kKeyB;
      setenv("CLOSE_WEBHOOK_KEYS", keys.c_str(), 1);
      execl(receiver.c_str(), receiver.c_str(), "--port", "0", "--max-deliveries", "8",
            static_cast<char*>(nullptr));
    } else {
      execl(receiver.c_str(), receiver.c_str(), "--keys-file", keys_file.c_str(), "--port", "0",
            "--max-deliveries", "8", static_cast<char*>(nullptr));
    }
    std::perror("exec webhook_receiver");
    _exit(127);
  }
  close(out[1]);
  read_end = out[0];
  return child;
}

std::string read_rest(int fd, std::string text) {
  char chunk[4096];
  for (ssize_t n; (n = read(fd, chunk, sizeof chunk)) > 0;) {
    text.append(chunk, static_cast<std::size_t>(n));
  }
  return text;
}

// Writes the two keys to a new file only its owner may read (mkstemp: mode 0600).
std::string write_keys_file() {
  char path[] = "/tmp/closeio-webhook-keys-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return {};
  const std::string text =
      "# Close webhook subscriptions\nwhsub_A=" + kKeyA + "\n\nwhsub_B=" + kKeyB + "\n";
  const bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return written ? path : "";
}

// A keys file others may read is refused before anything is served.
void check_open_keys_file_refused(const std::string& receiver, const std::string& keys_file) {
  chmod(keys_file.c_str(), 0644);
  int fd = -1;
  const pid_t child = start(receiver, keys_file, /*with_stderr=*/true, fd);
  const std::string output = read_rest(fd, "");
  close(fd);
  int status = 0;
  waitpid(child, &status, 0);
  chmod(keys_file.c_str(), 0600);
  check(WIFEXITED(status) && WEXITSTATUS(status) == 2, "an open keys file: exit status 2");
  check(output.find("group or others may access it; make it the owner's alone (chmod 600)") !=
            std::string::npos,
        "an open keys file: the reason is given");
  check(output.find(kKeyA) == std::string::npos, "an open keys file: no key in the output");
}

}  // namespace

int main(int argc, char** argv) {
  const bool from_file = argc == 3 && std::string(argv[1]) == "--keys-file";
  if (argc != 2 && !from_file) {
    std::cerr << "usage: drive_webhook_receiver [--keys-file] /path/to/webhook_receiver\n";
    return 2;
  }
  const std::string receiver = argv[argc - 1];
  std::string keys_file;
  if (from_file) {
    keys_file = write_keys_file();
    if (keys_file.empty()) {
      std::perror("drive_webhook_receiver: keys file");
      return 1;
    }
    check_open_keys_file_refused(receiver, keys_file);
  }
  int read_end = -1;
  const pid_t child = start(receiver, keys_file, /*with_stderr=*/false, read_end);
  if (child < 0) return 1;
  const int out[1] = {read_end};
  std::string buffer;
  const std::string first = read_line(out[0], buffer);
  if (!keys_file.empty()) unlink(keys_file.c_str());  // Read by now (or never).
  std::smatch match;
  if (!std::regex_match(first, match, std::regex(R"(listening on http://([^:]+):(\d+)(/.*))"))) {
    std::cerr << "drive_webhook_receiver: unexpected first line: " << first << "\n";
    return 1;
  }
  httplib::Client client(match[1].str(), std::stoi(match[2].str()));
  const std::string path = match[3].str();

  const std::string now = std::to_string(std::time(nullptr));
  const auto post = [&](const std::string& timestamp, const std::string& hash,
                        const std::string& body) {
    const httplib::Headers headers = {{"Close-Sig-Timestamp", timestamp}, {"close-sig-hash", hash}};
    const auto result = client.Post(path, headers, body, "application/json");
    return result ? result->status : -1;
  };

  const std::string call_data =
      R"({"id": "acti_1", "outcome_id": "outcome_demo", "duration": 61, "_type": "Call"})";
  const std::string a1 = delivery("whsub_A", "ev_1", "activity.call", call_data);
  const std::string b2 = delivery("whsub_B", "ev_2", "lead", R"({"name": "Zoë Müller"})");
  const std::string a3 = delivery("whsub_A", "ev_3", "lead", "{}");
  const std::string a4 = delivery("whsub_A", "ev_4", "lead", "{}");
  const std::string a5 = delivery("whsub_A", "ev_5", "lead", "{}");
  const std::string z6 = delivery("whsub_Z", "ev_6", "lead", "{}");
  std::string reserialised = a5;  // Same JSON value, other bytes (as json.dumps would print).
  for (auto at = reserialised.find(": "); at != std::string::npos; at = reserialised.find(": "))
    reserialised.erase(at + 1, 1);

  check(post(now, signature(kKeyA, now, a1), a1) == 204, "a valid delivery gets 204");
  check(post(now, signature(kKeyB, now, b2), b2) == 204, "a second subscription's gets 204");
  check(post(now, signature(kKeyA, now, a1), a1) == 204, "a duplicate is acknowledged");
  check(post(now, signature(kKeyB, now, a3), a3) == 401, "a forged delivery gets 401");
  const std::string old = std::to_string(std::time(nullptr) - 3600);
  check(post(old, signature(kKeyA, old, a4), a4) == 401, "a stale replay gets 401");
  check(post(now, signature(kKeyA, now, a5), reserialised) == 401, "a re-serialised body gets 401");
  check(post(now, signature(kKeyA, now, z6), z6) == 401, "an unknown subscription gets 401");
  check(post(now, signature(kKeyA, now, a1).substr(1), a1) == 401, "a cut hash gets 401");

  const std::string output = read_rest(out[0], buffer);
  int status = 0;
  waitpid(child, &status, 0);
  check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the receiver exits with status 0");

  check(count(output,
              "processed ev_1: activity.call updated (whsub_A), call acti_1 outcome "
              "outcome_demo\n") == 1,
        "ev_1 processed once, as a typed call");
  check(count(output, "processed ev_2: lead updated (whsub_B)\n") == 1, "ev_2 processed once");
  check(count(output, "processed ") == 2, "nothing else processed");
  check(count(output, "duplicate ev_1 dropped") == 1, "the duplicate dropped");
  check(count(output, "refused (signature mismatch)") == 2, "forged and re-serialised refused");
  check(count(output, "refused (too old)") == 1, "the stale replay refused");
  check(count(output, "refused (unknown subscription)") == 1, "the unknown subscription refused");
  check(count(output, "refused (malformed header)") == 1, "the cut hash refused");
  check(count(output, "8 deliveries: 2 accepted, 1 duplicates, 5 refused\n") == 1, "summary");
  check(output.find(kKeyA) == std::string::npos && output.find(kKeyB) == std::string::npos,
        "no key in the output");
  if (failures > 0) std::cerr << "receiver output:\n" << output;
  return failures == 0 ? 0 : 1;
}
