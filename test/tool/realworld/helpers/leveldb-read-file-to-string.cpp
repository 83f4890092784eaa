// CASE: leveldb util/env.cc ReadFileToString. "space" (new char[8192]) is
// scratch; SequentialFile::Read (another file) may point *fragment into it
// and returns a Status, which owns its message; the fragment is appended
// (copied) to *data. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <string>
#include <string_view>

// leveldb include/leveldb/status.h: Status owns a heap copy of its message
// (util/status.cc, not in this file) and frees it in its destructor.
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

class SequentialFile {
public:
  virtual ~SequentialFile();
  virtual Status Read(size_t n, std::string_view *result, char *scratch) = 0;
};

Status ReadFileToString(SequentialFile *file, std::string *data) {
  data->clear();
  Status s;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    static const int kBufferSize = 8192;
    char *space = bumper::alloc<char>(kBufferSize).data();
    while (true) {
      std::string_view fragment;
      s = file->Read(kBufferSize, &fragment, space);
      if (!s.ok())
        break;
      data->append(fragment.data(), fragment.size());
      if (fragment.empty())
        break;
    }
  }
  return s;
}
