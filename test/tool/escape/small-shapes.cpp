// Smaller real-code shapes (issue 13, point 7): container insert/emplace
// whose argument is a std::pair or constructor arguments built from scratch;
// a lambda capturing a view, stored into a container of std::function;
// std::copy into a std::back_inserter of an outer container; a store in a
// catch handler, and one reached after a call in the try body; a lookup with
// a scratch key whose iterator is then given to a clean insert.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <algorithm>
#include <cstring>
#include <functional>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

std::map<int, std::string_view> g_views;
std::map<std::string, int> g_counts;
std::vector<std::pair<int, std::string_view>> g_pairs;
std::vector<std::string> g_strings;
std::vector<std::string_view> g_names;

void pairsAndConstructorArguments(const char *src, std::size_t n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    std::memcpy(tmp, src, n);
    // CHECK: small-shapes.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'g_views.insert', and 'g_views' outlives the block [bumper-escape]
    g_views.insert(std::make_pair(1, std::string_view(tmp, n)));
    // CHECK: small-shapes.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'g_views.emplace', and 'g_views' outlives the block [bumper-escape]
    g_views.emplace(2, std::string_view(tmp, n));
    // CHECK: small-shapes.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'g_pairs.emplace_back', and 'g_pairs' outlives the block [bumper-escape]
    g_pairs.emplace_back(3, std::string_view(tmp, n));
    // CHECK: small-shapes.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'g_names.emplace_back', and 'g_names' outlives the block [bumper-escape]
    g_names.emplace_back(tmp, n);
    // Copies: a std::string is built from the scratch.
    g_counts.insert({std::string(tmp, n), 1});
    g_counts.emplace(std::string_view(tmp, n), 2);
    g_strings.emplace_back(tmp, n);
    g_counts.try_emplace(std::string(tmp, n), 3);
  }
}

std::vector<std::function<void()>> g_callbacks;
void use(std::string_view);

void lambdaIntoFunctionContainer(const char *src, std::size_t n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    std::memcpy(tmp, src, n);
    std::string_view view(tmp, n);
    // CHECK: small-shapes.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is captured by a lambda that escapes: the lambda is kept by 'g_callbacks.push_back', and 'g_callbacks' outlives the block [bumper-escape]
    g_callbacks.push_back([view] { use(view); });
    std::string copy(view);
    g_callbacks.push_back([copy] { use(copy); });
  }
}

std::vector<char> g_bytes;
std::vector<const char *> g_inputs;

void copyIntoBackInserter(const char *src, const char *const *inputs,
                          std::size_t n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    std::memcpy(tmp, src, n);
    std::copy(tmp, tmp + n, std::back_inserter(g_bytes));
    const char **ptrs = bumper::alloc<const char *>(n).data();
    for (std::size_t i = 0; i < n; ++i)
      ptrs[i] = inputs[i];
    std::copy(ptrs, ptrs + n, std::back_inserter(g_inputs));
  }
}

const char *g_last_error;
void parse(const char *text);

void storeInCatch(const char *src, std::size_t n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    std::memcpy(tmp, src, n);
    try {
      parse(tmp);
    } catch (const std::exception &) {
      // CHECK: small-shapes.cpp:[[@LINE+1]]:7: error: pointer into arena memory allocated in this no_escape block is stored into 'g_last_error', which outlives the block [bumper-escape]
      g_last_error = tmp;
    }
  }
}

// Stored, then cleared after a call that may throw: the handler is reached
// with the pointer still stored.
void clearedAfterACallThatMayThrow(const char *src, std::size_t n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    std::memcpy(tmp, src, n);
    try {
      // CHECK: small-shapes.cpp:[[@LINE+1]]:7: error: pointer into arena memory allocated in this no_escape block is stored into 'g_last_error', which outlives the block [bumper-escape]
      g_last_error = tmp;
      parse(tmp);
      g_last_error = nullptr;
    } catch (...) {
    }
  }
}

std::map<std::string, const char *, std::less<>> g_index;

void lookupThenCleanInsert(const char *src, std::size_t n, const char *value) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    std::memcpy(tmp, src, n);
    auto it = g_index.find(std::string_view(tmp, n));
    if (it == g_index.end())
      g_index.emplace_hint(it, std::string(tmp, n), value);
    auto lo = g_index.lower_bound(std::string_view(tmp, n));
    g_index.insert(lo, {std::string(tmp, n), value});
    // CHECK: small-shapes.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'g_index.insert_or_assign', and 'g_index' outlives the block [bumper-escape]
    g_index.insert_or_assign(std::string(tmp, n), tmp);
  }
}
