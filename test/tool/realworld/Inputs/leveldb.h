// The declarations of leveldb's that the corpus's leveldb cases share:
// include/leveldb/status.h (Status owns a heap copy of its message, made in
// util/status.cc, and frees it in its destructor) and include/leveldb/env.h
// (RandomAccessFile::Read: "may set *result to point at data in
// scratch[0..n-1]"). Only declarations: the bodies are in other files.
#ifndef REALWORLD_LEVELDB_H
#define REALWORLD_LEVELDB_H
#include <cstdint>
#include <string_view>

class Status {
public:
  Status() noexcept : state_(nullptr) {}
  ~Status() { delete[] state_; }
  Status(const Status &rhs);
  Status &operator=(const Status &rhs);
  static Status OK() { return Status(); }
  static Status Corruption(std::string_view msg, std::string_view msg2 = {});
  bool ok() const { return state_ == nullptr; }

private:
  const char *state_;
};

class RandomAccessFile {
public:
  virtual ~RandomAccessFile();
  virtual Status Read(uint64_t offset, size_t n, std::string_view *result,
                      char *scratch) const = 0;
};

#endif
