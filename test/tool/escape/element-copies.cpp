// Reading an element of arena memory copies what the arena holds; the arena's
// contents are not tracked, so storing the copy is not an escape. Taking the
// element's address or keeping a reference to it still is.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --allow-empty
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics -DESCAPE 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
// CHECK-NOT: {{error|warning}}:
#include <array>
#include <bumper/bumper.hpp>
#include <string_view>

int g_word[4];

// A tokenizer keeps the longest token: the string_view points into `text`,
// not into the arena, though it was read out of arena memory.
std::string_view longestToken(std::string_view text, bumper::Buffer &scratch) {
  std::string_view longest;
  int *target = nullptr;
  int *kept = nullptr;
  [[bumper::no_escape(scratch)]] {
    bumper::NoEscape guard(scratch);
    std::span<std::string_view> tokens =
        bumper::alloc<std::string_view>(scratch, 2);
    tokens[0] = text.substr(0, 1);
    tokens[1] = text.substr(1);
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (tokens[i].size() > longest.size())
        longest = tokens[i];
    for (auto it = tokens.begin(); it != tokens.end(); ++it)
      if (it->size() < longest.size())
        longest = *it;
    std::span<int *> slots = bumper::alloc<int *>(scratch, 1);
    slots[0] = g_word;
    target = slots[0];
    target = slots.front();
#ifdef ESCAPE
    // The address of an element is arena memory.
    longest = std::string_view(reinterpret_cast<const char *>(&tokens[1]), 1);
    target = reinterpret_cast<int *>(&slots[0]);
    // An owning container holding an arena pointer: its element is that
    // pointer.
    std::array<int *, 1> local{bumper::alloc<int>(scratch, 1).data()};
    kept = local[0];
#endif
  }
  // ESCAPE: element-copies.cpp:37:5: error: pointer into arena memory allocated in this no_escape block is stored into 'longest', which outlives the block [bumper-escape]
  // ESCAPE-NEXT: element-copies.cpp:22:9: note: allocated here
  // ESCAPE-NEXT: element-copies.cpp:21:5: note: derived value stored into 'tokens' here
  // ESCAPE-NEXT: element-copies.cpp:44:3: note: block ends here; its memory is reset
  // ESCAPE-NEXT: element-copies.cpp:37:5: note: to fix: copy the data out before the block ends, or allocate it outside the block
  // ESCAPE-NEXT: element-copies.cpp:38:5: error: pointer into arena memory allocated in this no_escape block is stored into 'target', which outlives the block [bumper-escape]
  // ESCAPE-NEXT: element-copies.cpp:31:30: note: allocated here
  // ESCAPE-NEXT: element-copies.cpp:44:3: note: block ends here; its memory is reset
  // ESCAPE-NEXT: element-copies.cpp:38:5: note: to fix: copy the data out before the block ends, or allocate it outside the block
  // ESCAPE-NEXT: element-copies.cpp:42:5: error: pointer into arena memory allocated in this no_escape block is stored into 'kept', which outlives the block [bumper-escape]
  // ESCAPE-NEXT: element-copies.cpp:41:32: note: allocated here
  // ESCAPE-NEXT: element-copies.cpp:44:3: note: block ends here; its memory is reset
  // ESCAPE-NEXT: element-copies.cpp:42:5: note: to fix: copy the data out before the block ends, or allocate it outside the block
  (void)target;
  (void)kept;
  return longest;
}
