//===- EscapeCommon.h - Private interface of the escape analysis ----------===//
//
// Shared by EscapeAnalysis.cpp (finding functions, blocks and allocations;
// reporting), EscapeDataflow.cpp and its parts in EscapeEngine.h (the
// flow-sensitive analysis of one function, with blocks or for a summary),
// EscapeSummaries.cpp (which function's summary, in which order; those of
// other units by USR) and EscapeConstantArgs.cpp (summaries selected by
// constant arguments). Each of those files includes Clang's AST headers, so
// they are kept few.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_LIB_ESCAPECOMMON_H
#define BUMPER_TOOL_LIB_ESCAPECOMMON_H

#include "bumper-tool/Annotations.h"
#include "bumper-tool/EscapeAnalysis.h"
#include "bumper-tool/Findings.h"
#include "bumper-tool/SummaryIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <map>
#include <memory>
#include <optional>
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

// ParamEffect and Summary (what a function does with its parameters) are in
// bumper-tool/SummaryIndex.h, which the summaries file is written from.

/// What the library model (EscapeAnalysis.cpp, docs/diagnostics.md "The
/// library model") says of a function of the C or C++ standard library.
enum class LibraryEffect : uint8_t {
  Unknown,      ///< not in the model: the general rules apply
  Copies,       ///< its result owns a copy: not derived from the arguments
  ReturnsFirst, ///< its result points into its first argument (strchr,
                ///< memcpy's destination)
  Reads,        ///< only reads its arguments; its result is not derived
};

/// Constant arguments of a call, by parameter index (sorted): the values
/// that select a path through a same-file helper (EscapeConstantArgs.cpp).
using ConstantArgs = llvm::SmallVector<std::pair<unsigned, int64_t>, 2>;

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
  /// .bumper.yaml's Functions entry for \p FD, or null.
  const FunctionModel *configuredModel(const clang::FunctionDecl *FD) const;
  /// The arguments of a call to \p Def (without a member call's object)
  /// that are constants and decide a branch of \p Def: a bool, integer or
  /// enum parameter that Def tests and never changes. \p Caller's
  /// parameters bound to constants (\p CallerBound) count as constants.
  ConstantArgs constantArguments(const clang::FunctionDecl *Def,
                                 llvm::ArrayRef<const clang::Expr *> Args,
                                 const clang::FunctionDecl *Caller,
                                 const ConstantArgs *CallerBound);
  /// The summary of \p FD with the parameters of \p Args bound to their
  /// constants: only the paths those constants select are followed. Falls
  /// back to summaryOf past a few variants per function.
  const Summary *summaryFor(const clang::FunctionDecl *FD,
                            const ConstantArgs &Args);
  const clang::Expr *bufferArgument(const clang::CallExpr *Call);
  static std::string normalizeBuffer(llvm::StringRef S);
  std::string sourceText(const clang::Expr *E) const;

  /// The summary of a function with a body in this TU (computed once; the
  /// functions of a cycle of calls together, to a fixpoint).
  const Summary *summaryOf(const clang::FunctionDecl *FD);
  /// The summary for a call to \p Callee: from its body in this TU (outside
  /// system headers), else from the summaries index by USR, else null.
  /// \p Def is set to the declaration whose parameters it numbers.
  const Summary *calleeSummary(const clang::FunctionDecl *Callee,
                               const clang::FunctionDecl *&Def);

  /// Local variables whose own storage is taken to be arena memory of the
  /// innermost block around them: bumper-heap-temporary's proof
  /// (HeapTemporary.cpp) of the std::vector it would convert. Empty for the
  /// escape analysis itself, which then runs exactly as without it.
  llvm::SmallPtrSet<const clang::VarDecl *, 4> ArenaVars;

  void addNote(Finding &F, clang::SourceLocation L, std::string Msg);
  /// For a call (\p Call) to a function whose summary comes from the index:
  /// a note saying where its body keeps the argument (kept in \p Where).
  void addExternalNote(Finding &F, const clang::Stmt *Call,
                       llvm::StringRef Where);
  /// The USR of \p D, or "" when it has none.
  static std::string usrOf(const clang::Decl *D);
  /// "file:line" of \p S (its expansion), "" when unknown.
  std::string placeOf(const clang::Stmt *S) const;
  void addMacroNote(Finding &F, clang::SourceLocation L);
  /// Reports a finding at \p Raw (macro locations are mapped to their
  /// expansion). The sink drops the duplicates of template instantiations.
  void emit(Finding F, clang::SourceLocation Raw);

private:
  bool isNamedIn(const clang::FunctionDecl *FD,
                 const llvm::StringSet<> &Names) const;
  llvm::StringSet<> ConfiguredAllocators, ConfiguredKeepers;
  llvm::StringMap<FunctionModel> ConfiguredFunctions;
  /// summaryFor's summaries, by function and constants; how many each
  /// function has, how deep summaryFor is nested, and the parameters that
  /// decide a branch of each function (bit i: parameter i).
  std::map<std::pair<const clang::FunctionDecl *,
                     std::vector<std::pair<unsigned, int64_t>>>,
           std::unique_ptr<Summary>>
      ConstantSummaries;
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> ConstantVariants;
  unsigned ConstantDepth = 0;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallBitVector>
      DecidingParams;

  llvm::DenseMap<const clang::FunctionDecl *, bool> AllocatorCache;
  llvm::DenseMap<const clang::Type *, bool> HoldCache;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<Summary>>
      Summaries;
  /// summaryOf's strongly connected components (Tarjan's algorithm over the
  /// calls the analyses make): the order each function was reached in, the
  /// functions whose component is not finished, the low link of each
  /// analysis under way, and the functions a call reached while in progress.
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> SummaryOrder;
  std::vector<const clang::FunctionDecl *> SummaryStack;
  std::vector<unsigned> SummaryLow;
  llvm::DenseSet<const clang::FunctionDecl *> Recursive;
  /// The summaries index of the other translation units (may be null), and
  /// its summaries with their forwards resolved, by USR.
  const SummaryIndex *External = nullptr;
  llvm::StringMap<std::unique_ptr<Summary>> Resolved;
  const Summary *externalSummary(const clang::FunctionDecl *Callee);
  FindingSink &Sink;
};

/// The value of \p E with \p FD's parameters bound to \p Bound, when it is
/// a constant (a bool, integer or enum): what decides a branch.
std::optional<int64_t> foldWithConstants(clang::ASTContext &Ctx,
                                         const clang::Expr *E,
                                         const clang::FunctionDecl *FD,
                                         const ConstantArgs *Bound);

/// Computes \p S, the summary of \p FD, following only the branches whose
/// conditions fold with \p Bound (EscapeDataflow.cpp).
void runSummaryAnalysis(EscapeContext &EC, const clang::FunctionDecl *FD,
                        Summary *S, const ConstantArgs *Bound);

/// Runs the flow-sensitive analysis of EscapeDataflow.cpp over one function
/// that contains the annotated blocks \p Blocks.
void runBlockAnalysis(EscapeContext &EC, const clang::FunctionDecl *FD,
                      const clang::Stmt *Body,
                      llvm::ArrayRef<BlockInfo> Blocks);

/// Runs the same analysis over the body of \p FD with its parameters as
/// origins, adding what it keeps and returns to \p Sum.
void runSummaryAnalysis(EscapeContext &EC, const clang::FunctionDecl *FD,
                        Summary &Sum);

} // namespace escape
} // namespace bumper

#endif // BUMPER_TOOL_LIB_ESCAPECOMMON_H
