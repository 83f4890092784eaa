//===- HeapTemporaryFix.cpp - bumper-heap-temporary's rewrite -------------===//
//
// The warning and fix of a conversion HeapTemporary.cpp has proved: the
// declaration becomes `std::span<T> v = bumper::alloc<T>(n);` with the
// initialisation the variable had (a fill, a copy of a range or a list),
// the block that resets it gets its annotation and guard (GuardPlanner's,
// once per block), and the file the #include lines the fix uses.
//
//===----------------------------------------------------------------------===//

#include "HeapTemporaryCommon.h"
#include "bumper-tool/RuntimeModel.h"
#include "clang/AST/Decl.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace bumper {
namespace heaptemp {

/// A type that is not one word (`unsigned int`, `const char *`) cannot be
/// written `T{}`.
static bool isOneWord(llvm::StringRef T) {
  return llvm::all_of(
      T, [](char Ch) { return llvm::isAlnum(Ch) || Ch == '_' || Ch == ':'; });
}

FixWriter::FixWriter(ASTContext &Ctx, const AnnotationIndex &Index)
    : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()),
      Index(Index) {}

FixWriter::~FixWriter() = default;

std::string FixWriter::text(SourceRange R) const {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO).str();
}

/// Removes \p S and the blanks after it; when it ends its line, the line
/// break and the next line's indentation too, so that no empty line is
/// left (the removal starts at \p S, not at the line's start, where a
/// guard may be inserted).
FixItHint FixWriter::removeStatement(const Stmt *S, bool WithSemi) const {
  SourceLocation Begin = SM.getExpansionLoc(S->getBeginLoc());
  SourceLocation End =
      Lexer::getLocForEndOfToken(SM.getExpansionLoc(S->getEndLoc()), 0, SM, LO);
  auto [FID, Offset] = SM.getDecomposedLoc(End);
  llvm::StringRef Buf = SM.getBufferData(FID);
  llvm::StringRef Rest = Buf.substr(Offset);
  auto Blanks = [](llvm::StringRef T) {
    size_t N = T.find_first_not_of(" \t");
    return N == llvm::StringRef::npos ? T.size() : N;
  };
  // An expression statement's range ends before its ';'.
  if (WithSemi && Rest.substr(Blanks(Rest)).starts_with(";"))
    Rest = Rest.substr(Blanks(Rest) + 1);
  llvm::StringRef After = Rest.substr(Blanks(Rest));
  if (After.consume_front("\r\n") || After.consume_front("\n")) {
    if (After.substr(Blanks(After)).starts_with("}")) {
      // Before a '}' the whole line goes, so that the '}' keeps its
      // indentation.
      unsigned LineStart = SM.getFileOffset(Begin);
      while (LineStart > 0 &&
             (Buf[LineStart - 1] == ' ' || Buf[LineStart - 1] == '\t'))
        --LineStart;
      if (LineStart == 0 || Buf[LineStart - 1] == '\n')
        return FixItHint::CreateRemoval(CharSourceRange::getCharRange(
            SM.getComposedLoc(FID, LineStart),
            SM.getComposedLoc(FID, Buf.size() - After.size())));
    }
    After = After.substr(Blanks(After));
  }
  return FixItHint::CreateRemoval(CharSourceRange::getCharRange(
      Begin, SM.getComposedLoc(FID, Buf.size() - After.size())));
}

/// `T *p = new T[n]` keeps its pointer: the new[] becomes
/// `bumper::alloc<T>(n).data()` (and a fill for `new T[n]()`), and each
/// delete[] goes.
void FixWriter::convertRawArray(Finding &F, const Candidate &C,
                                const std::string &T,
                                const std::string &BufferArg) {
  std::string Name = C.VD->getNameAsString();
  std::string N = text(C.N->getSourceRange());
  F.Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(C.Alloc->getSourceRange()),
      spelling(RuntimeName::Alloc).str() + "<" + T + ">(" + BufferArg + N +
          ").data()"));
  if (C.Zero) {
    bool Simple = isOneWord(T);
    if (!Simple)
      NeedsIterator[SM.getFileID(C.DS->getBeginLoc())] = true;
    std::string Value =
        (Simple ? T : "std::iter_value_t<decltype(" + Name + ")>") + "{}";
    F.Fixes.push_back(FixItHint::CreateInsertion(
        Lexer::getLocForEndOfToken(C.DS->getEndLoc(), 0, SM, LO),
        " std::fill_n(" + Name + ", " + N + ", " + Value + ");"));
  }
  for (const Expr *Del : C.Deletes)
    F.Fixes.push_back(removeStatement(Del, /*WithSemi=*/true));
}

FixItHint FixWriter::insertAt(FileID FID, unsigned Offset,
                              std::string Text) const {
  return FixItHint::CreateInsertion(SM.getComposedLoc(FID, Offset),
                                    std::move(Text));
}

