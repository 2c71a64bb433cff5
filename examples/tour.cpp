// tour: the whole Outcomes API in one run — create, fetch, update, list every page, delete —
// printing each step and the outcomes it saw as an aligned table.
//
// Shows: building a client from the environment, OutcomeCreate and OutcomeUpdate, the lazy
// list range that fetches page after page, NotFoundError after a delete, and cleaning up what
// the program created even when a step fails.
//
//   CLOSE_API_KEY=... ./tour                 # against Close (or CLOSE_ACCESS_TOKEN=...)
//   CLOSE_API_KEY=test-api-key CLOSE_API_BASE_URL=http://127.0.0.1:PORT/api/v1/ ./tour
//                                            # against closeio-fake-server
//
// Exit status: 0 when every step succeeded, 1 when one failed (one line on stderr), 2 when no
// credentials are set.
#include <algorithm>
#include <closeio/closeio.hpp>
#include <cstddef>
#include <iostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

// Characters as a terminal shows them: UTF-8 continuation bytes take no column.
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// `text` cut to `width` columns, ending in "..." when cut; never splits a UTF-8 sequence.
std::string fit(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  std::string out;
  std::size_t columns = 0;
  for (char c : text) {
    const bool starts_character = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_character && ++columns > width - 3) break;
    out += c;
  }
  return out + "...";
}

// "2025-07-29 10:30:00" (UTC, seconds) from Close's "2025-07-29T10:30:00.000000+00:00".
std::string short_time(closeio::Timestamp t) {
  std::string text = closeio::format_timestamp(t).substr(0, 19);
  text[10] = ' ';
  return text;
}

// Prints `outcomes` as an aligned table; the row whose id is `mark` gets a '*'.
void print_table(const std::vector<closeio::Outcome>& outcomes, const std::string& mark = {}) {
  const std::vector<std::string> header = {"ID", "NAME", "TYPE", "DESCRIPTION", "UPDATED (UTC)"};
  std::vector<std::vector<std::string>> rows;
  for (const closeio::Outcome& o : outcomes) {
    rows.push_back({o.id, fit(o.name, 32), std::string(closeio::to_string(o.type)),
                    fit(o.description.value_or("-"), 40), short_time(o.date_updated)});
  }
  std::vector<std::size_t> widths;
  for (const std::string& title : header) widths.push_back(display_width(title));
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  const auto print_row = [&widths](const std::vector<std::string>& row, bool marked) {
    std::cout << (marked ? "  * " : "    ");
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::cout << row[i];
      if (i + 1 < row.size()) std::cout << std::string(widths[i] - display_width(row[i]) + 2, ' ');
    }
    std::cout << '\n';
  };
  print_row(header, false);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    print_row(rows[i], !mark.empty() && outcomes[i].id == mark);
  }
}

void print_step(int number, const std::string& title) {
  std::cout << "\n[" << number << "/5] " << title << '\n';
}

// Deletes the outcome the tour created unless the tour got as far as deleting it itself, so a
// failed step leaves nothing behind.
class Cleanup {
 public:
  explicit Cleanup(const closeio::OutcomesClient& client) : client_(client) {}
  Cleanup(const Cleanup&) = delete;
  Cleanup& operator=(const Cleanup&) = delete;
  ~Cleanup() {
    if (id_.empty()) return;
    try {
      client_.remove(id_);
      std::cout << "\ncleanup: deleted " << id_ << ", which this tour created\n";
    } catch (const closeio::NotFoundError&) {
      // Already gone.
    } catch (const std::exception& e) {
      std::cerr << "tour: could not delete " << id_ << " (delete it by hand): " << e.what() << '\n';
    }
  }
  void track(std::string id) { id_ = std::move(id); }
  void release() { id_.clear(); }

 private:
  const closeio::OutcomesClient& client_;
  std::string id_;
};

// A name no other outcome is likely to have, e.g. "closeio-cpp tour 3f9a".
std::string unique_name() {
  std::random_device random;
  const char* hex = "0123456789abcdef";
  std::string suffix;
  for (int i = 0; i < 4; ++i) suffix += hex[random() % 16];
  return "closeio-cpp tour " + suffix;
}

}  // namespace

int main() {
  const closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (options.credentials.empty()) {
    std::cerr << "tour: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN (and CLOSE_API_BASE_URL for "
                 "closeio-fake-server)\n";
    return 2;
  }
  const bool api_key = options.credentials.kind() == closeio::Credentials::Kind::api_key;
  std::cout << "closeio-cpp " << closeio::version() << " tour of the Outcomes API at "
            << options.base_url << " (" << (api_key ? "API key" : "OAuth access token") << ")\n";

  std::string step = "set-up";
  try {
    const closeio::OutcomesClient client(options);
    Cleanup cleanup(client);

    step = "create";
    print_step(1, "create an outcome: POST /outcome/");
    closeio::OutcomeCreate create;
    create.name = unique_name();
    create.description = "Created by the closeio-cpp tour; deleted at its end.";
    const closeio::Outcome created = client.create(create);
    cleanup.track(created.id);
    print_table({created});

    step = "fetch";
    print_step(2, "fetch it back: GET /outcome/" + created.id + "/");
    print_table({client.fetch(created.id)});

    step = "update";
    print_step(3, "update its name and description: PUT /outcome/" + created.id + "/");
    closeio::OutcomeUpdate changes;
    changes.set_name(created.name + " (updated)")
        .set_description("Updated by the closeio-cpp tour; only the changed fields are sent.");
    const closeio::Outcome updated = client.update(created.id, changes);
    print_table({updated});

    step = "list";
    closeio::ListOptions page;
    page.limit = 10;
    print_step(4, "list every outcome, " + std::to_string(page.limit) +
                      " per page: GET /outcome/?_limit=" + std::to_string(page.limit) +
                      "&_skip=...");
    closeio::OutcomeRange all = client.list(page);
    std::vector<closeio::Outcome> listed;
    for (const closeio::Outcome& outcome : all) listed.push_back(outcome);  // page after page
    print_table(listed, created.id);
    const bool found = std::any_of(listed.begin(), listed.end(),
                                   [&](const closeio::Outcome& o) { return o.id == created.id; });
    std::cout << "    " << listed.size() << " outcomes in " << all.pages_fetched()
              << (all.pages_fetched() == 1 ? " page" : " pages")
              << (found ? "; * marks the one this tour created\n"
                        : "; the one this tour created was not listed (the list changed?)\n");

    step = "delete";
    print_step(5, "delete it: DELETE /outcome/" + created.id + "/");
    client.remove(created.id);
    cleanup.release();
    try {
      client.fetch(created.id);
      std::cerr << "tour: " << created.id << " can still be fetched after its delete\n";
      return 1;
    } catch (const closeio::NotFoundError& e) {
      std::cout << "    deleted; fetching it again answers HTTP " << e.status()
                << " (NotFoundError), as expected\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "tour: " << step << " failed: " << e.what() << '\n';
    return 1;
  }
  std::cout << "\ntour complete: every step succeeded\n";
  return 0;
}
