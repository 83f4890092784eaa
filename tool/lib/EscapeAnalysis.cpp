//===- EscapeAnalysis.cpp - bumper-escape and bumper-unscoped-alloc -------===//
//
// The entry point of the escape analysis: finds the functions that contain
// no_escape blocks (template instantiations and lambda bodies included), runs
// the flow-sensitive dataflow of EscapeDataflow.cpp over each of them, and
// reports bumper-unscoped-alloc for allocations from the default buffer made
// where no block is active. docs/diagnostics.md states the rules.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/EscapeAnalysis.h"
#include "EscapeCommon.h"
#include "bumper-tool/RuntimeModel.h"
#include "bumper-tool/SourceText.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace bumper {
namespace escape {

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

EscapeContext::EscapeContext(ASTContext &Ctx, const EscapeOptions &Opts,
                             FindingSink &Sink)
    : Ctx(Ctx), External(Opts.Summaries), Sink(Sink) {
  for (llvm::StringRef N : Opts.Allocators)
    ConfiguredAllocators.insert(N.ltrim(':'));
  for (llvm::StringRef N : Opts.KeepsArgument)
    ConfiguredKeepers.insert(N.ltrim(':'));
  for (const FunctionModel &M : Opts.Functions)
    ConfiguredFunctions[llvm::StringRef(M.Name).ltrim(':')] = M;
}

bool EscapeContext::isNamedIn(const FunctionDecl *FD,
                              const llvm::StringSet<> &Names) const {
  if (Names.empty() || !FD || !FD->getIdentifier())
    return false;
  // Names are matched on the declaration as written, without template
  // arguments: "lib::arena_alloc" names every overload and instantiation.
  if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
    FD = P;
  return Names.contains(FD->getQualifiedNameAsString());
}

bool EscapeContext::isConfiguredKeeper(const FunctionDecl *FD) const {
  return isNamedIn(FD, ConfiguredKeepers);
}

const FunctionModel *
EscapeContext::configuredModel(const FunctionDecl *FD) const {
  if (ConfiguredFunctions.empty() || !FD || !FD->getDeclName())
    return nullptr;
  // As isNamedIn: every overload and instantiation of the name.
  if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
    FD = P;
  auto It = ConfiguredFunctions.find(FD->getQualifiedNameAsString());
  return It == ConfiguredFunctions.end() ? nullptr : &It->second;
}

bool EscapeContext::isAllocator(const FunctionDecl *FD) {
  if (!FD)
    return false;
  FD = FD->getCanonicalDecl();
  auto It = AllocatorCache.find(FD);
  if (It != AllocatorCache.end())
    return It->second;
  // The attribute sits on the declaration the user wrote; an instantiation
  // inherits it only through its pattern, so look there too.
  bool R = isNamedIn(FD, ConfiguredAllocators);
  for (const FunctionDecl *Redecl : FD->redecls())
    if (hasAllocatorAnnotation(Redecl)) {
      R = true;
      break;
    }
  if (!R)
    if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
      for (const FunctionDecl *Redecl : P->redecls())
        if (hasAllocatorAnnotation(Redecl)) {
          R = true;
          break;
        }
  if (!R)
    if (const FunctionTemplateDecl *T = FD->getPrimaryTemplate())
      R = hasAllocatorAnnotation(T->getTemplatedDecl());
  AllocatorCache[FD] = R;
  return R;
}

static bool isStdNamed(const NamedDecl *D,
                       std::initializer_list<llvm::StringRef> Names) {
  if (!D || !D->isInStdNamespace() || !D->getIdentifier())
    return false;
  llvm::StringRef N = D->getName();
  for (llvm::StringRef C : Names)
    if (N == C)
      return true;
  return false;
}

bool EscapeContext::isOwningContainer(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  const auto *RD = T->getAsCXXRecordDecl();
  // Owning standard types keep their elements in storage of their own (inline
  // or on the heap), never in the arena: an element's address is not arena
  // memory even when the element is an arena pointer.
  return RD && isStdNamed(RD, {"vector",
                               "deque",
                               "list",
                               "forward_list",
                               "set",
                               "multiset",
                               "map",
                               "multimap",
                               "unordered_set",
                               "unordered_map",
                               "unordered_multiset",
                               "unordered_multimap",
                               "basic_string",
                               "optional",
                               "pair",
                               "tuple",
                               "array",
                               "variant",
                               "queue",
                               "stack",
                               "priority_queue"});
}

bool EscapeContext::isView(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isPointerType())
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (isStdNamed(RD, {"span", "basic_string_view"}))
    return true;
  if (isRuntime(RD, RuntimeName::MdView))
    return true;
  // Iterators name their category; containers do not.
  if (!RD->hasDefinition())
    return false;
  DeclarationName Category = &Ctx.Idents.get("iterator_category");
  return !RD->lookup(Category).empty();
}

