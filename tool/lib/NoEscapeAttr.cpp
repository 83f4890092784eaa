//===- NoEscapeAttr.cpp - The ParsedAttrInfo of [[bumper::no_escape]] -----===//
//
// Clang 19's plugin attribute API can handle an attribute on a declaration
// (handleDeclAttribute) but has no handleStmtAttribute (it arrives in Clang
// 20). For a statement the one hook is diagAppertainsToStmt, which receives
// the finished Stmt: we record the statement there and return false without a
// diagnostic, which makes Sema drop the attribute quietly. Returning true
// would make Sema reject it ("attribute cannot be applied to a statement").
//
// Every use is only recorded here; Annotations.cpp checks them, so that a
// misplaced attribute is reported like every other finding (NOLINT, the
// [bumper-annotation] suffix, exit status).
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/NoEscapeAttr.h"
#include "clang/AST/Attr.h"
#include "clang/Sema/DeclSpec.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Scope.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace bumper {
namespace {

thread_local AttributeRecorder *CurrentRecorder = nullptr;

AttributeUse makeUse(Sema &S, const ParsedAttr &Attr) {
  AttributeUse U;
  U.Range = Attr.getRange();
  U.Unscoped = !Attr.hasScope();
  for (unsigned I = 0, N = Attr.getNumArgs(); I != N; ++I) {
    if (Attr.isArgExpr(I) && Attr.getArgAsExpr(I)) {
      U.Args.push_back(Attr.getArgAsExpr(I));
      continue;
    }
    // A lone identifier, no_escape(buf), arrives as an IdentifierLoc, not
    // as an expression: look it up where the attribute is written (Sema's
    // current scope is still the one around the annotated statement), as
    // an id-expression, so that members and template parameters resolve.
    IdentifierLoc *Id = Attr.isArgIdent(I) ? Attr.getArgAsIdent(I) : nullptr;
    if (Id && Id->Ident) {
      CXXScopeSpec SS;
      UnqualifiedId Name;
      Name.setIdentifier(Id->Ident, Id->Loc);
      ExprResult E = S.ActOnIdExpression(S.getCurScope(), SS, SourceLocation(),
                                         Name, /*HasTrailingLParen=*/false,
                                         /*IsAddressOfOperand=*/false);
      if (E.isUsable()) {
        U.Args.push_back(E.get());
        continue;
      }
    }
    U.HasNonExprArg = true;
  }
  return U;
}

struct NoEscapeAttrInfo : ParsedAttrInfo {
  // The scoped spelling is the one users write. Clang drops the arguments of
  // a scoped plugin attribute unless an unscoped spelling is registered too
  // (in C as in C++), so "no_escape" is; Annotations.cpp asks users to write
  // the scoped one.
  static constexpr Spelling Spellings[] = {
      {ParsedAttr::AS_CXX11, "bumper::no_escape"},
      {ParsedAttr::AS_CXX11, "no_escape"},
      {ParsedAttr::AS_C23, "bumper::no_escape"},
      {ParsedAttr::AS_C23, "no_escape"},
  };

  NoEscapeAttrInfo() {
    OptArgs = 1;
    IsStmt = 1;
    ParsedAttrInfo::Spellings = Spellings;
  }

  bool isParamExpr(size_t) const override { return true; }

  bool diagAppertainsToStmt(Sema &S, const ParsedAttr &Attr,
                            const Stmt *St) const override {
    if (CurrentRecorder) {
      AttributeUse U = makeUse(S, Attr);
      U.Statement = St;
      CurrentRecorder->record(std::move(U));
    }
    // Without a diagnostic: Sema drops the attribute and moves on.
    return false;
  }

  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &Attr,
                            const Decl *D) const override {
    if (isa<FunctionDecl>(D) || isa<FunctionTemplateDecl>(D))
      return true; // handleDeclAttribute records it.
    if (CurrentRecorder) {
      AttributeUse U = makeUse(S, Attr);
      U.Declaration = D;
      CurrentRecorder->record(std::move(U));
    }
    return false;
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D,
                                   const ParsedAttr &Attr) const override {
    AttributeUse U = makeUse(S, Attr);
    U.Declaration = D;
    // Keep a trace in the AST too (-ast-dump, other front ends).
    llvm::SmallVector<Expr *, 1> Args;
    for (const Expr *E : U.Args)
      Args.push_back(const_cast<Expr *>(E));
    D->addAttr(AnnotateAttr::Create(S.Context, NoEscapeAnnotateName,
                                    Args.data(), Args.size(), Attr.getRange()));
    if (CurrentRecorder)
      CurrentRecorder->record(std::move(U));
    return AttributeApplied;
  }
};

ParsedAttrInfoRegistry::Add<NoEscapeAttrInfo>
    Registration("bumper-no-escape",
                 "[[bumper::no_escape]] blocks and functions");

} // namespace

RecordingScope::RecordingScope(AttributeRecorder &R)
    : Previous(CurrentRecorder) {
  CurrentRecorder = &R;
}

RecordingScope::~RecordingScope() { CurrentRecorder = Previous; }

AttributeRecorder *currentRecorder() { return CurrentRecorder; }

} // namespace bumper
