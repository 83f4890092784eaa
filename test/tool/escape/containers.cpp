// Rule 5: insertion members of a container that outlives the block keep the
// value: push_back, emplace_back, insert, emplace, push, assign, and
// assignment through operator[]. A container of plain values copies the
// contents and keeps nothing.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <map>
#include <queue>
#include <set>
#include <string_view>
#include <vector>

std::vector<int *> g_ptrs;
std::set<const int *> g_seen;
std::map<int, std::string_view> g_names;
std::queue<double *> g_work;

void pushBack(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    g_ptrs.push_back(s.data());
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'g_ptrs.push_back', and 'g_ptrs' outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void emplaceBack(int n, std::vector<std::span<int>> &out) {
  [[bumper::no_escape]] {
    out.emplace_back(bumper::alloc<int>(n));
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'out.emplace_back', and 'out' outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:22: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void insert(int n) {
  [[bumper::no_escape]] {
    int *p = bumper::alloc<int>(n).data();
    g_seen.insert(p);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'g_seen.insert', and 'g_seen' outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void emplace(int n) {
  [[bumper::no_escape]] {
    auto chars = bumper::alloc<char>(n);
    g_names.emplace(1, std::string_view(chars.data(), chars.size()));
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'g_names.emplace', and 'g_names' outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:18: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void push(int n) {
  [[bumper::no_escape]] {
    g_work.push(bumper::alloc<double>(n).data());
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'g_work.push', and 'g_work' outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:17: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void subscriptAssign(int n) {
  [[bumper::no_escape]] {
    auto chars = bumper::alloc<char>(n);
    g_names[7] = std::string_view(chars.data(), 3);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_names[7]', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:18: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void assign(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    g_ptrs.assign(3, s.data());
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'g_ptrs.assign', and 'g_ptrs' outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

// Negatives.
void clearedBeforeEnd(int n) {
  [[bumper::no_escape]] {
    g_ptrs.push_back(bumper::alloc<int>(n).data());
    g_ptrs.clear();
  }
}

void localContainer(int n) {
  [[bumper::no_escape]] {
    std::vector<int *> local;
    local.push_back(bumper::alloc<int>(n).data());
  }
}

std::vector<int> g_values;
void copiesContents(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    g_values.push_back(s[0]);
    g_values.insert(g_values.end(), s.begin(), s.end());
    std::string_view sv(bumper::alloc<char>(n).data(), n);
    g_names[1] = "literal";
    std::vector<char> copy(sv.begin(), sv.end());
  }
}