bool EscapeContext::isStdException(const CXXRecordDecl *RD) const {
  if (!RD || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  if (isStdNamed(RD, {"exception"}))
    return true;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (isStdException(B.getType()->getAsCXXRecordDecl()))
      return true;
  return false;
}

bool EscapeContext::ownsPointees(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || RD->isLambda() || !RD->hasDefinition())
    return false;
  if (isStdException(RD))
    return true;
  // The standard owning types are left to canHoldPointer: a std::string
  // holds no pointer, but a std::vector<const char *> or a
  // std::unique_ptr<Node> may hold the very pointer it was given. A view
  // never owns, whatever its destructor does.
  if (RD->isInStdNamespace() || isView(T))
    return false;
  const CXXDestructorDecl *D = RD->getDestructor();
  return D && D->isUserProvided();
}

/// The C and C++ standard library functions whose effect on arena pointers
/// the general rules get wrong or cannot know. Matched by name on functions
/// declared in system headers, in the global namespace or in std.
LibraryEffect EscapeContext::libraryEffect(const FunctionDecl *FD) const {
  if (!FD || !FD->getIdentifier())
    return LibraryEffect::Unknown;
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (!(DC->isTranslationUnit() || FD->isInStdNamespace()) ||
      !Ctx.getSourceManager().isInSystemHeader(FD->getLocation()))
    return LibraryEffect::Unknown;
  llvm::StringRef N = FD->getName();
  // Results that point into the first argument.
  if (llvm::is_contained(
          {"strchr",  "strrchr",   "strstr",    "strpbrk",    "memchr",
           "memrchr", "rawmemchr", "strchrnul", "strcasestr", "memcpy",
           "memmove", "memset",    "strcpy",    "strncpy",    "strcat",
           "strncat", "stpcpy",    "stpncpy",   "mempcpy",    "wcschr",
           "wcsrchr", "wcsstr",    "wmemchr",   "wcscpy",     "wcsncpy",
           "wcscat",  "wmemcpy",   "wmemmove",  "wmemset"},
          N))
    return LibraryEffect::ReturnsFirst;
  // Results that own a copy.
  if (llvm::is_contained(
          {"strdup", "strndup", "wcsdup", "to_string", "to_wstring", "getline"},
          N))
    return LibraryEffect::Copies;
  // Functions that only read their pointer arguments and return no pointer
  // into them (the type rule already drops most of their results).
  if (llvm::is_contained({"strlen",     "strnlen",  "strcmp",   "strncmp",
                          "strcasecmp", "memcmp",   "strspn",   "strcspn",
                          "printf",     "fprintf",  "sprintf",  "snprintf",
                          "vsnprintf",  "vsprintf", "vfprintf", "puts",
                          "fputs",      "fwrite",   "fread",    "write",
                          "read",       "atoi",     "atol",     "atoll",
                          "strtol",     "strtoul",  "strtoll",  "strtoull",
                          "strtod",     "strtof",   "sscanf",   "fopen",
                          "open",       "getenv",   "free",     "qsort"},
                         N))
    return LibraryEffect::Reads;
  return LibraryEffect::Unknown;
}

