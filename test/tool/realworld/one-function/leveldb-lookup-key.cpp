// CASE: leveldb db/dbformat.cc LookupKey::LookupKey. The real constructor
// encodes into space_ (inline) or a heap array it owns; here the encoding is
// built in arena scratch and the members keep pointers into it, the shape of
// a use-after-free once the scratch is reset. Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstdint>
#include <cstring>
#include <string_view>

class LookupKey {
public:
  LookupKey(std::string_view user_key, uint64_t s);

private:
  const char *start_;
  const char *kstart_;
  const char *end_;
};

LookupKey::LookupKey(std::string_view user_key, uint64_t s) {
  size_t usize = user_key.size();
  size_t needed = usize + 13;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *dst = bumper::alloc<char>(needed).data();
    start_ = dst; // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
    *dst++ = static_cast<char>(usize + 8);
    kstart_ = dst; // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
    std::memcpy(dst, user_key.data(), usize);
    dst += usize;
    std::memcpy(dst, &s, 8);
    dst += 8;
    end_ = dst; // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
  }
}
