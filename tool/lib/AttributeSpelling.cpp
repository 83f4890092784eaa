//===- AttributeSpelling.cpp - Bumper attributes the compiler drops -------===//
//
// A raw-lexer pass over the translation unit's files finds every
// attribute-specifier `[[ ... ]]` (C++11 and C23) and checks the names in it:
//   [[bumper::no_escpae]]        an unknown name in the namespace bumper
//   [[bumpr::no_escape]]         a namespace a short edit away from bumper
//   [[using Bumper: no_escape]]  the same, in the using form
// each a bumper-annotation error with a fix-it to bumper::no_escape. Only the
// text is needed: the compiler drops these attributes before any hook of ours
// sees them. Regions #if skipped are left out (they are not compiled), and a
// file included twice is read once.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/AttributeSpelling.h"
#include "bumper-tool/Findings.h"
#include "bumper-tool/NoEscapeAttr.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace bumper {
namespace {

constexpr llvm::StringLiteral Namespace = "bumper";
constexpr llvm::StringLiteral Name = "no_escape";

/// Records the regions the preprocessor skips.
class SkippedRegions : public PPCallbacks {
public:
  explicit SkippedRegions(AttributeRecorder &R) : R(R) {}
  void SourceRangeSkipped(SourceRange Range, SourceLocation) override {
    R.skipped(Range);
  }

private:
  AttributeRecorder &R;
};

/// The raw token at \p Loc's spelling, as text ("" if not an identifier).
StringRef identifierAt(SourceLocation Loc, const SourceManager &SM,
                       const LangOptions &LO) {
  Token T;
  if (Lexer::getRawToken(SM.getSpellingLoc(Loc), T, SM, LO,
                         /*IgnoreWhiteSpace=*/true) ||
      !T.is(tok::raw_identifier))
    return "";
  return T.getRawIdentifier();
}

/// In front of the host's diagnostic consumer: takes clang's "'no_escape'
/// attribute cannot be applied to types" out (Sema reports it for our
/// attribute after a declarator) and records it for a bumper-annotation
/// error, so that the file is still checked. Everything else is passed on.
class AttributeDiagnosticFilter : public DiagnosticConsumer {
public:
  AttributeDiagnosticFilter(DiagnosticConsumer *Target,
                            std::unique_ptr<DiagnosticConsumer> Owned)
      : Target(Target), Owned(std::move(Owned)) {}

  void BeginSourceFile(const LangOptions &LO, const Preprocessor *PP) override {
    Target->BeginSourceFile(LO, PP);
    syncCounts();
  }
  void EndSourceFile() override {
    Target->EndSourceFile();
    syncCounts();
  }
  void finish() override {
    Target->finish();
    syncCounts();
  }
  void clear() override {
    Target->clear();
    syncCounts();
  }
  bool IncludeInDiagnosticCounts() const override {
    return Target->IncludeInDiagnosticCounts();
  }

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    if (AttributeRecorder *R = currentRecorder(); R && isOurs(Info)) {
      R->misplaced(Info.getLocation());
      return;
    }
    Target->HandleDiagnostic(Level, Info);
    syncCounts();
  }

private:
  static bool isOurs(const Diagnostic &Info) {
    if (Info.getID() != diag::err_attribute_not_type_attr ||
        !Info.hasSourceManager() || Info.getLocation().isInvalid() ||
        Info.getNumArgs() < 1 ||
        Info.getArgKind(0) != DiagnosticsEngine::ak_identifierinfo)
      return false;
    const IdentifierInfo *Attr = Info.getArgIdentifier(0);
    if (!Attr || Attr->getName() != Name)
      return false;
    // The attribute's range starts at its namespace, if it has one.
    StringRef First = identifierAt(Info.getLocation(), Info.getSourceManager(),
                                   LangOptions());
    return First == Namespace || First == Name;
  }

  /// The host reads the counts of the engine's client (the compile fails,
  /// "N errors generated"): they are the target's, so that a client that
  /// counts its own way (-verify counts mismatches) keeps doing so.
  void syncCounts() {
    NumErrors = Target->getNumErrors();
    NumWarnings = Target->getNumWarnings();
  }

  DiagnosticConsumer *Target;
  std::unique_ptr<DiagnosticConsumer> Owned;
};

/// True for a name a short edit away from "bumper" (bumpr, bumber, bumepr,
/// Bumper, BUMPER, __bumper__), but not "bumper" itself: one edit, or two
/// that keep the first letter (so that "number" is not one).
bool looksLikeNamespace(StringRef S) {
  if (S == Namespace)
    return false;
  std::string Lower = S.lower();
  StringRef Bare = StringRef(Lower).trim('_');
  if (Bare.size() < 4)
    return false;
  unsigned Distance = Bare.edit_distance(Namespace, /*AllowReplacements=*/true,
                                         /*MaxEditDistance=*/2);
  return Distance <= 1 || (Distance == 2 && Bare.front() == 'b');
}

/// Walks the raw tokens of one file.
class FileScanner {
public:
  FileScanner(FileID FID, const SourceManager &SM, const LangOptions &LO,
              llvm::ArrayRef<SourceRange> Skipped, FindingSink &Sink)
      : FID(FID), SM(SM), LO(LO), Skipped(Skipped), Sink(Sink) {}

