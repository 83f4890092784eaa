# lit configuration for bumper-tool's tests. Paths come from lit.site.cfg.py,
# which CMake writes into the build tree.
import os
import lit.formats

config.name = "bumper-tool"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".test"]
# unit/ holds GoogleTest sources (ctest runs them) and faults/ the fault
# injection of bumper-tool-faults: C++ files, but not lit tests.
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py",
                   "unit", "faults"]
config.test_source_root = os.path.join(config.bumper_source_dir, "test", "tool")
config.test_exec_root = os.path.join(config.bumper_binary_dir, "test", "tool")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])

# "REQUIRES: sanitized" / "UNSUPPORTED: sanitized": the tool under test is
# the ASan+UBSan build (scripts/test.sh, phase sanitize).
if getattr(config, "bumper_sanitize", ""):
    config.available_features.add("sanitized")

# "%bumper-tool-faults": bumper-tool with the test-only fault injection
# (BUMPER_TOOL_TEST_FAIL, BUMPER_TOOL_TEST_HOOK_BEFORE_RENAME); the tests that
# use it say "REQUIRES: fault-injection", so that a build that made only
# bumper-tool reports them UNSUPPORTED. Listed before %bumper-tool, which is
# a prefix of it.
if os.path.exists(config.bumper_tool_faults):
    config.available_features.add("fault-injection")
config.substitutions.append(("%bumper-tool-faults", config.bumper_tool_faults))
config.substitutions.append(("%bumper-tool", config.bumper_tool))
# The compiler plugin, and the Clang it is built for (its ABI must match):
# the plugin's tests, and those that compare the front ends.
config.substitutions.append(
    ("%bumper-plugin",
     os.path.join(config.bumper_binary_dir, "lib", "libBumperPlugin.so")))
config.substitutions.append(("%clangxx", os.path.join(config.llvm_tools_dir, "clang++")))
# "%if plugin %{ ... %}": the plugin is built in this build folder (not in
# scripts/test.sh's sanitized build, whose phase leaves the plugin to phase 1).
if os.path.exists(os.path.join(config.bumper_binary_dir, "lib", "libBumperPlugin.so")):
    config.available_features.add("plugin")
config.substitutions.append(("%bumper-include", config.bumper_include_dir))
config.substitutions.append(("%bumper-lib", config.bumper_runtime_lib))
config.substitutions.append(("%bumper-src", config.bumper_source_dir))
config.substitutions.append(("%cxx", config.cxx_compiler))
config.substitutions.append(("%python", config.python_executable))
# "%validate-sarif log...": validates SARIF logs with ajv-cli, which
# test/tool/sarif/validate.py installs into <build>/npm once.
config.substitutions.append(
    ("%validate-sarif", config.python_executable + " " +
     os.path.join(config.test_source_root, "sarif", "validate.py") + " " +
     os.path.join(config.bumper_binary_dir, "npm")))
# The flags every test's translation unit is compiled with.
config.substitutions.append(
    ("%bumper-cxxflags", "-std=c++20 -I" + config.bumper_include_dir))
# "%expect-exit N cmd ...": cmd must exit with status exactly N.
config.substitutions.append(
    ("%expect-exit", config.python_executable + " " +
     os.path.join(config.test_source_root, "Inputs", "expect_exit.py")))
# Most tests parse against a small stand-in of <bumper/bumper.hpp>.
config.substitutions.append(
    ("%stub-flags", "-std=c++20 -I" + os.path.join(config.test_source_root, "Inputs")))

# Tests that need file modes to stop the tool (an unreadable file, a
# read-only folder). File modes do not stop root, so when the tests run as
# root, "%as-user cmd" runs cmd as nobody (uid 65534) and "%user-owns f..."
# gives files to nobody. Nobody may not be able to enter the checkout (a
# 0700 home folder, a mktemp -d): such a test keeps its files under %user-t,
# a folder per test in a fresh /tmp/bumper-lit-nobody.* folder of mode 755
# (removed when lit exits), and runs %user-tool, a copy of bumper-tool there,
# with %user-stub-flags (a copy of the stub header there), from %user-t (cd
# %user-t first: the tool cannot start in a folder it cannot enter). Not as
# root, they are %t.user, the tool and %stub-flags, and %as-user runs cmd as
# it is. (lit substitutes in list order: %user-tool must come before %user-t,
# which is a prefix of it.)
# Features: "modes-enforced" (file modes stop the tool's user) and
# "can-drop-root" (as root, and nobody can run the copied tool on the copied
# files). As root without them, the tests are UNSUPPORTED and lit says why.
import atexit
import shutil
import subprocess
import tempfile

