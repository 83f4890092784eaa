//===- GuardFixes.h - The bumper-missing-guard check ------------*- C++ -*-===//
//
// For every annotated block or function body without its bumper::NoEscape
// guard, reports a bumper-missing-guard warning whose fix-it inserts the
// guard as the block's first statement. docs/tool.md describes the rewrite.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_GUARDFIXES_H
#define BUMPER_TOOL_GUARDFIXES_H

#include "bumper-tool/Annotations.h"
#include "bumper-tool/Findings.h"

namespace bumper {

/// Checks every annotation of \p Index and reports missing or mismatched
/// guards to \p Sink.
void checkGuards(clang::ASTContext &Ctx, const AnnotationIndex &Index,
                 FindingSink &Sink);

/// If \p S is a bumper::NoEscape declaration ("bumper::NoEscape g;" or
/// "bumper::NoEscape g(buf);"), returns true and sets \p Buffer to the
/// argument, or to nullptr when the guard resets the default buffer.
bool isNoEscapeGuard(const clang::Stmt *S, const clang::Expr *&Buffer);

} // namespace bumper

#endif // BUMPER_TOOL_GUARDFIXES_H
