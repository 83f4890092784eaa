//===- IncludeScan.cpp - Which translation units include a header ---------===//

#include "bumper-tool/IncludeScan.h"
#include "bumper-tool/Paths.h"
#include "bumper-tool/SourceSelection.h"
#include "clang/Tooling/DependencyScanning/DependencyScanningService.h"
#include "clang/Tooling/DependencyScanning/DependencyScanningTool.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include <mutex>

namespace deps = clang::tooling::dependencies;

namespace bumper {

bool hasSourceExtension(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  return llvm::is_contained(
      {".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".m", ".mm", ".cu"}, Ext);
}

namespace {

/// The command as the check runs it: adjusted, with --extra-arg and
/// Clang's resource folder.
std::vector<std::string> scanCommand(const clang::tooling::CompileCommand &C,
                                     const IncludeScanOptions &Opts) {
  std::vector<std::string> Args =
      adjustCompileCommand(C.CommandLine, Opts.CompileFlags);
  if (Args.empty())
    return Args;
  std::vector<std::string> Front{"-resource-dir=" BUMPER_CLANG_RESOURCE_DIR};
  llvm::append_range(Front, Opts.ExtraArgsBefore);
  Args.insert(Args.begin() + 1, Front.begin(), Front.end());
  llvm::append_range(Args, Opts.ExtraArgs);
  return Args;
}

/// \p Path, relative to the command's folder \p Dir, made absolute.
std::string inFolder(llvm::StringRef Dir, llvm::StringRef Path) {
  if (llvm::sys::path::is_absolute(Path) || Dir.empty())
    return absolutePath(Path);
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Path);
  return absolutePath(P);
}

} // namespace

llvm::StringMap<std::vector<std::string>>
findIncluders(const clang::tooling::CompilationDatabase &DB,
              llvm::ArrayRef<std::string> Headers,
              const IncludeScanOptions &Opts,
              llvm::function_ref<void(llvm::Error)> ReportError) {
  llvm::StringMap<std::vector<std::string>> Out;
  for (const std::string &H : Headers)
    Out.try_emplace(H);
  if (Headers.empty())
    return Out;
  std::vector<clang::tooling::CompileCommand> Commands =
      DB.getAllCompileCommands();
  // Each command's file -> whether it includes each header.
  std::vector<llvm::StringSet<>> Found(Commands.size());
  std::vector<std::string> Failures(Commands.size());
  // One service: the files' directives are scanned once for all commands.
  deps::DependencyScanningService Service(
      deps::ScanningMode::DependencyDirectivesScan,
      deps::ScanningOutputFormat::Full);
  auto ScanOne = [&](size_t I) {
    const clang::tooling::CompileCommand &C = Commands[I];
    deps::DependencyScanningTool Tool(Service);
    auto Deps = Tool.getTranslationUnitDependencies(
        scanCommand(C, Opts), C.Directory, {},
        [](const deps::ModuleID &, deps::ModuleOutputKind) {
          return std::string();
        });
    if (!Deps) {
      Failures[I] = llvm::toString(Deps.takeError());
      return;
    }
    for (const std::string &F : Deps->FileDeps) {
      std::string P = inFolder(C.Directory, F);
      if (Out.count(P))
        Found[I].insert(P);
    }
  };
  unsigned Jobs = std::max(1u, std::min<unsigned>(Opts.Jobs, Commands.size()));
  if (Jobs == 1) {
    for (size_t I = 0; I < Commands.size(); ++I)
      ScanOne(I);
  } else {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t I = 0; I < Commands.size(); ++I)
      Pool.async([&, I] { ScanOne(I); });
    Pool.wait();
  }

  llvm::StringMap<llvm::StringSet<>> Includers;
  for (size_t I = 0; I < Commands.size(); ++I) {
    std::string File = inFolder(Commands[I].Directory, Commands[I].Filename);
    if (!Failures[I].empty())
      ReportError(llvm::createStringError(
          "cannot find the headers '" + File +
          "' includes: " + llvm::StringRef(Failures[I]).trim() +
          "; a changed header it includes is not checked through it"));
    for (const auto &H : Found[I])
      Includers[H.getKey()].insert(File);
  }
  // In the database's order.
  for (const std::string &F : databaseSources(DB))
    for (auto &Entry : Out)
      if (Includers.lookup(Entry.getKey()).contains(F))
        Entry.getValue().push_back(F);
  return Out;
}

} // namespace bumper
