//===- AttributeSpelling.h - Bumper attributes the compiler drops -*- C++
//-*-===//
//
// Clang keeps nothing of an attribute it does not know, and Bumper::runtime's
// flags (-Wno-unknown-attributes, -Wno-attributes) make it drop one without a
// word: a typo such as [[bumper::no_escpae]] or [[bumpr::no_escape]] would
// switch off the guard and the escape analysis silently. Clang 19 lets a
// plugin register only the spellings it knows, so these are found in the
// text: a raw-lexer pass over every file of the translation unit outside
// system headers, minus the regions #if skipped (recorded while the file is
// preprocessed). docs/architecture.md says why.
//
// The same pass reports [[bumper::no_escape]] written after a declarator
// (`int f() [[bumper::no_escape]] {`): clang rejects our attribute there with
// "attribute cannot be applied to types", an error that would stop the
// whole file from being checked, where compilers that do not know the
// attribute only warn. A diagnostic consumer put in front of the host's takes
// that one error out and records it; Annotations.cpp reports it as a
// bumper-annotation error.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_ATTRIBUTESPELLING_H
#define BUMPER_TOOL_ATTRIBUTESPELLING_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"

namespace clang {
class Preprocessor;
} // namespace clang

namespace bumper {

class AttributeRecorder;
class FindingSink;

/// Before parsing: records the regions \p PP skips into \p R, and puts a
/// consumer in front of the client of \p PP's DiagnosticsEngine that takes
/// clang's "cannot be applied to types" error on [[bumper::no_escape]] out
/// and records it into the recorder current on the thread (NoEscapeAttr.h).
void watchAttributes(clang::Preprocessor &PP, AttributeRecorder &R);

/// True if \p Diags has seen a compiler error other than those
/// watchAttributes took out for \p R.
bool hasCompilerErrors(const clang::DiagnosticsEngine &Diags,
                       const AttributeRecorder &R);

/// Reports every attribute the tool would otherwise lose: an attribute of the
/// namespace 'bumper' other than no_escape, and one of a namespace that looks
/// like a misspelling of 'bumper' (bumpr, bumber, Bumper, __bumper__), each a
/// bumper-annotation error with a fix-it to 'bumper::no_escape'.
void checkAttributeSpellings(const clang::SourceManager &SM,
                             const clang::LangOptions &LO,
                             const AttributeRecorder &R, FindingSink &Sink);

} // namespace bumper

#endif // BUMPER_TOOL_ATTRIBUTESPELLING_H
