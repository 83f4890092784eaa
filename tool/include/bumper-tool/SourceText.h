//===- SourceText.h - Expressions as the user wrote them --------*- C++ -*-===//
//
// Diagnostics quote a buffer expression as written, and the guard checks
// compare two buffer expressions by their text when they are not the same
// variable. One spelling for all of them.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_SOURCETEXT_H
#define BUMPER_TOOL_SOURCETEXT_H

#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringRef.h"
#include <cctype>
#include <string>

namespace bumper {

/// The source text of \p E, trimmed; for an expression from a macro, the
/// text of its expansion. Empty if neither can be read.
inline std::string spell(const clang::Expr *E, const clang::SourceManager &SM,
                         const clang::LangOptions &LO) {
  auto R = clang::CharSourceRange::getTokenRange(E->getSourceRange());
  llvm::StringRef Text = clang::Lexer::getSourceText(R, SM, LO);
  if (Text.empty())
    Text = clang::Lexer::getSourceText(SM.getExpansionRange(R), SM, LO);
  return Text.trim().str();
}

/// \p S without its white space: "a . b" and "a.b" name the same thing.
inline std::string withoutSpaces(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    if (!std::isspace(static_cast<unsigned char>(C)))
      Out += C;
  return Out;
}

/// Do \p L and \p R name the same thing: the same variable, or else the same
/// text, spaces aside? Two nulls (the default buffer) are the same too.
inline bool refersToSame(const clang::Expr *L, const clang::Expr *R,
                         const clang::SourceManager &SM,
                         const clang::LangOptions &LO) {
  if (!L || !R)
    return !L && !R;
  const auto *LD = llvm::dyn_cast<clang::DeclRefExpr>(L->IgnoreParenImpCasts());
  const auto *RD = llvm::dyn_cast<clang::DeclRefExpr>(R->IgnoreParenImpCasts());
  if (LD && RD)
    return LD->getDecl()->getCanonicalDecl() ==
           RD->getDecl()->getCanonicalDecl();
  return withoutSpaces(spell(L, SM, LO)) == withoutSpaces(spell(R, SM, LO));
}

} // namespace bumper

#endif // BUMPER_TOOL_SOURCETEXT_H
