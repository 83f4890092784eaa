// CASE: leveldb db/memtable.cc MemTableIterator::Seek ("iter_.Seek(
// EncodeKey(&tmp_, k))") with the same file's EncodeKey, which returns a
// pointer into its scratch argument; SkipList::Seek only compares. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstring>
#include <string_view>
#include <vector>

static const char *EncodeKey(char *scratch, std::string_view target) {
  scratch[0] = static_cast<char>(target.size());
  std::memcpy(scratch + 1, target.data(), target.size());
  scratch[target.size() + 1] = 0;
  return scratch;
}

class SkipListIterator {
public:
  void Seek(const char *target) {
    pos_ = 0;
    while (pos_ < keys_->size() && std::strcmp((*keys_)[pos_], target) < 0)
      ++pos_;
  }

private:
  const std::vector<const char *> *keys_;
  size_t pos_;
};

void Seek(SkipListIterator *iter, std::string_view k) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(k.size() + 2).data();
    iter->Seek(EncodeKey(tmp, k));
  }
}
