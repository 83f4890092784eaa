//===- GuardFixes.cpp - The bumper-missing-guard check and its fix-its ----===//
//
// The rewrite (docs/tool.md, "The rewrite"):
//  - the guard is "bumper::NoEscape <name>;" or "bumper::NoEscape <name>(buf);"
//    with buf spelled as in the annotation;
//  - it goes on a line of its own right after the line of the '{', indented
//    like the block's first line; a block whose first statement shares the
//    line of its '{' ("{ x(); }") gets the guard on that line, right after
//    the '{', so that no other line moves;
//  - the line ending is the one of the '{' line (CRLF files stay CRLF);
//  - <name> is bumper_guard_, or bumper_guard_1_, bumper_guard_2_, ... when
//    the name is visible at the block (declared in an enclosing scope of the
//    file, used inside the block, or the guard of an enclosing block);
//  - a block written inside a macro is never edited: the edit would change
//    the macro, hence every one of its expansions;
//  - C code is never edited (no destructors, so no declaration can be the
//    guard); a checkpoint guard written by hand is checked by CGuards.cpp.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/GuardFixes.h"
#include "bumper-tool/CGuards.h"
#include "bumper-tool/RuntimeModel.h"
#include "bumper-tool/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace bumper {

static bool isNoEscapeType(QualType T) {
  return isRuntime(T.getNonReferenceType()->getAsCXXRecordDecl(),
                   RuntimeName::NoEscape);
}

bool isNoEscapeGuard(const Stmt *S, const Expr *&Buffer) {
  const auto *DS = dyn_cast_or_null<DeclStmt>(S);
  if (!DS || !DS->isSingleDecl())
    return false;
  const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
  if (!VD || !isNoEscapeType(VD->getType()))
    return false;
  Buffer = nullptr;
  const Expr *Init = VD->getInit();
  if (!Init)
    return true;
  Init = Init->IgnoreImplicit();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Init)) {
    // "auto g = bumper::NoEscape(buf);" before C++17's guaranteed elision.
    if (CE->getNumArgs() == 1 && isNoEscapeType(CE->getArg(0)->getType()))
      if (const auto *Inner =
              dyn_cast<CXXConstructExpr>(CE->getArg(0)->IgnoreImplicit()))
        CE = Inner;
    if (CE->getNumArgs() >= 1 && !isa<CXXDefaultArgExpr>(CE->getArg(0)))
      Buffer = CE->getArg(0);
  } else if (const auto *PL = dyn_cast<ParenListExpr>(Init)) {
    if (PL->getNumExprs() >= 1)
      Buffer = PL->getExpr(0);
  } else if (const auto *UC = dyn_cast<CXXUnresolvedConstructExpr>(Init)) {
    if (UC->getNumArgs() >= 1)
      Buffer = UC->getArg(0);
  } else if (const auto *IL = dyn_cast<InitListExpr>(Init)) {
    if (IL->getNumInits() >= 1)
      Buffer = IL->getInit(0);
  }
  if (Buffer) {
    Buffer = Buffer->IgnoreParenImpCasts();
    // bumper::NoEscape g(bumper::default_buffer()) guards the default buffer;
    // bumper::NoEscape g(bumper::from_c(h)) guards the C handle h.
    if (asRuntimeCall(Buffer, RuntimeName::DefaultBuffer))
      Buffer = nullptr;
    else if (const CallExpr *FromC = asRuntimeCall(Buffer, RuntimeName::FromC);
             FromC && FromC->getNumArgs() == 1)
      Buffer = FromC->getArg(0)->IgnoreParenImpCasts();
  }
  return true;
}

