//===- RuntimeModel.cpp - libbumper's names, as the checks know them ------===//

#include "bumper-tool/RuntimeModel.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace bumper {

namespace {

struct NameInfo {
  RuntimeName Name;
  llvm::StringRef Spelling;
  /// The unqualified name; C++ names live in namespace bumper, C names at
  /// file scope.
  llvm::StringRef Identifier;
  bool InBumperNamespace;
};

const NameInfo Names[] = {
    {RuntimeName::Alloc, "bumper::alloc", "alloc", true},
    {RuntimeName::AllocBytes, "bumper::alloc_bytes", "alloc_bytes", true},
    {RuntimeName::DefaultBuffer, "bumper::default_buffer", "default_buffer",
     true},
    {RuntimeName::WithBuffer, "bumper::with_buffer", "with_buffer", true},
    {RuntimeName::FromC, "bumper::from_c", "from_c", true},
    {RuntimeName::NoEscape, "bumper::NoEscape", "NoEscape", true},
    {RuntimeName::MdView, "bumper::mdview", "mdview", true},
    {RuntimeName::CBuffer, "bumper_buffer", "bumper_buffer", false},
    {RuntimeName::CDefaultBuffer, "bumper_default_buffer",
     "bumper_default_buffer", false},
    {RuntimeName::CCheckpointSave, "bumper_checkpoint_save",
     "bumper_checkpoint_save", false},
    {RuntimeName::CCheckpointRestore, "bumper_checkpoint_restore",
     "bumper_checkpoint_restore", false},
};

const NameInfo &info(RuntimeName N) {
  // Names lists the enumerators in order.
  return Names[static_cast<unsigned>(N)];
}

/// \p DC is namespace bumper (or an inline namespace in it) at file scope.
bool isBumperNamespace(const DeclContext *DC) {
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent();
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(DC);
  return NS && NS->getName() == "bumper" &&
         NS->getParent()->getRedeclContext()->isTranslationUnit();
}

} // namespace

llvm::StringRef spelling(RuntimeName N) { return info(N).Spelling; }

bool isRuntime(const NamedDecl *D, RuntimeName N) {
  if (!D || !D->getIdentifier())
    return false;
  const NameInfo &I = info(N);
  if (D->getName() != I.Identifier)
    return false;
  const DeclContext *DC = D->getDeclContext();
  if (I.InBumperNamespace)
    return isBumperNamespace(DC);
  return DC->getRedeclContext()->isTranslationUnit();
}

const CallExpr *asRuntimeCall(const Expr *E, RuntimeName N) {
  const auto *Call =
      dyn_cast_or_null<CallExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  if (!Call || !isRuntime(Call->getDirectCallee(), N))
    return nullptr;
  return Call;
}

bool isDefaultBufferExpr(const Expr *E) {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
  return asRuntimeCall(E, RuntimeName::DefaultBuffer) ||
         asRuntimeCall(E, RuntimeName::CDefaultBuffer);
}

bool isRuntimeBufferClass(const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  if (RD->getIdentifier() && RD->getName().ends_with("Buffer") &&
      isBumperNamespace(RD->getDeclContext()))
    return true;
  if (!RD->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (isRuntimeBufferClass(Base.getType()->getAsCXXRecordDecl()))
      return true;
  return false;
}

bool hasAllocatorAnnotation(const Decl *D) {
  for (const auto *A : D->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == AllocatorAnnotation)
      return true;
  return false;
}

const Expr *allocationBuffer(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    if (const Expr *Obj = MC->getImplicitObjectArgument())
      return Obj;
  unsigned N = std::min<unsigned>(FD->getNumParams(), Call->getNumArgs());
  for (unsigned I = 0; I < N; ++I) {
    QualType PT = FD->getParamDecl(I)->getType();
    QualType Pointee = PT->isReferenceType() ? PT.getNonReferenceType()
                       : PT->isPointerType() ? PT->getPointeeType()
                                             : QualType();
    if (Pointee.isNull() || !Pointee->isRecordType())
      continue;
    if (isDefaultBufferExpr(Call->getArg(I)))
      return nullptr;
    return Call->getArg(I);
  }
  return nullptr;
}

} // namespace bumper
