//===- Annotations.h - [[bumper::no_escape]] found in a translation unit --===//
//
// Clang 19 keeps no trace of an unknown statement attribute in the AST, so the
// attribute's ParsedAttrInfo (NoEscapeAttr.cpp) records each annotated
// statement while Sema builds it. Template instantiations create new
// CompoundStmt nodes with the same '{' location, so annotations are keyed by
// that location: an analysis walking an instantiation finds the annotation of
// its pattern.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_ANNOTATIONS_H
#define BUMPER_TOOL_ANNOTATIONS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace bumper {

/// One [[bumper::no_escape]] or [[bumper::no_escape(buf)]] annotation.
struct NoEscapeAnnotation {
  enum class Target { Block, Function };
  Target On = Target::Block;
  /// The guarded block: the annotated compound statement, or the annotated
  /// function's body. For templates, the pattern's node.
  const clang::CompoundStmt *Body = nullptr;
  /// The annotated function (Target::Function), else nullptr.
  const clang::FunctionDecl *Function = nullptr;
  /// The buffer the block resets, as written, or nullptr for the default
  /// buffer. For templates, an expression of the pattern.
  const clang::Expr *Buffer = nullptr;
  /// The buffer expression's source text ("" for the default buffer); this is
  /// what the inserted guard names and how instantiations are matched.
  std::string BufferSpelling;
  /// The buffer is a C API handle (`bumper_buffer *`). In C++ the guard then
  /// names `bumper::from_c(<buffer>)`.
  bool BufferIsCHandle = false;
  /// The whole attribute, "[[bumper::no_escape(...)]]".
  clang::SourceRange AttrRange;
  /// A coroutine suspends in the block (bumper-suspend-in-block): it gets no
  /// guard, which would free its caller's memory.
  bool Suspends = false;
};

/// All annotations of one translation unit, keyed by the block's '{'.
class AnnotationIndex {
public:
  void add(NoEscapeAnnotation A);
  /// The annotation of the block whose '{' is at \p LBrace, if any. Works for
  /// template instantiations of an annotated block too.
  const NoEscapeAnnotation *lookup(clang::SourceLocation LBrace) const;
  const NoEscapeAnnotation *lookup(const clang::CompoundStmt *Block) const {
    return lookup(Block->getLBracLoc());
  }
  llvm::ArrayRef<NoEscapeAnnotation> all() const { return Annotations; }
  /// Marks the block whose '{' is at \p LBrace as one a coroutine suspends
  /// in.
  void markSuspending(clang::SourceLocation LBrace);
  bool empty() const { return Annotations.empty(); }

private:
  llvm::SmallVector<NoEscapeAnnotation, 8> Annotations;
  llvm::DenseMap<clang::SourceLocation, unsigned> ByLBrace;
};

class AttributeRecorder;
class FindingSink;

/// Checks the attribute uses Sema recorded (NoEscapeAttr.h) and adds the valid
/// ones to \p Index. A misplaced or malformed use is reported to \p Sink as
/// a bumper-annotation error and gets no entry, hence no edit.
void buildAnnotationIndex(clang::ASTContext &Ctx,
                          const AttributeRecorder &Recorder,
                          AnnotationIndex &Index, FindingSink &Sink);

/// True if \p E can be what a block resets: an lvalue of a bumper buffer type
/// (a class of namespace bumper whose name ends in "Buffer", or derived from
/// one), or a type-dependent expression of a template.
bool isBufferExpression(const clang::Expr *E);

} // namespace bumper

#endif // BUMPER_TOOL_ANNOTATIONS_H
