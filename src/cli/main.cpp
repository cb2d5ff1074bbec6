// certhub: the command line. The only place that wires content, store and server together.
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <thread>

#include "cli/users.hpp"
#include "content/lint.hpp"
#include "content/loader.hpp"
#include "content/originality.hpp"
#include "core/blueprint.hpp"
#include "core/cache_budget.hpp"
#include "features/wiring.hpp"
#include "store/store.hpp"
#include "web/app.hpp"
#include "web/server.hpp"

namespace {

using namespace certhub;

constexpr int kExitOk = 0;
constexpr int kExitContent = 1;  // content has errors (lint, serve)
constexpr int kExitUsage = 2;
constexpr int kExitRuntime = 3;  // database or network could not be used

void print_diagnostics(const std::vector<Diagnostic>& diagnostics, std::ostream& out) {
  for (const auto& d : diagnostics) out << format(d) << "\n";
}

// "2026-11-23" or "2026-11-23T10:00:00Z" or unix seconds: a fixed start for the clock, which
// then runs at normal speed. For tests that must not depend on today's date.
std::optional<std::int64_t> parse_clock(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (text.find('-') == std::string::npos) return std::stoll(text);
  auto date = parse_date(text.substr(0, 10));
  if (!date) throw std::invalid_argument("--clock: not a date: " + text);
  std::int64_t seconds = days_from_civil(*date) * 86400;
  if (text.size() >= 19 && text[10] == 'T')
    seconds += std::stoi(text.substr(11, 2)) * 3600 + std::stoi(text.substr(14, 2)) * 60 +
               std::stoi(text.substr(17, 2));
  return seconds;
}

Clock make_clock(const std::string& fixed) {
  auto start = parse_clock(fixed);
  if (!start) return system_clock();
  auto began = std::chrono::steady_clock::now();
  return [start = *start, began] {
    return start + std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::steady_clock::now() - began)
                       .count();
  };
}

int lint(const std::string& dir) {
  auto result = load_content(dir);
  if (result.catalog) {
    auto similar = lint_near_duplicates(*result.catalog, dir);
    result.diagnostics.insert(result.diagnostics.end(), similar.begin(), similar.end());
    auto original = lint_originality(*result.catalog, dir, scrum_guide_fingerprint());
    result.diagnostics.insert(result.diagnostics.end(), original.begin(), original.end());
  }
  print_diagnostics(result.diagnostics, std::cout);
  int errors = 0, warnings = 0;
  for (const auto& d : result.diagnostics) (d.severity == Severity::error ? errors : warnings)++;
  if (result.catalog) {
    const auto& c = *result.catalog;
    std::cout << dir << ": " << c.certifications.size() << " certifications, " << c.families.size()
              << " families, " << c.schedule.courses.size() << " courses, " << c.questions.size()
              << " questions\n";
    for (const auto& cert : c.certifications) {
      auto bank = c.bank(cert.id);
      if (bank.empty()) continue;
      std::cout << "  " << cert.id << ": " << bank.size() << " questions;";
      for (const auto& d : cert.domains) {
        auto n = std::count_if(bank.begin(), bank.end(),
                               [&](const Question* q) { return q->domain == d.id; });
        std::cout << " " << d.id << " " << n;
      }
      std::cout << "\n";
    }
  }
  std::cout << errors << " errors, " << warnings << " warnings\n";
  return errors ? kExitContent : kExitOk;
}

// Prints the fingerprint of a text (the Scrum Guide) as C++ initializers, for
// src/content/scrum_guide_fingerprint.inc.
int guide_fingerprint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "certhub guide-fingerprint: cannot read " << path << "\n";
    return kExitUsage;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto hashes = fingerprint(text);
  std::cout << "// " << hashes.size() << " hashes of " << kCopiedRunWords
            << "-word windows, made by `certhub guide-fingerprint` (docs/content.md).\n";
  char line[32];
  for (auto h : hashes) {
    std::snprintf(line, sizeof line, "0x%016llxULL,\n", static_cast<unsigned long long>(h));
    std::cout << line;
  }
  return kExitOk;
}

int migrate(const std::string& db) {
  try {
    auto store = open_store(db);
    int version = store->migrate();
    std::cout << "schema at version " << version << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "certhub migrate: " << e.what() << "\n";
    return kExitRuntime;
  }
}

