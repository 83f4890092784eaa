// CASE: leveldb db/memtable.cc MemTable::Add. The entry is encoded into
// memory from an arena and the skiplist (here a vector member) keeps the
// pointer: with a no_escape block's scratch instead of the memtable's own
// arena, the table keeps freed memory. Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

class MemTable {
public:
  void Add(uint64_t s, std::string_view key, std::string_view value);

private:
  std::vector<const char *> table_;
};

void MemTable::Add(uint64_t s, std::string_view key, std::string_view value) {
  size_t encoded_len = key.size() + 8 + value.size() + 10;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(encoded_len).data();
    char *p = buf;
    std::memcpy(p, key.data(), key.size());
    p += key.size();
    std::memcpy(p, &s, 8);
    p += 8;
    std::memcpy(p, value.data(), value.size());
    table_.push_back(buf); // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
  }
}