  void run() {
    llvm::StringRef Buffer = SM.getBufferData(FID);
    Lexer L(SM.getLocForStartOfFile(FID), LO, Buffer.begin(), Buffer.begin(),
            Buffer.end());
    Token T;
    for (L.LexFromRawLexer(T); T.isNot(tok::eof); L.LexFromRawLexer(T))
      Tokens.push_back(T);
    for (size_t I = 0; I + 1 < Tokens.size(); ++I)
      if (Tokens[I].is(tok::l_square) && Tokens[I + 1].is(tok::l_square))
        I = specifier(I + 2);
  }

private:
  bool is(size_t I, tok::TokenKind K) const {
    return I < Tokens.size() && Tokens[I].is(K);
  }
  StringRef identifier(size_t I) const {
    return is(I, tok::raw_identifier) ? Tokens[I].getRawIdentifier() : "";
  }
  /// "::", which C before C23 lexes as two ':'. Returns the tokens it takes.
  unsigned scopeSeparator(size_t I) const {
    if (is(I, tok::coloncolon))
      return 1;
    return is(I, tok::colon) && is(I + 1, tok::colon) ? 2 : 0;
  }

  /// Checks the attribute-list that starts at token \p I, after "[[";
  /// returns the index of the last token looked at.
  size_t specifier(size_t I) {
    // [[using ns: a, b]]
    size_t UsingNs = 0;
    if (identifier(I) == "using" && !identifier(I + 1).empty() &&
        is(I + 2, tok::colon) && !is(I + 3, tok::colon)) {
      UsingNs = I + 1;
      I += 3;
    }
    while (I < Tokens.size()) {
      if (is(I, tok::r_square))
        return I;
      size_t Ns = UsingNs, Attr = I;
      if (identifier(I).empty())
        return I; // Not an attribute-list after all.
      if (unsigned Sep = scopeSeparator(I + 1)) {
        Ns = I;
        Attr = I + 1 + Sep;
        if (identifier(Attr).empty())
          return Attr;
      }
      check(Ns, Attr);
      I = Attr + 1;
      if (is(I, tok::l_paren)) {
        // The arguments: skip to the balancing ')'.
        for (unsigned Depth = 0; I < Tokens.size(); ++I) {
          if (is(I, tok::l_paren))
            ++Depth;
          else if (is(I, tok::r_paren) && --Depth == 0)
            break;
        }
        ++I;
      }
      if (is(I, tok::ellipsis))
        ++I;
      if (!is(I, tok::comma))
        return I;
      ++I;
    }
    return I;
  }

  /// One attribute: its namespace's token \p Ns (0: none) and its name's.
  void check(size_t Ns, size_t Attr) {
    if (!Ns)
      return;
    StringRef NsName = identifier(Ns), AttrName = identifier(Attr);
    bool WrongNs = looksLikeNamespace(NsName);
    if (NsName != Namespace && !WrongNs)
      return;
    if (!WrongNs && AttrName == Name)
      return;
    SourceLocation Loc = Tokens[Ns].getLocation();
    if (isSkipped(Loc))
      return;
    std::string Written = (NsName + "::" + AttrName).str();
    Finding F{Check::InvalidAnnotation,
              Loc,
              "unknown attribute '" + Written +
                  "'; did you mean 'bumper::no_escape'? (the compiler "
                  "ignores it: nothing is guarded or checked)",
              {},
              {}};
    if (WrongNs)
      F.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Loc), Namespace));
    if (AttrName != Name)
      F.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Tokens[Attr].getLocation()), Name));
    Sink.report(std::move(F));
  }

  bool isSkipped(SourceLocation Loc) const {
    unsigned Offset = SM.getFileOffset(Loc);
    for (SourceRange R : Skipped) {
      auto [BF, B] = SM.getDecomposedLoc(R.getBegin());
      auto [EF, E] = SM.getDecomposedLoc(R.getEnd());
      if (BF == FID && EF == FID && B <= Offset && Offset <= E)
        return true;
    }
    return false;
  }

  FileID FID;
  const SourceManager &SM;
  const LangOptions &LO;
  llvm::ArrayRef<SourceRange> Skipped;
  FindingSink &Sink;
  std::vector<Token> Tokens;
};

} // namespace

void watchAttributes(Preprocessor &PP, AttributeRecorder &R) {
  PP.addPPCallbacks(std::make_unique<SkippedRegions>(R));
  DiagnosticsEngine &Diags = PP.getDiagnostics();
  DiagnosticConsumer *Target = Diags.getClient();
  if (!Target)
    return;
  std::unique_ptr<DiagnosticConsumer> Owned = Diags.takeClient();
  Diags.setClient(new AttributeDiagnosticFilter(Target, std::move(Owned)),
                  /*ShouldOwnClient=*/true);
}

bool hasCompilerErrors(const DiagnosticsEngine &Diags,
                       const AttributeRecorder &R) {
  // A client that keeps its errors out of the counts leaves nothing to
  // compare with: then every error counts.
  unsigned Errors = Diags.getNumErrors();
  return Diags.hasErrorOccurred() &&
         (Errors == 0 || Errors > R.misplacedUses().size());
}

void checkAttributeSpellings(const SourceManager &SM, const LangOptions &LO,
                             const AttributeRecorder &R, FindingSink &Sink) {
  llvm::DenseSet<const SrcMgr::ContentCache *> Seen;
  for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
    const SrcMgr::SLocEntry &E = SM.getLocalSLocEntry(I);
    if (!E.isFile())
      continue;
    const SrcMgr::FileInfo &File = E.getFile();
    if (SrcMgr::isSystem(File.getFileCharacteristic()))
      continue;
    const SrcMgr::ContentCache &C = File.getContentCache();
    if (!C.OrigEntry || !C.getBufferDataIfLoaded() || !Seen.insert(&C).second)
      continue;
    FileID FID = SM.translateFile(*C.OrigEntry);
    if (FID.isInvalid())
      continue;
    FileScanner(FID, SM, LO, R.skippedRanges(), Sink).run();
  }
}

} // namespace bumper