/// The #include lines go after the last #include of the file's leading
/// block of comments and directives (an #include in the middle of a file
/// may sit inside a namespace). The same text and place for every
/// conversion of a file, so that their fixes insert it once.
void FixWriter::addIncludes(Finding &F, FileID FID) const {
  llvm::StringRef Buf = SM.getBufferData(FID);
  bool HasRuntime = false, HasAlgorithm = false, HasIterator = false,
       InComment = false;
  size_t At = 0;
  for (size_t Start = 0; Start < Buf.size();) {
    size_t End = Buf.find('\n', Start);
    End = End == llvm::StringRef::npos ? Buf.size() : End + 1;
    llvm::StringRef Line = Buf.slice(Start, End).trim();
    Start = End;
    if (InComment || Line.starts_with("/*")) {
      InComment = !Line.contains("*/");
      continue;
    }
    if (Line.empty() || Line.starts_with("//"))
      continue;
    if (!Line.consume_front("#"))
      break;
    if (!(Line = Line.ltrim()).consume_front("include"))
      continue;
    Line = Line.trim();
    HasRuntime |=
        Line == "<bumper/core.hpp>" || Line == "<bumper/bumper.hpp>" ||
        Line == "\"bumper/core.hpp\"" || Line == "\"bumper/bumper.hpp\"";
    HasAlgorithm |= Line == "<algorithm>";
    HasIterator |= Line == "<iterator>";
    At = End;
  }
  std::string Add;
  if (!HasRuntime)
    Add += "#include " + GuardHeader.str() + "\n";
  if (!HasAlgorithm)
    Add += "#include <algorithm>\n";
  if (!HasIterator && NeedsIterator.lookup(FID))
    Add += "#include <iterator>\n";
  if (!Add.empty())
    F.Fixes.insert(F.Fixes.begin(), insertAt(FID, At, Add));
}

GuardPlanner &FixWriter::plannerFor(FileID FID) {
  std::unique_ptr<GuardPlanner> &P = Planners[FID];
  if (!P)
    P = std::make_unique<GuardPlanner>(SM.getBufferData(FID), LO);
  return *P;
}

/// The annotation and guard a new no_escape block \p Block gets: the same
/// for every candidate in it.
llvm::SmallVector<FixItHint, 2>
FixWriter::annotate(const FunctionDecl *FD, const CompoundStmt *Block,
                    const NoEscapeAnnotation *Outer) {
  auto [FID, LB] = SM.getDecomposedLoc(Block->getLBracLoc());
  auto Known = NewBlocks.find(Block->getLBracLoc());
  if (Known != NewBlocks.end())
    return Known->second;
  std::string Buffer = Outer ? Outer->BufferSpelling : "";
  std::string Attr = "[[bumper::no_escape" +
                     (Buffer.empty() ? "" : "(" + Buffer + ")") + "]] ";
  llvm::SmallVector<FixItHint, 2> Fixes;
  if (Block == FD->getBody())
    Fixes.push_back(FixItHint::CreateInsertion(FD->getBeginLoc(), Attr));
  else
    Fixes.push_back(insertAt(FID, LB, Attr));
  unsigned RB = SM.getFileOffset(Block->getRBracLoc());
  GuardPlanner &Planner = plannerFor(FID);
  std::string Guard =
      spelling(RuntimeName::NoEscape).str() + " " + Planner.pickName(LB, RB);
  if (!Buffer.empty())
    Guard += Outer->BufferIsCHandle ? "(" + spelling(RuntimeName::FromC).str() +
                                          "(" + Buffer + "))"
                                    : "(" + Buffer + ")";
  Guard += ";";
  TextInsertion I = Planner.insertion(LB, Guard);
  Fixes.push_back(insertAt(FID, I.Offset, I.Text));
  NewBlocks[Block->getLBracLoc()] = Fixes;
  return Fixes;
}

std::string FixWriter::elementSpelling(const VarDecl *VD, QualType Elem,
                                       bool Unique) const {
  TypeLoc TL = VD->getTypeSourceInfo()->getTypeLoc();
  if (auto Q = TL.getAs<QualifiedTypeLoc>())
    TL = Q.getUnqualifiedLoc();
  if (auto El = TL.getAs<ElaboratedTypeLoc>())
    TL = El.getNamedTypeLoc();
  // The text between the angle brackets: a TypeLoc's range leaves out a
  // leading "const".
  if (auto Spec = TL.getAs<TemplateSpecializationTypeLoc>();
      Spec && Spec.getNumArgs() == 1 && !Spec.getLAngleLoc().isMacroID() &&
      !Spec.getRAngleLoc().isMacroID()) {
    llvm::StringRef S = Lexer::getSourceText(
        CharSourceRange::getCharRange(Spec.getLAngleLoc().getLocWithOffset(1),
                                      Spec.getRAngleLoc()),
        SM, LO);
    S = S.trim();
    if (Unique && S.consume_back("[]"))
      S = S.rtrim();
    if (!S.empty() && !S.contains('['))
      return S.str();
  }
  PrintingPolicy PP(LO);
  PP.SuppressTagKeyword = true;
  return Elem.getAsString(PP);
}

