//===- RuntimeModel.h - The runtime names the checks know -------*- C++ -*-===//
//
// Every name of the runtime a check looks for, in one place, matched by its
// fully qualified name: `bumper::default_buffer` is ours, `mine::
// default_buffer` is not. C API names are matched at file scope (extern "C"
// included). The checks ask this header; none spells a runtime name itself.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_RUNTIMEMODEL_H
#define BUMPER_TOOL_RUNTIMEMODEL_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"

namespace bumper {

/// The runtime's functions and types the checks know.
enum class RuntimeName {
  // C++ (<bumper/bumper.hpp>, namespace bumper)
  Alloc,         ///< bumper::alloc
  AllocBytes,    ///< bumper::alloc_bytes
  DefaultBuffer, ///< bumper::default_buffer
  WithBuffer,    ///< bumper::with_buffer
  FromC,         ///< bumper::from_c: the C++ buffer behind a C handle
  NoEscape,      ///< bumper::NoEscape: the guard
  MdView,        ///< bumper::mdview: a view, like std::span
  // C (<bumper/bumper.h>)
  CBuffer,            ///< struct bumper_buffer
  CDefaultBuffer,     ///< bumper_default_buffer
  CCheckpointSave,    ///< bumper_checkpoint_save
  CCheckpointRestore, ///< bumper_checkpoint_restore
};

/// The name as the runtime's headers spell it ("bumper::alloc",
/// "bumper_checkpoint_save"): for messages and inserted code.
llvm::StringRef spelling(RuntimeName N);

/// Is \p D the runtime's \p N (or, for a function, an overload or
/// instantiation of it)?
bool isRuntime(const clang::NamedDecl *D, RuntimeName N);

/// \p E (parentheses and implicit casts aside) is a direct call of the
/// runtime's function \p N.
const clang::CallExpr *asRuntimeCall(const clang::Expr *E, RuntimeName N);

/// The thread's default buffer, in C++ (bumper::default_buffer(), or
/// *bumper::default_buffer() / &bumper::default_buffer()) or in C
/// (bumper_default_buffer()).
bool isDefaultBufferExpr(const clang::Expr *E);

/// A buffer class of the runtime (bumper::AllocBuffer, SlabBuffer, ...: a
/// class of namespace bumper named "...Buffer"), or a class derived from one.
bool isRuntimeBufferClass(const clang::CXXRecordDecl *RD);

/// The light header that declares the guard (and alloc, the checkpoints and
/// the buffers); <bumper/bumper.hpp> includes it.
inline constexpr llvm::StringLiteral GuardHeader = "<bumper/core.hpp>";

/// What BUMPER_ALLOCATOR attaches to a function:
/// __attribute__((annotate("bumper::allocator"))).
inline constexpr llvm::StringLiteral AllocatorAnnotation = "bumper::allocator";

/// \p D carries BUMPER_ALLOCATOR's annotation (this declaration only).
bool hasAllocatorAnnotation(const clang::Decl *D);

/// The buffer an allocator call allocates from: the object of a member
/// allocator (`buf.allocate(...)`), else its first argument passed by pointer
/// or reference to a class (`alloc<T>(buf, n)`); nullptr for the default
/// buffer, written out (`default_buffer()`) or not (`alloc<T>(n)`).
const clang::Expr *allocationBuffer(const clang::CallExpr *Call);

} // namespace bumper

#endif // BUMPER_TOOL_RUNTIMEMODEL_H
