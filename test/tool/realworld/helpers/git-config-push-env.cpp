// CASE: git config.c git_config_push_env. The key (xmemdupz there) is cut
// into scratch and passed to git_config_push_split_parameter (same file in
// git, declared here), which copies it into the environment. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdlib>
#include <cstring>

void git_config_push_split_parameter(const char *key, const char *value);

void git_config_push_env(const char *spec) {
  const char *env_name = std::strrchr(spec, '=');
  if (!env_name)
    return;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    size_t n = env_name - spec;
    char *key = bumper::alloc<char>(n + 1).data();
    std::memcpy(key, spec, n);
    key[n] = 0;
    env_name++;
    const char *env_value = std::getenv(env_name);
    if (!env_value)
      return;
    git_config_push_split_parameter(key, env_value);
  }
}
