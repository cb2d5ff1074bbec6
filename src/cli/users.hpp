#pragma once
// `certhub user ...`: operators manage accounts from the shell (and scripts: a password is read
// as one line from standard input, never from the command line, where `ps` would show it).
#include <CLI/CLI.hpp>

#include <functional>

namespace certhub {

// Adds the `user` subcommand to `cli`; the returned function runs it once parsed (exit code).
std::function<int()> add_user_commands(CLI::App& cli);

}  // namespace certhub