int EscapeContext::libraryKeeps(const FunctionDecl *FD) const {
  if (!FD || !FD->getIdentifier() ||
      !FD->getDeclContext()->getRedeclContext()->isTranslationUnit() ||
      !Ctx.getSourceManager().isInSystemHeader(FD->getLocation()))
    return -1;
  llvm::StringRef N = FD->getName();
  if (N == "putenv")
    return 0; // the string becomes part of the environment
  if (N == "setvbuf" || N == "setbuf" || N == "setbuffer")
    return 1; // the stream buffers through it until closed
  return -1;
}

bool EscapeContext::canHoldPointer(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  const Type *Ty = T.getTypePtr();
  if (Ty->isDependentType())
    return true;
  auto It = HoldCache.find(Ty);
  if (It != HoldCache.end())
    return It->second;
  // Recursive types: assume "no" while the answer is being computed, which is
  // the least fixed point.
  HoldCache[Ty] = false;
  bool R = false;
  if (Ty->isAnyPointerType() || Ty->isMemberPointerType() ||
      Ty->isBlockPointerType() || Ty->isNullPtrType()) {
    R = !Ty->isNullPtrType();
  } else if (Ty->isArrayType()) {
    R = canHoldPointer(Ctx.getAsArrayType(T)->getElementType());
  } else if (const auto *RD = Ty->getAsCXXRecordDecl()) {
    if (RD->isLambda() || !RD->hasDefinition()) {
      R = true;
    } else if (isOwningContainer(T)) {
      // A container of ints holds no arena pointer, whatever its internals.
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
        for (const TemplateArgument &A : Spec->getTemplateArgs().asArray()) {
          // std::tuple's element types arrive as one pack.
          llvm::ArrayRef<TemplateArgument> Args =
              A.getKind() == TemplateArgument::Pack ? A.getPackAsArray()
                                                    : llvm::ArrayRef(A);
          for (const TemplateArgument &X : Args)
            if (X.getKind() == TemplateArgument::Type &&
                canHoldPointer(X.getAsType()))
              R = true;
        }
    } else if (isStdNamed(RD, {"function", "move_only_function", "any"})) {
      R = true;
    } else {
      for (const FieldDecl *F : RD->fields())
        if (canHoldPointer(F->getType())) {
          R = true;
          break;
        }
      if (!R)
        for (const CXXBaseSpecifier &B : RD->bases())
          if (canHoldPointer(B.getType())) {
            R = true;
            break;
          }
    }
  } else if (const auto *RT = Ty->getAs<RecordType>()) {
    for (const FieldDecl *F : RT->getDecl()->fields())
      if (canHoldPointer(F->getType())) {
        R = true;
        break;
      }
  }
  HoldCache[Ty] = R;
  return R;
}

std::string EscapeContext::sourceText(const Expr *E) const {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
  if (E->getBeginLoc().isMacroID() || E->getEndLoc().isMacroID()) {
    // Inside a macro, name the expression as the macro spells it (`g_any`,
    // not `STASH(p)`) when it is spelled in one piece.
    SourceLocation B = SM.getSpellingLoc(E->getBeginLoc());
    SourceLocation End = SM.getSpellingLoc(E->getEndLoc());
    if (SM.getFileID(B) == SM.getFileID(End) &&
        !SM.isBeforeInTranslationUnit(End, B))
      R = CharSourceRange::getTokenRange(B, End);
    else
      R = SM.getExpansionRange(E->getSourceRange());
  }
  llvm::StringRef Text = Lexer::getSourceText(R, SM, Ctx.getLangOpts());
  std::string Out;
  // Collapse whitespace so that multi-line expressions read well in a
  // message.
  bool Space = false;
  for (char C : Text) {
    if (C == ' ' || C == '\n' || C == '\t' || C == '\r') {
      Space = !Out.empty();
      continue;
    }
    if (Space)
      Out.push_back(' ');
    Space = false;
    Out.push_back(C);
  }
  if (Out.size() > 60)
    Out = Out.substr(0, 57) + "...";
  return Out;
}