/// `bumper::alloc<T>(buf, n);` and what follows it on the line: the
/// elements' initialisation.
std::string FixWriter::initText(const Candidate &C, const std::string &T,
                                const std::string &BufferArg) {
  std::string Name = C.VD->getNameAsString();
  std::string Alloc =
      spelling(RuntimeName::Alloc).str() + "<" + T + ">(" + BufferArg;
  std::string Into = Name + ".begin()";
  switch (C.Kind) {
  case Shape::Range: {
    if (C.Whole) {
      std::string Whole = text(C.Whole->getSourceRange());
      return Alloc + Whole + ".size()); std::ranges::copy(" + Whole + ", " +
             Into + ");";
    }
    std::string Range =
        text(C.First->getSourceRange()) + ", " + text(C.Last->getSourceRange());
    NeedsIterator[SM.getFileID(C.DS->getBeginLoc())] = true;
    return Alloc + "std::distance(" + Range + ")); std::copy(" + Range + ", " +
           Into + ");";
  }
  case Shape::List:
    return Alloc + std::to_string(C.List->getNumInits()) +
           "); std::ranges::copy(std::initializer_list<" + T + ">" +
           text(SourceRange(C.List->getLBraceLoc(), C.List->getRBraceLoc())) +
           ", " + Into + ");";
  case Shape::Sized:
  case Shape::UniqueArray:
  case Shape::Resized:
  case Shape::RawArray:
    break;
  }
  std::string Decl = Alloc + text(C.N->getSourceRange()) + ");";
  if (!C.Zero && !C.X)
    return Decl;
  std::string Value =
      C.X ? text(C.X->getSourceRange())
          : (isOneWord(T) ? T : "decltype(" + Name + ")::value_type") + "{}";
  return Decl + " std::fill(" + Name + ".begin(), " + Name + ".end(), " +
         Value + ");";
}

Finding FixWriter::convert(const Candidate &C, const Placement &P) {
  bool Unique = C.Kind == Shape::UniqueArray;
  std::string Name = C.VD->getNameAsString();
  std::string T = elementSpelling(C.VD, C.Elem, Unique);
  bool NewBlock = !P.Existing || Index.lookup(P.Target) != P.Existing;
  std::string Buffer = P.Existing ? P.Existing->BufferSpelling : "";
  std::string BufferArg;
  if (!Buffer.empty())
    BufferArg = (P.Existing->BufferIsCHandle
                     ? spelling(RuntimeName::FromC).str() + "(" + Buffer + ")"
                     : Buffer) +
                ", ";
  std::string Decl =
      C.Kind == Shape::RawArray
          ? ""
          : "std::span<" + T + "> " + Name + " = " + initText(C, T, BufferArg);

  std::string Message =
      "'" + Name + "' is a heap temporary: " +
      (C.Kind == Shape::RawArray
           ? std::string(C.Malloc ? "an array from malloc, freed"
                                  : "an array from new[], deleted") +
                 " on every way out of its block (so nothing uses it past "
                 "the block); it can come from the arena"
           : std::string(Unique ? "an array owned by a std::unique_ptr, only "
                                  "indexed and passed as a pointer"
                                : "a std::vector of fixed size, only indexed, "
                                  "iterated and passed as a span, a pointer "
                                  "or iterators") +
                 ", whose memory the escape analysis finds kept nowhere past "
                 "its block; it can come from the arena");
  if (P.InLoop)
    Message += " (it is inside a loop, where the heap allocation repeats "
               "on every iteration)";
  Finding F{
      Check::HeapTemporary, C.VD->getLocation(), std::move(Message), {}, {}};
  if (NewBlock)
    for (const FixItHint &H : annotate(C.FD, P.Target, P.Existing))
      F.Fixes.push_back(H);
  if (C.Kind == Shape::RawArray) {
    convertRawArray(F, C, T, BufferArg);
  } else if (C.Kind == Shape::Resized) {
    // The declaration moves to the sizing call, whose ';' ends it.
    F.Fixes.push_back(removeStatement(C.DS));
    llvm::StringRef Init = Decl;
    F.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(C.Sizing->getSourceRange()),
        Init.drop_back().str()));
  } else {
    F.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(C.DS->getSourceRange()), Decl));
  }
  for (SourceLocation Get : C.GetCalls)
    F.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Get, Get), "data"));
  if (C.Overwrite)
    F.Notes.push_back({SM.getExpansionLoc(C.Overwrite->getForLoc()),
                       "the conversion does not zero-fill '" + Name +
                           "': this loop writes every element before any "
                           "is read"});
  F.Notes.push_back(
      {SM.getExpansionLoc(NewBlock ? P.Target->getLBracLoc()
                                   : P.Existing->AttrRange.getBegin()),
       NewBlock ? "--fix annotates this block '[[bumper::no_escape]]' "
                  "and guards it; the memory is reset where it ends"
                : "the memory comes from this no_escape block's buffer "
                  "and is reset where the block ends"});
  return F;
}

} // namespace heaptemp
} // namespace bumper
