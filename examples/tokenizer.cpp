// Word statistics, line by line: each line is split into words in scratch
// memory that the line's no_escape block gives back. The scratch buffer
// holds 4 KiB, far less than the text: without the guard it runs out.
#include <bumper/bumper.hpp>

#include <cctype>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>

namespace {

std::string makeText() {
  const char *Lines[] = {
      "the quick brown fox jumps over the lazy dog",
      "bump allocation costs about what a stack array costs",
      "a reset frees everything allocated since the checkpoint",
      "scratch memory as cheap as the stack",
  };
  std::string Text;
  for (int Copy = 0; Copy < 500; ++Copy)
    for (const char *Line : Lines)
      (Text += Line) += '\n';
  return Text;
}

} // namespace

int main() {
  std::string Text = makeText();
  bumper::AllocBuffer scratch(4096);
  std::size_t lines = 0, words = 0, longest = 0;
  std::string longestWord;

  std::string_view rest = Text;
  try {
    while (!rest.empty()) {
      std::size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
      ++lines;
      [[bumper::no_escape(scratch)]] {
        // At most one word per two characters.
        std::span<std::string_view> tokens =
            bumper::alloc<std::string_view>(scratch, line.size() / 2 + 1);
        std::size_t count = 0, start = 0;
        for (std::size_t i = 0; i <= line.size(); ++i) {
          if (i == line.size() || std::isspace((unsigned char)line[i])) {
            if (i > start)
              tokens[count++] = line.substr(start, i - start);
            start = i + 1;
          }
        }
        words += count;
        for (std::string_view word : tokens.first(count))
          if (word.size() > longest) {
            longest = word.size();
            longestWord.assign(word.begin(), word.end());
          }
      }
    }
  } catch (const std::bad_alloc &) {
    std::printf("tokenizer: out of scratch memory after %zu lines: is the "
                "guard missing?\n",
                lines);
    return 1;
  }
  std::printf("tokenizer: %zu lines, %zu words, longest word '%.*s'\n", lines,
              words, (int)longestWord.size(), longestWord.c_str());
  return 0;
}