root = os.geteuid() == 0
if root:
    config.available_features.add("root")
stub_header = os.path.join(config.test_source_root, "Inputs", "bumper-stub.hpp")


def user_setup():
    """As root: the folder nobody can reach, its copies, and the command
    that drops to nobody; or None and the reason it cannot be had."""
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None, "no setpriv (util-linux) to run the tool as nobody"
    drop = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    try:
        top = tempfile.mkdtemp(prefix="bumper-lit-nobody.", dir="/tmp")
    except OSError as e:
        return None, "cannot make a folder in /tmp: %s" % e
    atexit.register(shutil.rmtree, top, ignore_errors=True)
    os.chmod(top, 0o755)
    for sub in ["bin", "include", "t"]:
        os.mkdir(os.path.join(top, sub))
        os.chmod(os.path.join(top, sub), 0o755)
    tool = os.path.join(top, "bin", "bumper-tool")
    shutil.copy(config.bumper_tool, tool)
    os.chmod(tool, 0o755)
    header = os.path.join(top, "include", "bumper-stub.hpp")
    shutil.copy(stub_header, header)
    os.chmod(header, 0o644)
    # Nobody must be able to run the copy on a file there, from there (the
    # tool needs to enter its working folder: the tests cd to %user-t).
    probe = subprocess.run(drop + [tool, header, "--", "-std=c++20", "-fsyntax-only"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=top)
    if probe.returncode != 0:
        return None, ("uid 65534 cannot run the tool copied to %s: %s"
                      % (top, probe.stdout.decode(errors="replace").strip()))
    return (top, tool, " ".join(drop)), None


if not root:
    config.available_features.add("modes-enforced")
    config.substitutions.append(("%as-user", ""))
    config.substitutions.append(("%user-owns", "true"))
    config.substitutions.append(("%user-tool", config.bumper_tool))
    config.substitutions.append(("%user-stub-flags", "-std=c++20 -I" + os.path.dirname(stub_header)))
    config.substitutions.append(("%user-t", "%t.user"))
else:
    setup, why = user_setup()
    if setup:
        top, tool, drop = setup
        config.available_features.add("modes-enforced")
        config.available_features.add("can-drop-root")
        config.substitutions.append(("%as-user", drop))
        config.substitutions.append(("%user-owns", "chown 65534:65534"))
        config.substitutions.append(("%user-tool", tool))
        config.substitutions.append(("%user-stub-flags", "-std=c++20 -I" + os.path.join(top, "include")))
        # One folder per test, named after the test's file (lit expands
        # %basename_t after this): the names must differ, checked below.
        config.substitutions.append(("%user-t", os.path.join(top, "t", "%basename_t")))
    else:
        lit_config.note("the tests that run the tool as nobody (REQUIRES: "
                        "modes-enforced or can-drop-root) are UNSUPPORTED: " + why)

# %user-t is named after the test's file alone: two tests of that name in
# different folders would share it.
user_t_tests = {}
for folder, _, names in os.walk(config.test_source_root):
    for name in names:
        if os.path.splitext(name)[1] not in config.suffixes:
            continue
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8", errors="replace") as f:
            if "%user-t" not in f.read():
                continue
        other = user_t_tests.setdefault(name, path)
        if other != path:
            lit_config.fatal("%%user-t: %s and %s have the same file name; rename one"
                             % (other, path))

# The SARIF test installs its validator with npm: lit starts tests with a
# clean environment, so pass on what the machine needs to reach the registry
# (a custom CA, proxies, the registry itself).
for var in ["HOME", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "HTTP_PROXY",
            "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
            "npm_config_registry", "NPM_CONFIG_REGISTRY"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]
