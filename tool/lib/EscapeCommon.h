//===- EscapeCommon.h - Private interface of the escape analysis ----------===//
//
// Shared by EscapeAnalysis.cpp (finding functions, blocks and allocations;
// reporting) and EscapeDataflow.cpp (the flow-sensitive analysis of one
// function and the per-function "stores its parameter" summaries). Each of
// those files includes Clang's AST headers, so they are kept to two.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_LIB_ESCAPECOMMON_H
#define BUMPER_TOOL_LIB_ESCAPECOMMON_H

#include "bumper-tool/Annotations.h"
#include "bumper-tool/EscapeAnalysis.h"
#include "bumper-tool/Findings.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <string>

namespace bumper {
namespace escape {

/// One annotated block inside the function being analysed.
struct BlockInfo {
  const clang::CompoundStmt *Body = nullptr;
  const NoEscapeAnnotation *Ann = nullptr;
  /// The innermost enclosing annotated block in the same function, or -1.
  int Parent = -1;
  /// The reset buffer, normalised (EscapeContext::normalizeBuffer); "" is
  /// the default buffer.
  std::string Buffer;
  /// The block is an annotated function's body.
  bool IsFunction = false;
  /// The braces' expansion locations, for the "is this statement inside"
  /// test that works for template instantiations and macros alike.
  clang::FileID File;
  unsigned Begin = 0, End = 0;
};

/// What a same-TU function does with each of its parameters.
struct ParamEffect {
  bool Global = false;        ///< stores it where it outlives the call
  bool This = false;          ///< stores it into *this
  uint32_t ThroughParams = 0; ///< stores it through parameter j (bit j)
  std::string Where;          ///< for messages: where it is kept
};
struct Summary {
  llvm::SmallVector<ParamEffect, 4> Params;
  /// Bit i: the result (or, for a reference result, what it refers to) may
  /// be derived from parameter i.
  llvm::SmallBitVector Returns;
  /// The summary is being computed (a recursive call): its result is taken
  /// to be derived from every argument.
  bool InProgress = false;
  bool keepsAnything() const {
    for (const ParamEffect &P : Params)
      if (P.Global || P.This || P.ThroughParams)
        return true;
    return false;
  }
};

/// What the library model (EscapeAnalysis.cpp, docs/diagnostics.md "The
/// library model") says of a function of the C or C++ standard library.
enum class LibraryEffect : uint8_t {
  Unknown,      ///< not in the model: the general rules apply
  Copies,       ///< its result owns a copy: not derived from the arguments
  ReturnsFirst, ///< its result points into its first argument (strchr,
                ///< memcpy's destination)
  Reads,        ///< only reads its arguments; its result is not derived
};

/// Per-translation-unit state: caches, and where findings go.
class EscapeContext {
public:
  EscapeContext(clang::ASTContext &Ctx, const EscapeOptions &Opts,
                FindingSink &Sink);
  clang::ASTContext &Ctx;

  /// \p FD is named in the configuration's KeepsArgument list.
  bool isConfiguredKeeper(const clang::FunctionDecl *FD) const;

  bool isAllocator(const clang::FunctionDecl *FD);
  bool canHoldPointer(clang::QualType T);
  bool isOwningContainer(clang::QualType T);
  /// A pointer, or a class that refers to elements stored elsewhere without
  /// owning them: std::span, std::string_view, bumper::mdview, iterators.
  bool isView(clang::QualType T);
  /// A class that owns what it points to, so that a value of it made by a
  /// function with no body here is not derived from the arguments: the
  /// standard exceptions, and a class outside std with a user-provided
  /// destructor that is not a view (a Status that deletes its message).
  bool ownsPointees(clang::QualType T);
  /// The library model of \p FD (Unknown for a function outside it).
  LibraryEffect libraryEffect(const clang::FunctionDecl *FD) const;
  /// The index of the argument that \p FD keeps past the call (putenv,
  /// setvbuf, setbuf), or -1.
  int libraryKeeps(const clang::FunctionDecl *FD) const;
  /// A class derived from std::exception: its constructors copy.
  bool isStdException(const clang::CXXRecordDecl *RD) const;
  const clang::Expr *bufferArgument(const clang::CallExpr *Call);
  static std::string normalizeBuffer(llvm::StringRef S);
  std::string sourceText(const clang::Expr *E) const;

  /// The summary of a function with a body in this TU (computed once).
  const Summary *summaryOf(const clang::FunctionDecl *FD);

  /// Local variables whose own storage is taken to be arena memory of the
  /// innermost block around them: bumper-heap-temporary's proof
  /// (HeapTemporary.cpp) of the std::vector it would convert. Empty for the
  /// escape analysis itself, which then runs exactly as without it.
  llvm::SmallPtrSet<const clang::VarDecl *, 4> ArenaVars;

  void addNote(Finding &F, clang::SourceLocation L, std::string Msg);
  void addMacroNote(Finding &F, clang::SourceLocation L);
  /// Reports a finding at \p Raw (macro locations are mapped to their
  /// expansion). The sink drops the duplicates of template instantiations.
  void emit(Finding F, clang::SourceLocation Raw);

private:
  bool isNamedIn(const clang::FunctionDecl *FD,
                 const llvm::StringSet<> &Names) const;
  llvm::StringSet<> ConfiguredAllocators, ConfiguredKeepers;

  llvm::DenseMap<const clang::FunctionDecl *, bool> AllocatorCache;
  llvm::DenseMap<const clang::Type *, bool> HoldCache;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<Summary>>
      Summaries;
  FindingSink &Sink;
};

/// Runs the flow-sensitive analysis of EscapeDataflow.cpp over one function
/// that contains the annotated blocks \p Blocks.
void runBlockAnalysis(EscapeContext &EC, const clang::FunctionDecl *FD,
                      const clang::Stmt *Body,
                      llvm::ArrayRef<BlockInfo> Blocks);

} // namespace escape
} // namespace bumper

#endif // BUMPER_TOOL_LIB_ESCAPECOMMON_H
