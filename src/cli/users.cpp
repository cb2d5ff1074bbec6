#include "cli/users.hpp"

#include <ctime>
#include <iostream>
#include <memory>
#include <string>

#include "features/accounts/accounts.hpp"
#include "features/accounts/passwords.hpp"
#include "store/store.hpp"

namespace certhub {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;  // a bad password, an unknown or taken email
constexpr int kExitRuntime = 3;

struct UserOptions {
  std::string db = "var/certhub.db";
  std::string email;
  bool admin = false;
};

// One line from standard input, without its line end.
std::optional<std::string> read_password() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int refuse(const std::string& command, const std::string& why) {
  std::cerr << "certhub user " << command << ": " << why << "\n";
  return kExitRefused;
}

// The password for EMAIL from standard input, checked; nullopt after explaining why not.
std::optional<std::string> new_password(const std::string& command, const std::string& email) {
  auto password = read_password();
  if (!password) {
    refuse(command, "give the password as one line on standard input");
    return std::nullopt;
  }
  if (auto problem = password_problem(*password, email)) {
    refuse(command, "password refused: " + *problem);
    return std::nullopt;
  }
  return password;
}

int add(AccountStore& accounts, const UserOptions& o) {
  if (auto problem = email_problem(o.email)) return refuse("add", *problem);
  auto password = new_password("add", o.email);
  if (!password) return kExitRefused;
  if (!accounts.create_account(new_account_row(o.email, *password, o.admin, std::time(nullptr))))
    return refuse("add", o.email + " already has an account");
  std::cout << "added " << o.email << (o.admin ? " (admin)" : "") << "\n";
  return kExitOk;
}

int set_password(AccountStore& accounts, const UserOptions& o) {
  auto account = accounts.account_by_email(o.email);
  if (!account) return refuse("set-password", "no account has the email " + o.email);
  auto password = new_password("set-password", account->email);
  if (!password) return kExitRefused;
  accounts.set_password_hash(account->id, hash_password(*password));
  accounts.end_sessions_of(account->id);  // whoever was logged in must log in again
  std::cout << "password set for " << account->email << "; its sessions are ended\n";
  return kExitOk;
}

int list(AccountStore& accounts) {
  std::cout << "email\tadmin\tcreated (UTC)\n";
  for (const auto& a : accounts.accounts()) {
    std::time_t created = a.created_at;
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", std::gmtime(&created));
    std::cout << a.email << "\t" << (a.admin ? "yes" : "no") << "\t" << when << "\n";
  }
  return kExitOk;
}

int remove(AccountStore& accounts, const UserOptions& o) {
  auto account = accounts.account_by_email(o.email);
  if (!account) return refuse("delete", "no account has the email " + o.email);
  accounts.delete_account(account->id);
  std::cout << "deleted " << account->email << " and all its data\n";
  return kExitOk;
}

}  // namespace

std::function<int()> add_user_commands(CLI::App& cli) {
  auto options = std::make_shared<UserOptions>();
  auto* user = cli.add_subcommand("user", "Manage accounts (passwords are read from stdin)");
  user->require_subcommand(1);
  auto with_db = [&](CLI::App* cmd) {
    cmd->add_option("--db", options->db, "SQLite file path (or postgresql:// URL)")
        ->envname("CERTHUB_DB")
        ->capture_default_str();
    return cmd;
  };
  auto* add_cmd = with_db(user->add_subcommand("add", "Add an account; password on stdin"));
  add_cmd->add_option("email", options->email, "Email address")->required();
  add_cmd->add_flag("--admin", options->admin, "May use the admin area");
  auto* password_cmd = with_db(
      user->add_subcommand("set-password", "Set an account's password (stdin); ends its sessions"));
  password_cmd->add_option("email", options->email, "Email address")->required();
  auto* list_cmd = with_db(user->add_subcommand("list", "List accounts"));
  auto* delete_cmd =
      with_db(user->add_subcommand("delete", "Delete an account and all its data, for good"));
  delete_cmd->add_option("email", options->email, "Email address")->required();

  return [=]() -> int {
    if (!*user) return -1;
    std::unique_ptr<Store> store;
    try {
      store = open_store(options->db);
      store->migrate();
    } catch (const std::exception& e) {
      std::cerr << "certhub user: " << e.what() << "\n";
      return kExitRuntime;
    }
    auto& accounts = store->accounts();
    if (*add_cmd) return add(accounts, *options);
    if (*password_cmd) return set_password(accounts, *options);
    if (*list_cmd) return list(accounts);
    if (*delete_cmd) return remove(accounts, *options);
    return -1;
  };
}

}  // namespace certhub
