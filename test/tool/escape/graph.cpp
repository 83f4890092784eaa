// A realistic program: breadth-first search with the frontier and the
// visited set in scratch memory. Clean as written; the ESCAPE variant caches
// the frontier in a member that outlives the search.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --allow-empty --check-prefix=CLEAN
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics -DESCAPE 2>&1 | FileCheck %s --implicit-check-not=error:
// CLEAN-NOT: {{error|warning}}:
#include <bumper/bumper.hpp>
#include <cstdint>
#include <vector>

class Graph {
public:
  explicit Graph(int n) : adj_(n) {}
  void edge(int a, int b) {
    adj_[a].push_back(b);
    adj_[b].push_back(a);
  }

  // Distance from 'from' to 'to' in edges, or -1.
  int distance(int from, int to) {
    int result = -1;
    [[bumper::no_escape]] {
      bumper::NoEscape guard;
      const int n = static_cast<int>(adj_.size());
      std::span<int> frontier = bumper::alloc<int>(n);
      std::span<int> next = bumper::alloc<int>(n);
      std::span<std::uint8_t> seen = bumper::alloc<std::uint8_t>(n);
      for (auto &s : seen)
        s = 0;
      int count = 0, depth = 0;
      frontier[count++] = from;
      seen[from] = 1;
      while (count > 0 && result < 0) {
        int nextCount = 0;
        for (int i = 0; i < count; ++i) {
          int v = frontier[i];
          if (v == to) {
            result = depth;
            break;
          }
          for (int w : adj_[v])
            if (!seen[w]) {
              seen[w] = 1;
              next[nextCount++] = w;
            }
        }
        std::swap(frontier, next);
        count = nextCount;
        ++depth;
#ifdef ESCAPE
        lastFrontier_ = frontier.data();
// CHECK: :[[@LINE-1]]:9: error: pointer into arena memory allocated in this no_escape block is stored into 'lastFrontier_', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-28]]:33: note: allocated here
// CHECK-NEXT: :[[@LINE+3]]:5: note: block ends here; its memory is reset
#endif
      }
    }
    return result;
  }

private:
  std::vector<std::vector<int>> adj_;
  int *lastFrontier_ = nullptr;
};
