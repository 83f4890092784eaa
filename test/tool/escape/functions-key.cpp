// .bumper.yaml's Functions describes third-party functions with no body here
// by what a call does with its arguments: Copies (the result owns a copy),
// ReturnsView (the result points into argument i), Keeps (arguments kept past
// the call), Reads (nothing kept, no result derived). Without the file the
// general rules of a function with no body apply and get these wrong.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=NOCONFIG --implicit-check-not=error:
// RUN: not %bumper-tool --config-file=%S/Inputs/functions-key.yaml %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstddef>
#include <vector>

namespace zlib {
struct Dict;
Dict *make_dict(const char *samples, std::size_t n);
} // namespace zlib
namespace textlib {
const char *find(const char *text, char c);
const char *find_any(const char *text, const char *set);
} // namespace textlib
namespace events {
void subscribe(int id, void (*cb)(void *), void *ctx);
void watch(const char *name, const void *data);
} // namespace events
namespace metrics {
void record(std::vector<const char *> &labels, const char *label);
} // namespace metrics

zlib::Dict *g_dict;
const char *g_colon;
std::vector<const char *> g_labels;

void describe(const char *text, std::size_t n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(n).data();
    // NOCONFIG: functions-key.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_dict', which outlives the block [bumper-escape]
    g_dict = zlib::make_dict(buf, n);
    // NOCONFIG: functions-key.cpp:[[@LINE+2]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_colon', which outlives the block [bumper-escape]
    // CHECK: functions-key.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_colon', which outlives the block [bumper-escape]
    g_colon = textlib::find(buf, ':');
    // CHECK: functions-key.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'events::subscribe', which keeps it past the call (Functions in the configuration) [bumper-escape]
    events::subscribe(1, nullptr, buf);
    events::subscribe(2, nullptr, nullptr); // argument 2 holds no arena pointer
    // CHECK: functions-key.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'events::watch', which keeps it past the call (Functions in the configuration) [bumper-escape]
    events::watch("buf", buf);
    // NOCONFIG: functions-key.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'record', and 'g_labels' outlives the block [bumper-escape]
    metrics::record(g_labels, buf);
  }
}

// ReturnsView names the argument the view comes from: a view of the input is
// not arena memory.
const char *g_sep;
void onlyTheNamedArgument(const char *text) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *set = bumper::alloc<char>(4).data();
    set[0] = ',';
    set[1] = '\0';
    // NOCONFIG: functions-key.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_sep', which outlives the block [bumper-escape]
    g_sep = textlib::find_any(text, set);
  }
}
