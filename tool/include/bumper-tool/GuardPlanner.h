//===- GuardPlanner.h - The name and place of an inserted guard -*- C++ -*-===//
//
// The text side of bumper-missing-guard's fix-it (docs/tool.md, "The
// rewrite"): which name each guard of a file gets, and where its declaration
// goes, with which indentation and line ending. It works on the file's text
// alone, lexed raw: no AST, so that it can be tested on strings and is cheap
// to compile.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_GUARDPLANNER_H
#define BUMPER_TOOL_GUARDPLANNER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace clang {
class LangOptions;
} // namespace clang

namespace bumper {

/// Text to insert at an offset of a file.
struct TextInsertion {
  unsigned Offset;
  std::string Text;
};

/// Plans the guards of one file. Blocks are given by the offsets of their
/// '{' and '}'; asking for them in source order (outer blocks before the
/// blocks they hold) lets one sweep over the file serve them all.
class GuardPlanner {
public:
  /// \p Buffer is the file's content; both must outlive the planner.
  GuardPlanner(llvm::StringRef Buffer, const clang::LangOptions &LO);

  /// The name of the guard of the block [LB, RB]: bumper_guard_, or else
  /// bumper_guard_1_, bumper_guard_2_, ..., the first that is not visible at
  /// the '{' (declared in a scope still open there), not used in the block,
  /// and not the name of a guard planned for a block around it. The name is
  /// recorded for the blocks inside this one.
  std::string pickName(unsigned LB, unsigned RB);

  /// Where the declaration \p Guard ("bumper::NoEscape g;") goes as the
  /// first statement of the block whose '{' is at \p LB (its '}' follows in
  /// the text): on a line of its
  /// own after the '{' line, indented like the block's first line (one level
  /// deeper than the '{' line for an empty block or a directive), with the
  /// '{' line's line ending; or right after the '{' when the block's first
  /// statement is on the '{' line, so that no other line moves.
  TextInsertion insertion(unsigned LB, llvm::StringRef Guard) const;

  static constexpr llvm::StringRef GuardPrefix = "bumper_guard_";

private:
  /// The names that may be visible at the '{' at \p LB or used in the
  /// block [LB, RB].
  llvm::StringSet<> namesAt(unsigned LB, unsigned RB);

  /// A guard planned for a block, so that nested blocks pick another name.
  struct Planned {
    unsigned LB, RB;
    std::string Name;
  };
  /// What a guard's name could clash with: the file's braces, and its
  /// identifiers that look like a guard's name (only "bumper_guard_..." can
  /// be taken by one).
  struct Tok {
    unsigned Offset;
    enum { Identifier, LBrace, RBrace } Kind;
    llvm::StringRef Name;
  };

  llvm::StringRef Buf;
  const clang::LangOptions &LO;
  std::vector<Tok> Toks;
  std::vector<Tok> Names; ///< the identifiers of Toks
  size_t Next = 0;        ///< the sweep: Toks before Next are in Scopes
  std::vector<std::vector<llvm::StringRef>> Scopes{1};
  std::vector<Planned> Plans;
  std::vector<size_t> Open; ///< Plans of the blocks around the last one
  bool InOrder = true;
};

} // namespace bumper

#endif // BUMPER_TOOL_GUARDPLANNER_H
