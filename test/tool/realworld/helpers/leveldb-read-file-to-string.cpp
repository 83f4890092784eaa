// CASE: leveldb util/env.cc ReadFileToString. "space" (new char[8192]) is
// scratch; SequentialFile::Read (another file) may point *fragment into it
// and returns a Status, which owns its message; the fragment is appended
// (copied) to *data. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <string>
#include <string_view>

#include "../Inputs/leveldb.h"

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
