//===- HeapTemporaryCommon.h - bumper-heap-temporary's pieces ---*- C++ -*-===//
//
// Shared by HeapTemporary.cpp (finding the candidates and judging their
// uses) and HeapTemporaryFix.cpp (writing a conversion's warning and fix).
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_LIB_HEAPTEMPORARYCOMMON_H
#define BUMPER_TOOL_LIB_HEAPTEMPORARYCOMMON_H

#include "bumper-tool/Annotations.h"
#include "bumper-tool/Findings.h"
#include "bumper-tool/GuardPlanner.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <string>

namespace bumper {
namespace heaptemp {

/// \p D is `std::Name` (through inline namespaces).
bool isStd(const clang::NamedDecl *D, llvm::StringRef Name);
bool isStdClass(clang::QualType T, llvm::StringRef Name);

/// How a candidate gets its elements, which decides the fix.
enum class Shape {
  Sized,       ///< std::vector v(n), v(n, x)
  UniqueArray, ///< std::unique_ptr<T[]> from new T[n] or make_unique
  Range,       ///< std::vector v(first, last)
  List,        ///< std::vector v{a, b, c}
  Resized,     ///< std::vector v; then v.resize(n[, x]) or v.assign(n, x)
  RawArray,    ///< T *p = new T[n] (or malloc), freed on every way out
};

/// One local variable the check converts, and what its fix needs.
struct Candidate {
  const clang::FunctionDecl *FD = nullptr;
  const clang::DeclStmt *DS = nullptr;
  const clang::VarDecl *VD = nullptr;
  clang::QualType Elem;
  Shape Kind = Shape::Sized;
  /// The element count (Sized, UniqueArray, Resized) and the value each
  /// element gets (v(n, x)), or null; Zero: the elements are
  /// value-initialised.
  const clang::Expr *N = nullptr, *X = nullptr;
  bool Zero = false;
  /// Range: the iterators, and the container both come from (its begin()
  /// and end()), or null.
  const clang::Expr *First = nullptr, *Last = nullptr, *Whole = nullptr;
  /// List: the braced list.
  const clang::InitListExpr *List = nullptr;
  /// Resized: the sizing call, and its reference to the vector.
  const clang::CallExpr *Sizing = nullptr;
  const clang::DeclRefExpr *SizingRef = nullptr;
  /// RawArray: the new[] (or the cast malloc or calloc, Malloc), and the
  /// delete[]s (free()s) the fix removes.
  const clang::Expr *Alloc = nullptr;
  bool Malloc = false;
  llvm::SmallVector<const clang::Expr *, 4> Deletes;
  /// UniqueArray: its get() calls, which become data().
  llvm::SmallVector<clang::SourceLocation, 4> GetCalls;
  /// The loop right after it that writes every element before any is
  /// read: the conversion leaves out the zero fill (Zero is then false).
  const clang::ForStmt *Overwrite = nullptr;
};

bool isLoop(const clang::Stmt *S);
/// The references to \p VD in \p Body, in the order of the source.
llvm::SmallVector<const clang::DeclRefExpr *, 8>
refsTo(const clang::SourceManager &SM, const clang::Stmt *Body,
       const clang::VarDecl *VD);

/// \p E can be evaluated twice with the same result and no effect (the
/// fix evaluates it twice): a variable, begin() or end() of one, and + and
/// - of those.
bool isRepeatable(const clang::Expr *E);

/// \p New is `new T[n]`, `new T[n]()` or `new T[n]{}` from the global
/// operator new[]: sets C.N and C.Zero (value-initialised).
bool plainArrayNew(const clang::CXXNewExpr *New, Candidate &C);
/// `T *p = new T[n]` or `new T[n]()`, p pointing to T, or
/// `T *p = (T *)malloc(n * sizeof(T))` or `calloc(n, sizeof(T))`: fills
/// \p C (C.N stays null for a malloc whose size is not such a count).
bool rawArrayInit(clang::ASTContext &Ctx, const clang::VarDecl *VD,
                  Candidate &C);
/// The first reason the raw array \p C cannot be converted (with \p At,
/// where), or "": its uses, and a delete[] on every way out of its block
/// (HeapTemporaryRawArray.cpp); fills C.Deletes.
std::string rawArrayProblem(clang::ASTContext &Ctx, clang::ParentMap &PM,
                            Candidate &C, clang::SourceLocation &At);

/// The loop right after \p C's declaration (or sizing call) that writes
/// each element, `V[I] = ...` first in its body with I from 0 to the count,
/// before anything reads one; null if there is none (HeapTemporaryFill.cpp).
const clang::ForStmt *overwritingLoop(clang::ASTContext &Ctx,
                                      clang::ParentMap &PM, const Candidate &C);

/// Where a conversion's memory comes from and is reset: \p Target, inside
/// the annotation \p Existing (or a new one when it is not Target's).
struct Placement {
  const clang::CompoundStmt *Target = nullptr;
  const NoEscapeAnnotation *Existing = nullptr;
  bool InLoop = false;
};

/// Writes each conversion's warning and fix. The fixes of one file share
/// one #include insertion and each new block's annotation and guard, so
/// that applying them all inserts each once.
class FixWriter {
public:
  FixWriter(clang::ASTContext &Ctx, const AnnotationIndex &Index);
  ~FixWriter();

  /// The warning for \p C, with its fix but without the #include lines
  /// (addIncludes adds them once every conversion of the file is known).
  Finding convert(const Candidate &C, const Placement &P);
  /// Adds to \p F, a conversion in \p FID, the #include lines every
  /// conversion of the file needs.
  void addIncludes(Finding &F, clang::FileID FID) const;
  /// The element type as the declaration spells it, else as Clang prints
  /// it.
  std::string elementSpelling(const clang::VarDecl *VD, clang::QualType Elem,
                              bool Unique) const;

private:
  std::string text(clang::SourceRange R) const;
  clang::FixItHint removeStatement(const clang::Stmt *S,
                                   bool WithSemi = false) const;
  void convertRawArray(Finding &F, const Candidate &C, const std::string &T,
                       const std::string &BufferArg);
  std::string initText(const Candidate &C, const std::string &T,
                       const std::string &BufferArg);
  llvm::SmallVector<clang::FixItHint, 2>
  annotate(const clang::FunctionDecl *FD, const clang::CompoundStmt *Block,
           const NoEscapeAnnotation *Outer);
  GuardPlanner &plannerFor(clang::FileID FID);
  clang::FixItHint insertAt(clang::FileID FID, unsigned Offset,
                            std::string Text) const;

  clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  const clang::LangOptions &LO;
  const AnnotationIndex &Index;
  llvm::DenseMap<clang::FileID, std::unique_ptr<GuardPlanner>> Planners;
  llvm::DenseMap<clang::SourceLocation, llvm::SmallVector<clang::FixItHint, 2>>
      NewBlocks;
  /// The files where a fix writes std::distance (from <iterator>).
  llvm::DenseMap<clang::FileID, bool> NeedsIterator;
};

} // namespace heaptemp
} // namespace bumper

#endif // BUMPER_TOOL_LIB_HEAPTEMPORARYCOMMON_H
