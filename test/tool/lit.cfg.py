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

# The SARIF test installs its validator with npm: lit starts tests with a
# clean environment, so pass on what the machine needs to reach the registry
# (a custom CA, proxies, the registry itself).
for var in ["HOME", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "HTTP_PROXY",
            "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
            "npm_config_registry", "NPM_CONFIG_REGISTRY"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]
