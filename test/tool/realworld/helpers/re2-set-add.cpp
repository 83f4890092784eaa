// CASE: re2 re2/set.cc RE2::Set::Add (same file here): the pattern is parsed
// by Regexp::Parse (re2/parse.cc, not in this file), which builds a new
// Regexp tree from it, and then kept as elem_.emplace_back(
// std::string(pattern), re), a copy: a container emplace whose constructor
// arguments are built from scratch. The corpus's .bumper.yaml describes
// Regexp::Parse (Functions: Copies). The caller anchors each keyword into a
// scratch buffer before adding it. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace re2 {
class RegexpStatus {
public:
  std::string Text() const;
};
class Regexp {
public:
  enum ParseFlags { NoParseFlags = 0, LikePerl = 1 };
  static Regexp *Parse(std::string_view s, ParseFlags flags,
                       RegexpStatus *status);
  static Regexp *HaveMatch(int match_id, ParseFlags flags);
  static Regexp *Concat(Regexp **subs, int nsubs, ParseFlags flags);
};

class Set {
public:
  int Add(std::string_view pattern, std::string *error) {
    if (compiled_)
      return -1;
    Regexp::ParseFlags pf = Regexp::LikePerl;
    RegexpStatus status;
    Regexp *re = Regexp::Parse(pattern, pf, &status);
    if (re == nullptr) {
      if (error != nullptr)
        *error = status.Text();
      return -1;
    }
    int n = static_cast<int>(elem_.size());
    Regexp *m = Regexp::HaveMatch(n, pf);
    Regexp *sub[2];
    sub[0] = re;
    sub[1] = m;
    re = Regexp::Concat(sub, 2, pf);
    elem_.emplace_back(std::string(pattern), re);
    return n;
  }

private:
  bool compiled_ = false;
  std::vector<std::pair<std::string, Regexp *>> elem_;
};
} // namespace re2

int add_keywords(re2::Set &set, const char *const *words, std::size_t n) {
  int added = 0;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(256).data();
    for (std::size_t i = 0; i < n; ++i) {
      int len = std::snprintf(buf, 256, "^%s$", words[i]);
      if (len > 0 && len < 256 &&
          set.Add(std::string_view(buf, len), nullptr) >= 0)
        ++added;
    }
  }
  return added;
}