namespace {

/// A guard planned in this run, so that nested blocks pick another name.
struct Planned {
  unsigned LB, RB;
  std::string Name;
};

/// What a guard's name could clash with in one file, lexed raw once: its
/// braces, and its identifiers that look like a guard's name (only
/// "bumper_guard_..." can be taken by one). Blocks are asked for in source
/// order, so one sweep over the file serves them all; a block before the
/// last one asked for starts the sweep over.
class FileTokens {
public:
  FileTokens(FileID FID, const SourceManager &SM, const LangOptions &LO) {
    StringRef Buf = SM.getBufferData(FID);
    Lexer Lex(SM.getLocForStartOfFile(FID), LO, Buf.begin(), Buf.begin(),
              Buf.end());
    Token T;
    while (!Lex.LexFromRawLexer(T) || T.isNot(tok::eof)) {
      unsigned Off = SM.getFileOffset(T.getLocation());
      if (T.is(tok::raw_identifier) &&
          T.getRawIdentifier().starts_with(GuardPrefix)) {
        Toks.push_back({Off, Tok::Identifier, T.getRawIdentifier()});
        Names.push_back(Toks.back());
      } else if (T.is(tok::l_brace)) {
        Toks.push_back({Off, Tok::LBrace, {}});
      } else if (T.is(tok::r_brace)) {
        Toks.push_back({Off, Tok::RBrace, {}});
      }
      if (T.is(tok::eof))
        break;
    }
  }

  /// Names that may be visible at the '{' at \p LB or used in the block
  /// [LB, RB]: guard-like identifiers of every scope still open at LB, of
  /// the block, and the guards planned for the blocks around it.
  llvm::StringSet<> namesAt(unsigned LB, unsigned RB) {
    if (Next > 0 && Toks[Next - 1].Offset >= LB) {
      Next = 0;
      Scopes.assign(1, {});
    }
    for (; Next < Toks.size() && Toks[Next].Offset < LB; ++Next) {
      const Tok &T = Toks[Next];
      if (T.Kind == Tok::Identifier)
        Scopes.back().push_back(T.Name);
      else if (T.Kind == Tok::LBrace)
        Scopes.emplace_back();
      else if (Scopes.size() > 1)
        Scopes.pop_back();
    }
    llvm::StringSet<> Taken;
    for (const auto &Scope : Scopes)
      for (StringRef N : Scope)
        Taken.insert(N);
    auto In = llvm::lower_bound(
        Names, LB, [](const Tok &T, unsigned Off) { return T.Offset < Off; });
    for (; In != Names.end() && In->Offset <= RB; ++In)
      Taken.insert(In->Name);

    // The planned guards of the blocks still open at LB form a stack, as
    // long as blocks come in source order.
    if (!Plans.empty() && Plans.back().LB >= LB)
      InOrder = false;
    if (InOrder) {
      while (!Open.empty() && Plans[Open.back()].RB < LB)
        Open.pop_back();
      for (size_t I : Open)
        Taken.insert(Plans[I].Name);
    } else {
      for (const Planned &P : Plans)
        if (P.LB < LB && RB < P.RB)
          Taken.insert(P.Name);
    }
    return Taken;
  }

  /// Records the guard planned for the block [LB, RB].
  void plan(unsigned LB, unsigned RB, std::string Name) {
    Plans.push_back({LB, RB, std::move(Name)});
    if (InOrder)
      Open.push_back(Plans.size() - 1);
  }

  static constexpr StringRef GuardPrefix = "bumper_guard_";

private:
  struct Tok {
    unsigned Offset;
    enum { Identifier, LBrace, RBrace } Kind;
    StringRef Name;
  };
  std::vector<Tok> Toks;
  std::vector<Tok> Names; ///< the identifiers of Toks
  size_t Next = 0;        ///< the sweep: Toks before Next are in Scopes
  std::vector<std::vector<StringRef>> Scopes{1};
  std::vector<Planned> Plans;
  std::vector<size_t> Open; ///< Plans of the blocks around the last one
  bool InOrder = true;
};

class GuardChecker {
public:
  explicit GuardChecker(ASTContext &Ctx, FindingSink &Sink)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), Sink(Sink),
        GuardDefinition(findNoEscape(Ctx)), CGuards(Ctx, Sink) {}

