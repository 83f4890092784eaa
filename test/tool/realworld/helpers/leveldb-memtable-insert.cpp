// CASE: leveldb db/memtable.cc MemTable::Add and db/skiplist.h
// SkipList::Insert (same file here): Insert keeps the key pointer in a node.
// Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstring>
#include <string_view>
#include <vector>

class SkipList {
public:
  void Insert(const char *key) { nodes_.push_back(key); }
  bool Contains(const char *key) const {
    for (const char *n : nodes_)
      if (std::strcmp(n, key) == 0)
        return true;
    return false;
  }

private:
  std::vector<const char *> nodes_;
};

class MemTable {
public:
  void Add(std::string_view key);

private:
  SkipList table_;
};

void MemTable::Add(std::string_view key) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(key.size() + 1).data();
    std::memcpy(buf, key.data(), key.size());
    buf[key.size()] = 0;
    table_.Insert(buf); // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
  }
}
