//===- NoEscapeAttr.h - Where Sema saw [[bumper::no_escape]] ----*- C++ -*-===//
//
// The attribute's ParsedAttrInfo (NoEscapeAttr.cpp) sees every use of
// [[bumper::no_escape]] while Sema builds the AST. Clang 19 keeps nothing of a
// plugin attribute written on a statement, so the hook writes each use into
// the AttributeRecorder of the translation unit being parsed on this thread.
// Annotations.cpp later turns the raw uses into an AnnotationIndex and
// diagnoses the wrong ones.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_NOESCAPEATTR_H
#define BUMPER_TOOL_NOESCAPEATTR_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"

namespace bumper {

/// One use of the attribute, as Sema handed it over; nothing is checked yet.
struct AttributeUse {
  /// The statement the attribute was written on, or nullptr.
  const clang::Stmt *Statement = nullptr;
  /// The declaration the attribute was written on, or nullptr.
  const clang::Decl *Declaration = nullptr;
  /// The attribute's arguments (expressions), as parsed.
  llvm::SmallVector<const clang::Expr *, 1> Args;
  /// True when an argument was not an expression (a type, an identifier).
  bool HasNonExprArg = false;
  /// True for the unscoped spelling [[no_escape]].
  bool Unscoped = false;
  /// "bumper::no_escape(...)" as written, without the [[ ]].
  clang::SourceRange Range;
};

/// The uses of [[bumper::no_escape]] in one translation unit, and what the
/// preprocessor and the diagnostics told about the attributes the compiler
/// drops (AttributeSpelling.h).
class AttributeRecorder {
public:
  void record(AttributeUse U) { Uses.push_back(std::move(U)); }
  llvm::ArrayRef<AttributeUse> uses() const { return Uses; }

  /// A region an #if, #ifdef, ... skipped: its attributes are not compiled.
  void skipped(clang::SourceRange R) { Skipped.push_back(R); }
  llvm::ArrayRef<clang::SourceRange> skippedRanges() const { return Skipped; }

  /// [[bumper::no_escape]] after a declarator (`int f() [[bumper::no_escape]]
  /// {`), where clang's "attribute cannot be applied to types" error was
  /// taken out (AttributeSpelling.h): \p Loc is the attribute's.
  void misplaced(clang::SourceLocation Loc) { Misplaced.push_back(Loc); }
  llvm::ArrayRef<clang::SourceLocation> misplacedUses() const {
    return Misplaced;
  }

private:
  llvm::SmallVector<AttributeUse, 8> Uses;
  llvm::SmallVector<clang::SourceRange, 4> Skipped;
  llvm::SmallVector<clang::SourceLocation, 1> Misplaced;
};

/// The recorder of the translation unit being parsed on this thread (a
/// RecordingScope's), or nullptr.
AttributeRecorder *currentRecorder();

/// While alive, attribute uses parsed on this thread go to \p R. The tool
/// parses translation units on several threads, so this is thread-local.
class RecordingScope {
public:
  explicit RecordingScope(AttributeRecorder &R);
  ~RecordingScope();
  RecordingScope(const RecordingScope &) = delete;
  RecordingScope &operator=(const RecordingScope &) = delete;

private:
  AttributeRecorder *Previous;
};

/// The name the tool attaches as an AnnotateAttr to annotated functions.
inline constexpr const char *NoEscapeAnnotateName = "bumper::no_escape";

} // namespace bumper

#endif // BUMPER_TOOL_NOESCAPEATTR_H