  void check(const NoEscapeAnnotation &A) {
    const CompoundStmt *Body = A.Body;
    SourceLocation Loc =
        A.Function ? A.Function->getLocation() : A.AttrRange.getBegin();
    const char *What = A.Function ? "no_escape function" : "no_escape block";
    std::string Subject = A.Function ? std::string(What) + " '" +
                                           A.Function->getNameAsString() + "'"
                                     : std::string(What);

    // C: a checkpoint saved by hand at the start, restored on every way out.
    if (CGuards.check(A))
      return;

    const Expr *GuardBuffer = nullptr;
    if (!Body->body_empty() &&
        isNoEscapeGuard(Body->body_front(), GuardBuffer)) {
      if (refersToSame(A.Buffer, GuardBuffer, SM, LO))
        return;
      std::string Has = GuardBuffer ? "'" + spell(GuardBuffer, SM, LO) + "'"
                                    : "the default buffer";
      std::string Wants =
          A.Buffer ? "'" + A.BufferSpelling + "'" : "the default buffer";
      Finding F{Check::MissingGuard,
                Body->body_front()->getBeginLoc(),
                "the guard of this " + std::string(What) + " resets " + Has +
                    ", but the annotation names " + Wants,
                {},
                {}};
      F.Notes.push_back({A.AttrRange.getBegin(), "annotation here"});
      Sink.report(std::move(F));
      return;
    }

    Finding F{Check::MissingGuard,
              Loc,
              Subject + " has no 'bumper::NoEscape' guard",
              {},
              {}};
    SourceLocation LBrace = Body->getLBracLoc();
    if (LBrace.isMacroID() && SM.isMacroArgExpansion(LBrace) &&
        Body->getRBracLoc().isMacroID()) {
      // Written in the file, but as a macro's argument: the macro may expand
      // it more than once, or not at all, or turn it into a string.
      StringRef Macro =
          Lexer::getImmediateMacroNameForDiagnostics(LBrace, SM, LO);
      F.Message += "; not fixed: the block is an argument of the macro '" +
                   Macro.str() +
                   "', which decides how it is expanded; add "
                   "'bumper::NoEscape' to the block by hand";
      Sink.report(std::move(F));
      return;
    }
    if (LBrace.isMacroID() || Body->getRBracLoc().isMacroID()) {
      F.Message += "; not fixed: the block is written inside a macro, and "
                   "editing the macro would change every expansion of it; "
                   "add 'bumper::NoEscape' to the macro by hand";
      Sink.report(std::move(F));
      return;
    }
    if (!LO.CPlusPlus) {
      F.Message += "; not fixed: C has no destructors to run a guard; save "
                   "a checkpoint with bumper_checkpoint_save() at the start "
                   "of the block and restore it with "
                   "bumper_checkpoint_restore() on every way out";
      Sink.report(std::move(F));
      return;
    }
    if (A.Function && Loc.isMacroID())
      F.Loc = LBrace;
    F.Fixes.push_back(guardInsertion(A));
    if (A.Function)
      F.Notes.push_back({A.AttrRange.getBegin(), "annotated here"});
    if (!GuardDefinition || !SM.isBeforeInTranslationUnit(
                                GuardDefinition->getLocation(),
                                SM.getExpansionLoc(A.Body->getLBracLoc())))
      F.Notes.push_back(
          {Loc, std::string("'bumper::NoEscape' is declared in "
                            "<bumper/bumper.hpp>, which this file does not "
                            "include ") +
                    (GuardDefinition ? "before this block" : "yet")});
    Sink.report(std::move(F));
  }

private:
  std::string pickName(FileID FID, unsigned LB, unsigned RB) {
    auto It = Tokens.find(FID);
    if (It == Tokens.end())
      It = Tokens.try_emplace(FID, std::make_unique<FileTokens>(FID, SM, LO))
               .first;
    llvm::StringSet<> Taken = It->second->namesAt(LB, RB);
    std::string Name = FileTokens::GuardPrefix.str();
    for (unsigned I = 1; Taken.contains(Name); ++I)
      Name = (FileTokens::GuardPrefix + std::to_string(I) + "_").str();
    It->second->plan(LB, RB, Name);
    return Name;
  }