// postgresql://user:secret@host/db -> postgresql://user:***@host/db, for logs.
std::string without_password(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

bool is_postgres(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string db = "var/certhub.db";
  std::string content = "content";
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string clock;
  std::vector<std::string> metrics_allow = {"127.0.0.1", "::1"};
  std::vector<std::string> trusted_proxies;
  bool rate_limits = true;
  bool behind_tls_proxy = false;
  std::string smtp_url;
  std::string mail_from = "certhub <certhub@localhost>";
  std::string public_url;
  int smtp_retry_seconds = 60;
  // Bytes all in-memory caches may hold together, in MiB (core/cache_budget.hpp splits them).
  std::size_t cache_mib = kCacheMiB;
};

int serve(const ServeOptions& o) {
  auto loaded = load_content(o.content);
  if (!loaded.catalog) {
    print_diagnostics(loaded.diagnostics, std::cerr);
    std::cerr << "certhub serve: content in " << o.content << " has errors; not starting\n";
    return kExitContent;
  }
  std::unique_ptr<Store> store;
  bool sole_writer = false;
  try {
    store = open_store(o.db);
    sole_writer = store->claim_sole_writer();
    store->migrate();
  } catch (const std::exception& e) {
    std::cerr << "certhub serve: " << e.what() << "\n";
    return kExitRuntime;
  }
  App app(o.content, loaded.catalog, *store, make_clock(o.clock));
  app.limits().trust_proxies(o.trusted_proxies);
  app.limits().set_enabled(o.rate_limits);
  app.behind_tls_proxy(o.behind_tls_proxy);
  // Every cache's share of --cache-mib (core/cache_budget.hpp). Attempts are kept in memory only
  // on SQLite (features/practice/attempt_cache.hpp): about 13 KiB for a 50-question mock, 80 KiB
  // for a training over all topics; beyond the budget they are read from the database.
  auto budgets = cache_budgets(o.cache_mib);
  app.page_cache().set_budget(budgets.pages);
  app.limits().set_budget(budgets.rate_limits);
  Server server({o.bind, static_cast<std::uint16_t>(o.port), o.threads},
                {[&app](Request& r) { return app.handle(r); },
                 [&app](const RefusedRequest& refused) { return app.refuse(refused); },
                 [&app](int status) { return app.error(status); }, [&app] { app.reload(); },
                 [&store](std::uint64_t ticket, std::function<void(bool)> done) {
                   store->when_durable(ticket, std::move(done));
                 }});
  std::string address;
  try {
    address = server.listen();
  } catch (const std::exception& e) {
    std::cerr << "certhub serve: " << e.what() << "\n";
    return kExitRuntime;
  }
  spdlog::info("certhub listening on {}", address);  // first log line: scripts read the port here
  spdlog::default_logger()->flush();
  // Routes are added before the first request is read (server.run below), once the address
  // links in emails default to is known (with --port 0, the port chosen).
  NotifyOptions notify;
  if (!o.smtp_url.empty()) notify.smtp = SmtpSettings{o.smtp_url};
  notify.mail = {o.mail_from, o.public_url.empty() ? address : o.public_url};
  while (notify.mail.public_url.ends_with('/')) notify.mail.public_url.pop_back();
  notify.retry_delay = std::chrono::seconds(o.smtp_retry_seconds);
  FeatureOptions feature_options;
  feature_options.attempts_in_memory = sole_writer ? budgets.attempts : 0;
  feature_options.question_html_bytes = budgets.question_html;
  feature_options.readiness_bytes = budgets.readiness;
  feature_options.metrics_allow = o.metrics_allow;
  feature_options.notify = std::move(notify);
  auto features = add_features(app, feature_options);
  for (const auto& d : loaded.diagnostics) spdlog::warn("{}", format(d));
  spdlog::info("content version {} from {}; database {}; {} threads", loaded.catalog->version,
               o.content, without_password(o.db), o.threads);
  server.run();
  // Close the store while the server's io_context still exists: closing runs the last sync
  // and hands any reply still waiting for it back to that context.
  store.reset();
  spdlog::info("certhub stopped");
  spdlog::default_logger()->flush();
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  // Keep freed heap memory instead of returning it to the kernel after each response: with
  // glibc's default the next 20 KB page body faults in fresh pages every time
  // (bench/README.md, the hub page profile). The heap still shrinks below 64 MiB of slack.
  mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
  // The access log is buffered (one write per second, not per request); warnings and errors,
  // and the listening line, are written at once.
  spdlog::flush_on(spdlog::level::warn);
  spdlog::flush_every(std::chrono::seconds(1));
  CLI::App cli{"certhub: agile certification practice and status hub"};
  cli.require_subcommand(1);

  ServeOptions so;
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the hub and the JSON API");
  serve_cmd->add_option("--bind", so.bind, "Address to listen on")
      ->envname("CERTHUB_BIND")
      ->capture_default_str();
  serve_cmd->add_option("--port", so.port, "Port (0 picks a free one)")
      ->envname("CERTHUB_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve_cmd->add_option("--db", so.db, "SQLite file path (or postgresql:// URL)")
      ->envname("CERTHUB_DB")
      ->capture_default_str();
  serve_cmd->add_option("--content", so.content, "Content directory")
      ->envname("CERTHUB_CONTENT")
      ->capture_default_str();
  auto* threads_opt =
      serve_cmd
          ->add_option("--threads", so.threads,
                       "I/O threads (default: cores; 8 on PostgreSQL, where a thread "
                       "waits on each commit)")
          ->check(CLI::Range(1, 256))
          ->capture_default_str();
  serve_cmd
      ->add_option("--metrics-allow", so.metrics_allow,
                   "Peer addresses /metrics answers, comma-separated (others get 404)")
      ->delimiter(',')
      ->capture_default_str();
  serve_cmd
      ->add_option(
          "--trusted-proxy", so.trusted_proxies,
          "Reverse proxy addresses whose X-Forwarded-For names the client, comma-separated")
      ->delimiter(',');
  serve_cmd->add_flag("!--no-rate-limits", so.rate_limits,
                      "No per-client limits (tests and benchmarks on one address only)");
  serve_cmd
      ->add_option("--smtp-url", so.smtp_url,
                   "Mail relay for notifications, smtp://[user:password@]host:port (STARTTLS "
                   "when offered) or smtps://; without it messages stay queued")
      ->envname("CERTHUB_SMTP_URL");
  serve_cmd->add_option("--mail-from", so.mail_from, "From address of notifications")
      ->envname("CERTHUB_MAIL_FROM")
      ->capture_default_str();
  serve_cmd
      ->add_option("--public-url", so.public_url,
                   "The site's address as learners reach it, for links in emails "
                   "(default http://BIND:PORT)")
      ->envname("CERTHUB_PUBLIC_URL");
  serve_cmd
      ->add_option("--smtp-retry-seconds", so.smtp_retry_seconds,
                   "First wait before resending a message the relay refused; doubles per try")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  serve_cmd->add_flag("--behind-tls-proxy", so.behind_tls_proxy,
                      "Cookies get Secure when a --trusted-proxy says X-Forwarded-Proto: https");
  serve_cmd
      ->add_option("--cache-mib", so.cache_mib,
                   "MiB all in-memory caches may hold together (attempts, pages, question HTML, "
                   "readiness, rate limits; docs/architecture.md)")
      ->envname("CERTHUB_CACHE_MIB")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
      ->capture_default_str();
  serve_cmd
      ->add_option("--clock", so.clock,
                   "Fixed start time for the clock (tests): YYYY-MM-DD[THH:MM:SSZ]")
      ->envname("CERTHUB_CLOCK");

  std::string lint_dir = "content";
  auto* lint_cmd = cli.add_subcommand("lint", "Check content files; exit 1 on any error");
  lint_cmd->add_option("dir", lint_dir, "Content directory")->capture_default_str();

  std::string guide_file;
  auto* guide_cmd = cli.add_subcommand(
      "guide-fingerprint",
      "Print the 12-word fingerprint of a text file (the Scrum Guide) for the originality lint");
  guide_cmd->add_option("file", guide_file, "The text, e.g. scrum-guide-2020.txt")->required();

  std::string migrate_db = "var/certhub.db";
  auto* migrate_cmd = cli.add_subcommand("migrate", "Bring the database schema up to date");
  migrate_cmd->add_option("--db", migrate_db, "SQLite file path (or postgresql:// URL)")
      ->envname("CERTHUB_DB")
      ->capture_default_str();

  auto run_user_command = add_user_commands(cli);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    cli.exit(e);
    return kExitUsage;
  }
  try {
    if (*serve_cmd) {
      // Measured (docs/architecture.md, PostgreSQL): saves scale with threads waiting on commits.
      if (threads_opt->count() == 0 && is_postgres(so.db)) so.threads = std::max(so.threads, 8);
      return serve(so);
    }
    if (*lint_cmd) return lint(lint_dir);
    if (*migrate_cmd) return migrate(migrate_db);
    if (*guide_cmd) return guide_fingerprint(guide_file);
    if (int code = run_user_command(); code >= 0) return code;
  } catch (const std::exception& e) {
    std::cerr << "certhub: " << e.what() << "\n";
    return kExitRuntime;
  }
  return kExitUsage;
}
