//===- Sarif.cpp - SARIF 2.1.0 output of bumper-tool ----------------------===//
//
// Written with llvm::json::OStream, one object at a time, so a run with
// thousands of results is not built in memory twice. What GitHub code
// scanning needs of an upload (docs/ci.md): ruleId, message.text, a
// physicalLocation with a relative artifactLocation.uri and region.startLine,
// and partialFingerprints to follow an alert across commits.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/Sarif.h"
#include "bumper-tool/CheckRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <cstdio>

namespace bumper {

namespace {

/// SARIF's "uri" format wants RFC 3986: keep unreserved characters and '/',
/// percent-encode the rest.
std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Out += C;
      continue;
    }
    char Buf[4];
    std::snprintf(Buf, sizeof(Buf), "%%%02X", C);
    Out += Buf;
  }
  return Out;
}

class Writer {
public:
  Writer(llvm::raw_ostream &OS, const SarifOptions &Opts)
      : J(OS, 2), Opts(Opts) {
    Root = Opts.SourceRoot;
    if (!Root.empty() && !llvm::sys::path::is_separator(Root.back()))
      Root += '/';
  }

  void write(llvm::ArrayRef<ReportedFinding> Findings) {
    J.object([&] {
      J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      J.attribute("version", "2.1.0");
      J.attributeArray("runs", [&] { J.object([&] { run(Findings); }); });
    });
    J.flush();
  }

private:
  void run(llvm::ArrayRef<ReportedFinding> Findings) {
    J.attributeObject("tool", [&] {
      J.attributeObject("driver", [&] {
        J.attribute("name", "bumper-tool");
        J.attribute("fullName", "bumper-tool (Bumper for C and C++)");
        J.attribute("version", Opts.Version);
        J.attribute("semanticVersion", Opts.Version);
        J.attributeArray("rules", [&] {
          for (const CheckInfo &R : allChecks())
            rule(R);
        });
      });
    });
    if (!Root.empty())
      J.attributeObject("originalUriBaseIds", [&] {
        J.attributeObject("SRCROOT", [&] {
          J.attribute("uri", fileUri(Root));
          J.attributeObject("description", [&] {
            J.attribute("text", "The --source-root of the run.");
          });
        });
      });
    J.attribute("columnKind", "utf16CodeUnits");
    J.attributeArray("results", [&] {
      for (const ReportedFinding &F : Findings)
        result(F);
    });
  }

  void rule(const CheckInfo &R) {
    J.object([&] {
      J.attribute("id", R.Name);
      J.attribute("name", R.SarifName);
      J.attributeObject("shortDescription",
                        [&] { J.attribute("text", R.Summary); });
      J.attributeObject("fullDescription",
                        [&] { J.attribute("text", R.Description); });
      // The help travels with the log: the user's repository has no copy of
      // our docs to point at.
      J.attributeObject("help", [&] {
        J.attribute("text", R.Help);
        J.attribute("markdown", R.Help);
      });
      J.attributeObject("defaultConfiguration",
                        [&] { J.attribute("level", severityName(R.Level)); });
      J.attributeObject("properties", [&] {
        J.attributeArray("tags", [&] {
          J.value("correctness");
          J.value("memory");
        });
      });
    });
  }

  static int ruleIndex(llvm::StringRef Id) {
    if (std::optional<Check> C = parseCheckName(Id); C && Id == checkName(*C))
      return static_cast<int>(*C);
    return -1;
  }

  /// artifactLocation: relative to SRCROOT when under --source-root.
  void artifact(llvm::StringRef File) {
    J.attributeObject("artifactLocation", [&] {
      if (!Root.empty() && File.starts_with(Root)) {
        J.attribute("uri", percentEncode(File.drop_front(Root.size())));
        J.attribute("uriBaseId", "SRCROOT");
      } else {
        J.attribute("uri", fileUri(File));
      }
    });
  }

  void region(const ReportLocation &Begin, const ReportLocation *End) {
    J.attributeObject("region", [&] {
      J.attribute("startLine", Begin.Line);
      J.attribute("startColumn", Begin.ColumnUTF16);
      if (End) {
        J.attribute("endLine", End->Line);
        J.attribute("endColumn", End->ColumnUTF16);
      }
    });
  }