std::string EscapeContext::normalizeBuffer(llvm::StringRef S) {
  std::string Out = withoutSpaces(S);
  // `buf`, `&buf` and `*pbuf` name the same buffer as far as the user is
  // concerned; the guard and the allocation may spell it either way.
  while (!Out.empty() && (Out[0] == '&' || Out[0] == '*'))
    Out.erase(0, 1);
  if (Out.size() > 2 && Out.front() == '(' && Out.back() == ')')
    Out = Out.substr(1, Out.size() - 2);
  // `bumper::from_c(h)` is the buffer of the C handle `h`.
  std::string FromC = (spelling(RuntimeName::FromC) + "(").str();
  for (llvm::StringRef Bridge : {"::" + FromC, FromC})
    if (llvm::StringRef(Out).starts_with(Bridge) && Out.back() == ')') {
      Out = Out.substr(Bridge.size(), Out.size() - Bridge.size() - 1);
      break;
    }
  return Out;
}

/// The buffer argument of an allocator call: the argument for the callee's
/// first parameter that is a pointer or reference to a class (the buffer
/// types are classes; sizes and alignments are integers). Null when the call
/// allocates from the default buffer.
const Expr *EscapeContext::bufferArgument(const CallExpr *Call) {
  return allocationBuffer(Call);
}

/// Where a diagnostic goes: macro expansions are reported at the expansion
/// site, with a note pointing into the macro.
static SourceLocation reportLoc(const SourceManager &SM, SourceLocation L) {
  return L.isMacroID() ? SM.getExpansionLoc(L) : L;
}

void EscapeContext::addNote(Finding &F, SourceLocation L, std::string Msg) {
  const SourceManager &SM = Ctx.getSourceManager();
  F.Notes.push_back({reportLoc(SM, L), std::move(Msg)});
  addMacroNote(F, L);
}

void EscapeContext::addMacroNote(Finding &F, SourceLocation L) {
  if (!L.isMacroID())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::StringRef Name = Lexer::getImmediateMacroName(L, SM, Ctx.getLangOpts());
  if (Name.empty())
    return;
  F.Notes.push_back(
      {SM.getSpellingLoc(L), ("expanded from macro '" + Name + "'").str()});
}

void EscapeContext::emit(Finding F, SourceLocation Raw) {
  F.Loc = reportLoc(Ctx.getSourceManager(), Raw);
  if (Raw.isMacroID()) {
    // The note into the macro goes first, as clang's "expanded from" does.
    Finding Tmp;
    addMacroNote(Tmp, Raw);
    F.Notes.insert(F.Notes.begin(), Tmp.Notes.begin(), Tmp.Notes.end());
  }
  Sink.report(std::move(F));
}

//===----------------------------------------------------------------------===//
// Finding the blocks and the allocations of each function
//===----------------------------------------------------------------------===//

namespace {

/// Walks one function body (not the bodies of lambdas in it, which are
/// functions of their own) and collects its annotated blocks and its
/// allocator calls.
class BodyScanner {
public:
  BodyScanner(EscapeContext &EC, const AnnotationIndex &Index,
              llvm::DenseSet<const LambdaExpr *> &Shielded, bool InShielded)
      : EC(EC), Index(Index), Shielded(Shielded), InShielded(InShielded) {}

  llvm::SmallVector<BlockInfo, 4> Blocks;
  /// Allocator calls and the innermost block around each (-1: none).
  llvm::SmallVector<std::pair<const CallExpr *, int>, 4> Allocs;

