//===- GuardPlanner.cpp - The name and place of an inserted guard ---------===//
//
// Raw lexing of the file's text only: a raw Lexer needs no SourceManager,
// and offsets come from the lexer's position in the buffer.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/GuardPlanner.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include <cctype>

using namespace clang;

namespace bumper {

/// A raw lexer over \p Buf from \p From. Its tokens' SourceLocations mean
/// nothing (there is no SourceManager); use offsetOf.
static Lexer rawLexer(StringRef Buf, unsigned From, const LangOptions &LO) {
  return Lexer(SourceLocation(), LO, Buf.begin(), Buf.begin() + From,
               Buf.end());
}

/// The offset in \p Buf of \p T, the token \p Lex has just lexed: the lexer
/// stands right after it.
static unsigned offsetOf(const Lexer &Lex, const Token &T, StringRef Buf) {
  return Lex.getBufferLocation() - Buf.begin() - T.getLength();
}

/// The spaces and tabs that start the line of \p Off.
static std::string indentOfLine(StringRef Buf, unsigned Off) {
  size_t Start = Buf.find_last_of("\n", Off);
  Start = Start == StringRef::npos ? 0 : Start + 1;
  size_t End = Start;
  while (End < Buf.size() && (Buf[End] == ' ' || Buf[End] == '\t'))
    ++End;
  return Buf.slice(Start, End).str();
}

GuardPlanner::GuardPlanner(StringRef Buffer, const LangOptions &LO)
    : Buf(Buffer), LO(LO) {
  Lexer Lex = rawLexer(Buf, 0, LO);
  Token T;
  while (!Lex.LexFromRawLexer(T) || T.isNot(tok::eof)) {
    unsigned Off = offsetOf(Lex, T, Buf);
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

llvm::StringSet<> GuardPlanner::namesAt(unsigned LB, unsigned RB) {
  // A block before the last one asked for starts the sweep over.
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

std::string GuardPlanner::pickName(unsigned LB, unsigned RB) {
  llvm::StringSet<> Taken = namesAt(LB, RB);
  std::string Name = GuardPrefix.str();
  for (unsigned I = 1; Taken.contains(Name); ++I)
    Name = (GuardPrefix + std::to_string(I) + "_").str();
  Plans.push_back({LB, RB, Name});
  if (InOrder)
    Open.push_back(Plans.size() - 1);
  return Name;
}

TextInsertion GuardPlanner::insertion(unsigned LB, StringRef Guard) const {
  // Where does the block's content start? Skip comments that end on the
  // line of the '{'.
  Lexer Lex = rawLexer(Buf, LB + 1, LO);
  Lex.SetCommentRetentionState(true);
  Token T;
  size_t LineEnd = Buf.find_first_of("\r\n", LB);
  if (LineEnd == StringRef::npos)
    LineEnd = Buf.size();
  unsigned First;
  for (;;) {
    Lex.LexFromRawLexer(T);
    First = offsetOf(Lex, T, Buf);
    if (T.is(tok::comment) && First + T.getLength() <= LineEnd &&
        T.isNot(tok::eof))
      continue;
    break;
  }

  if (First < LineEnd) {
    // "{ x(); }": the guard goes right after the '{', on that line.
    std::string Text = " " + Guard.str();
    if (LB + 1 < Buf.size() && !isspace((unsigned char)Buf[LB + 1]))
      Text += " ";
    return {LB + 1, Text};
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
  return {NextLine, Indent + Guard.str() + EOL.str()};
}

} // namespace bumper