  void physical(const ReportLocation &L) {
    J.attributeObject("physicalLocation", [&] {
      artifact(L.File);
      if (L.Line)
        region(L, nullptr);
    });
  }

  /// A hash of the check, the file (as written in the log) and the trimmed
  /// text of the line: it survives edits that move the line, and a counter
  /// tells apart identical lines of one file.
  std::string fingerprint(const ReportedFinding &F) {
    std::string File = F.Loc.File;
    if (!Root.empty() && llvm::StringRef(File).starts_with(Root))
      File = File.substr(Root.size());
    std::string Key = F.Check + "\n" + File + "\n" +
                      llvm::StringRef(F.Loc.LineText).trim().str();
    uint64_t H = llvm::xxh3_64bits(llvm::StringRef(Key));
    char Buf[17];
    std::snprintf(Buf, sizeof(Buf), "%016llx", (unsigned long long)H);
    unsigned N = ++Seen[Buf];
    return std::string(Buf) + ":" + std::to_string(N);
  }

  void result(const ReportedFinding &F) {
    J.object([&] {
      J.attribute("ruleId", F.Check);
      int Index = ruleIndex(F.Check);
      if (Index >= 0)
        J.attribute("ruleIndex", Index);
      J.attribute("level", F.Level);
      J.attributeObject("message", [&] { J.attribute("text", F.Message); });
      if (!F.Loc.File.empty()) {
        J.attributeArray("locations",
                         [&] { J.object([&] { physical(F.Loc); }); });
        J.attributeObject("partialFingerprints", [&] {
          J.attribute("bumperLineHash/v1", fingerprint(F));
        });
      }
      if (!F.Notes.empty())
        J.attributeArray("relatedLocations", [&] {
          unsigned Id = 0;
          for (const ReportedNote &N : F.Notes)
            J.object([&] {
              J.attribute("id", Id++);
              if (!N.Loc.File.empty())
                physical(N.Loc);
              J.attributeObject("message",
                                [&] { J.attribute("text", N.Message); });
            });
        });
      if (!F.Edits.empty())
        J.attributeArray("fixes", [&] { fix(F); });
    });
  }

  /// One fix with every edit of the finding, grouped by file.
  void fix(const ReportedFinding &F) {
    std::vector<std::string> Files;
    for (const ReportedEdit &E : F.Edits)
      if (llvm::find(Files, E.File) == Files.end())
        Files.push_back(E.File);
    J.object([&] {
      J.attributeObject("description", [&] {
        J.attribute("text", F.Check == "bumper-missing-guard"
                                ? "Insert the bumper::NoEscape guard"
                                : "Apply the suggested change");
      });
      J.attributeArray("artifactChanges", [&] {
        for (const std::string &File : Files)
          J.object([&] {
            artifact(File);
            J.attributeArray("replacements", [&] {
              for (const ReportedEdit &E : F.Edits) {
                if (E.File != File)
                  continue;
                J.object([&] {
                  J.attributeObject("deletedRegion", [&] {
                    J.attribute("startLine", E.Begin.Line);
                    J.attribute("startColumn", E.Begin.ColumnUTF16);
                    J.attribute("endLine", E.End.Line);
                    J.attribute("endColumn", E.End.ColumnUTF16);
                    J.attribute("byteOffset", E.Offset);
                    J.attribute("byteLength", E.Length);
                  });
                  J.attributeObject("insertedContent",
                                    [&] { J.attribute("text", E.Text); });
                });
              }
            });
          });
      });
    });
  }

  llvm::json::OStream J;
  const SarifOptions &Opts;
  std::string Root;
  llvm::StringMap<unsigned> Seen;
};

} // namespace

std::string fileUri(llvm::StringRef AbsolutePath) {
  return "file://" + percentEncode(AbsolutePath);
}

void writeSarif(llvm::raw_ostream &OS, llvm::ArrayRef<ReportedFinding> Findings,
                const SarifOptions &Opts) {
  Writer(OS, Opts).write(Findings);
  OS << "\n";
}

} // namespace bumper