  FixItHint guardInsertion(const NoEscapeAnnotation &A) {
    SourceLocation LBrace = A.Body->getLBracLoc();
    auto [FID, LB] = SM.getDecomposedLoc(LBrace);
    unsigned RB = SM.getFileOffset(A.Body->getRBracLoc());
    StringRef Buf = SM.getBufferData(FID);

    std::string Guard = "bumper::NoEscape " + pickName(FID, LB, RB);
    if (A.Buffer)
      Guard += A.BufferIsCHandle ? "(bumper::from_c(" + A.BufferSpelling + "))"
                                 : "(" + A.BufferSpelling + ")";
    Guard += ";";

    // Where does the block's content start? Skip comments that end on the
    // line of the '{'.
    Lexer Lex(SM.getLocForStartOfFile(FID), LO, Buf.begin(),
              Buf.begin() + LB + 1, Buf.end());
    Lex.SetCommentRetentionState(true);
    Token T;
    unsigned LineEnd = Buf.find_first_of("\r\n", LB);
    if (LineEnd == StringRef::npos)
      LineEnd = Buf.size();
    for (;;) {
      Lex.LexFromRawLexer(T);
      unsigned Off = SM.getFileOffset(T.getLocation());
      if (T.is(tok::comment) && Off + T.getLength() <= LineEnd &&
          T.isNot(tok::eof))
        continue;
      break;
    }
    unsigned First = SM.getFileOffset(T.getLocation());

    if (First < LineEnd) {
      // "{ x(); }": the guard goes right after the '{', on that line.
      std::string Text = " " + Guard;
      if (LB + 1 < Buf.size() && !isspace((unsigned char)Buf[LB + 1]))
        Text += " ";
      return FixItHint::CreateInsertion(LBrace.getLocWithOffset(1), Text);
    }

    StringRef EOL = Buf.substr(LineEnd).starts_with("\r\n") ? "\r\n" : "\n";
    unsigned NextLine = LineEnd + (EOL == "\r\n" ? 2 : 1);
    std::string Indent;
    if (T.is(tok::r_brace) || T.is(tok::hash) || T.is(tok::eof)) {
      // An empty block, or a directive: one level deeper than the '{' line.
      Indent = indentOfLine(Buf, LB);
      Indent += StringRef(Indent).contains('\t') ? "\t" : "  ";
    } else {
      Indent = indentOfLine(Buf, First);
    }
    return FixItHint::CreateInsertion(SM.getComposedLoc(FID, NextLine),
                                      Indent + Guard + EOL.str());
  }

  static std::string indentOfLine(StringRef Buf, unsigned Off) {
    unsigned Start = Buf.find_last_of("\n", Off);
    Start = Start == StringRef::npos ? 0 : Start + 1;
    unsigned End = Start;
    while (End < Buf.size() && (Buf[End] == ' ' || Buf[End] == '\t'))
      ++End;
    return Buf.slice(Start, End).str();
  }

  /// The definition of bumper::NoEscape, if the translation unit has one:
  /// the guard compiles only after it.
  static const NamedDecl *findNoEscape(ASTContext &Ctx) {
    IdentifierInfo &Bumper = Ctx.Idents.get("bumper");
    IdentifierInfo &NoEscape = Ctx.Idents.get("NoEscape");
    for (NamedDecl *ND : Ctx.getTranslationUnitDecl()->lookup(&Bumper))
      if (auto *NS = dyn_cast<NamespaceDecl>(ND))
        for (NamedDecl *Guard : NS->lookup(&NoEscape)) {
          if (const auto *Tag = dyn_cast<TagDecl>(Guard))
            if (const TagDecl *Definition = Tag->getDefinition())
              return Definition;
          return Guard;
        }
    return nullptr;
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  FindingSink &Sink;
  const NamedDecl *GuardDefinition; ///< of bumper::NoEscape, or null
  CheckpointGuardChecker CGuards;   ///< C: the guards written by hand
  llvm::DenseMap<FileID, std::unique_ptr<FileTokens>> Tokens;
};

} // namespace

void checkGuards(ASTContext &Ctx, const AnnotationIndex &Index,
                 FindingSink &Sink) {
  // Outer blocks first, so that a nested block's guard gets another name.
  std::vector<const NoEscapeAnnotation *> Order;
  for (const NoEscapeAnnotation &A : Index.all())
    Order.push_back(&A);
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::stable_sort(
      Order, [&](const NoEscapeAnnotation *L, const NoEscapeAnnotation *R) {
        return SM.isBeforeInTranslationUnit(L->Body->getLBracLoc(),
                                            R->Body->getLBracLoc());
      });
  GuardChecker Checker(Ctx, Sink);
  for (const NoEscapeAnnotation *A : Order)
    Checker.check(*A);
}

} // namespace bumper