  void scan(const Stmt *S, int Cur) {
    if (!S)
      return;
    if (const auto *CS = dyn_cast<CompoundStmt>(S))
      if (const NoEscapeAnnotation *A = Index.lookup(CS)) {
        BlockInfo B;
        B.Body = CS;
        B.Ann = A;
        B.Parent = Cur;
        B.Buffer = EscapeContext::normalizeBuffer(A->BufferSpelling);
        B.IsFunction = A->On == NoEscapeAnnotation::Target::Function;
        const SourceManager &SM = EC.Ctx.getSourceManager();
        auto L = SM.getDecomposedExpansionLoc(CS->getLBracLoc());
        auto R = SM.getDecomposedExpansionLoc(CS->getRBracLoc());
        B.File = L.first;
        B.Begin = L.second;
        B.End = R.second;
        Cur = Blocks.size();
        Blocks.push_back(std::move(B));
      }
    if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
      // Code in a lambda runs when the lambda is called; a lambda written
      // inside a block is assumed to run while the block is active, so its
      // allocations are not "unscoped".
      if (Cur >= 0 || InShielded)
        Shielded.insert(LE);
      for (const Expr *Init : LE->capture_inits())
        scan(Init, Cur);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (EC.isAllocator(FD))
        Allocs.push_back({Call, Cur});
      // with_buffer(buf, f) runs f with buf as the default buffer: the
      // allocations of f are from buf, not from the thread's own default
      // buffer, so they are not reported as unscoped.
      if (isRuntime(FD, RuntimeName::WithBuffer))
        for (const Expr *Arg : Call->arguments())
          if (const auto *LE =
                  dyn_cast<LambdaExpr>(Arg->IgnoreUnlessSpelledInSource()))
            Shielded.insert(LE);
    }
    for (const Stmt *Child : S->children())
      scan(Child, Cur);
  }

private:
  EscapeContext &EC;
  const AnnotationIndex &Index;
  llvm::DenseSet<const LambdaExpr *> &Shielded;
  bool InShielded;
};

class FunctionFinder : public RecursiveASTVisitor<FunctionFinder> {
public:
  FunctionFinder(EscapeContext &EC, const AnnotationIndex &Index)
      : EC(EC), Index(Index) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBodies() const { return true; }

  bool TraverseDecl(Decl *D) {
    // Nothing in system headers is annotated or reported; skipping them keeps
    // the tool's cost small next to parsing.
    if (D && !isa<TranslationUnitDecl>(D) &&
        EC.Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (isa<CXXMethodDecl>(FD) && cast<CXXMethodDecl>(FD)->getParent() &&
        cast<CXXMethodDecl>(FD)->getParent()->isLambda())
      return true; // Lambda bodies are handled by VisitLambdaExpr.
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        FD->isInvalidDecl())
      return true;
    analyze(FD, FD->getBody(), nullptr);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *LE) {
    // A generic lambda's body is a template: analyse its instantiations.
    if (FunctionTemplateDecl *FT = LE->getDependentCallOperator()) {
      for (FunctionDecl *Spec : FT->specializations())
        if (!Spec->isDependentContext() && Spec->getBody())
          analyze(Spec, Spec->getBody(), LE);
      return true;
    }
    CXXMethodDecl *Op = LE->getCallOperator();
    if (!Op || Op->isDependentContext() || !Op->getBody())
      return true;
    analyze(Op, Op->getBody(), LE);
    return true;
  }

private:
  void analyze(const FunctionDecl *FD, const Stmt *Body, const LambdaExpr *LE) {
    if (!Body)
      return;
    bool InShielded = LE && Shielded.count(LE);
    BodyScanner Scan(EC, Index, Shielded, InShielded);
    Scan.scan(Body, -1);
    if (Scan.Blocks.empty() && Scan.Allocs.empty())
      return;
    // bumper-unscoped-alloc: a default-buffer allocation where no block is
    // active, outside an annotated function. Allocator wrappers hand the
    // memory to their caller by design, so they are exempt.
    bool Exempt = InShielded || EC.isAllocator(FD) ||
                  llvm::any_of(Scan.Blocks,
                               [](const BlockInfo &B) { return B.IsFunction; });
    for (auto &[Call, Cur] : Scan.Allocs) {
      if (Exempt || EC.bufferArgument(Call))
        continue;
      // Inside any block something resets the memory eventually; a block that
      // resets another buffer is the user's explicit choice.
      if (Cur >= 0)
        continue;
      Finding F{Check::UnscopedAlloc, SourceLocation(), "", {}, {}};
      std::string Name = Call->getDirectCallee()->getNameAsString();
      F.Message = "'" + Name +
                  "' allocates from the default buffer where no no_escape "
                  "block is active; the memory is not reset until the "
                  "buffer is";
      EC.emit(std::move(F), Call->getBeginLoc());
    }
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
      for (const BlockInfo &B : Scan.Blocks)
        if (B.IsFunction && B.Body == Body)
          reportInitializerAllocs(Ctor, B);
    if (!Scan.Blocks.empty())
      runBlockAnalysis(EC, FD, Body, Scan.Blocks);
  }

