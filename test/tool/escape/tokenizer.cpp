// A realistic program: a tokenizer that lowercases into scratch memory and
// builds std::string_views over it. Clean as written; the ESCAPE variant
// keeps the views past the block.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --allow-empty --check-prefix=CLEAN
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics -DESCAPE 2>&1 | FileCheck %s --implicit-check-not=error:
// CLEAN-NOT: {{error|warning}}:
#include <bumper/bumper.hpp>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <vector>

struct Token {
  std::string_view text;
  int line;
};

class WordCounter {
public:
  void add(std::string_view source) {
    [[bumper::no_escape]] {
      bumper::NoEscape guard;
      std::span<char> lower = bumper::alloc<char>(source.size());
      for (std::size_t i = 0; i < source.size(); ++i)
        lower[i] = static_cast<char>(std::tolower(source[i]));
      std::vector<Token> tokens;
      int line = 1;
      std::size_t start = 0;
      for (std::size_t i = 0; i <= lower.size(); ++i) {
        bool end = i == lower.size() || std::isspace(lower[i]);
        if (!end)
          continue;
        if (i > start)
          tokens.push_back({std::string_view(lower.data() + start, i - start),
                            line});
        if (i < lower.size() && lower[i] == '\n')
          ++line;
        start = i + 1;
      }
      for (const Token &t : tokens) {
        // Copying the characters out keeps nothing from the arena.
        ++counts_[std::string(t.text)];
#ifdef ESCAPE
        last_ = t.text;
// CHECK: :[[@LINE-1]]:9: error: pointer into arena memory allocated in this no_escape block is stored into 'last_', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-23]]:31: note: allocated here
// CHECK-NEXT: :[[@LINE-13]]:11: note: derived value stored into 'tokens' here
// CHECK-NEXT: :[[@LINE+3]]:5: note: block ends here; its memory is reset
#endif
      }
    }
  }
  int count(const std::string &w) const {
    auto it = counts_.find(w);
    return it == counts_.end() ? 0 : it->second;
  }

private:
  std::map<std::string, int> counts_;
  std::string_view last_;
};