  /// The allocator calls of \p S, outside lambdas; a default member
  /// initialiser used by a constructor counts as its own code.
  void collectAllocs(const Stmt *S,
                     llvm::SmallVectorImpl<const CallExpr *> &Out) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(S))
      return collectAllocs(Default->getExpr(), Out);
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (EC.isAllocator(Call->getDirectCallee()))
        Out.push_back(Call);
    for (const Stmt *Child : S->children())
      collectAllocs(Child, Out);
  }

  /// An annotated constructor's guard is the first statement of its body:
  /// the member initialisers run before it, so what they allocate from the
  /// guarded buffer is never reset. Reported as bumper-unscoped-alloc.
  void reportInitializerAllocs(const CXXConstructorDecl *Ctor,
                               const BlockInfo &B) {
    for (const CXXCtorInitializer *I : Ctor->inits()) {
      llvm::SmallVector<const CallExpr *, 2> Calls;
      collectAllocs(I->getInit(), Calls);
      for (const CallExpr *Call : Calls) {
        const Expr *Buf = EC.bufferArgument(Call);
        std::string Spelling =
            Buf ? EscapeContext::normalizeBuffer(EC.sourceText(Buf)) : "";
        if (Spelling != B.Buffer)
          continue;
        std::string Name = Call->getDirectCallee()->getNameAsString();
        std::string Class = Ctor->getParent()->getNameAsString();
        Finding F{Check::UnscopedAlloc, SourceLocation(), "", {}, {}};
        F.Message =
            "'" + Name + "' in " +
            (I->isWritten()
                 ? "a member initialiser of '" + Class + "'"
                 : "the default member initialiser used by '" + Class + "'") +
            " runs before the guard of the no_escape constructor: nothing "
            "resets this memory";
        EC.addNote(F, B.Ann->AttrRange.getBegin(),
                   "the guard starts in the constructor's body, after the "
                   "member initialisers; compute the value in a static member "
                   "function annotated [[bumper::no_escape]] and call it in "
                   "the initialiser, or allocate in the body");
        EC.emit(std::move(F), Call->getBeginLoc());
      }
    }
  }

  EscapeContext &EC;
  const AnnotationIndex &Index;
  llvm::DenseSet<const LambdaExpr *> Shielded;
};

} // namespace
} // namespace escape

void analyzeEscapes(ASTContext &Ctx, const AnnotationIndex &Annotations,
                    FindingSink &Sink, const EscapeOptions &Opts) {
  escape::EscapeContext EC(Ctx, Opts, Sink);
  escape::FunctionFinder Finder(EC, Annotations);
  Finder.TraverseAST(Ctx);
}

} // namespace bumper
