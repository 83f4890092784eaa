"""A C++ toolchain for Debian's clang 19 that loads Bumper's plugin.

The plugin is passed as an execution-root-relative path
(external/bumper/lib/bumper/libBumperPlugin.so): clang can load it only when
it is among the action's inputs, that is, in the cc_toolchain's
compiler_files. Nothing here downloads anything.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load(
    "@bazel_tools//tools/cpp:cc_toolchain_config_lib.bzl",
    "feature",
    "flag_group",
    "flag_set",
    "tool_path",
)

_CXX_COMPILE = [
    ACTION_NAMES.cpp_compile,
    ACTION_NAMES.cpp_header_parsing,
    ACTION_NAMES.cpp_module_compile,
]

def _impl(ctx):
    llvm = "/usr/lib/llvm-19/bin/"
    tool_paths = [
        tool_path(name = "gcc", path = llvm + "clang++"),
        tool_path(name = "cpp", path = llvm + "clang-cpp"),
        tool_path(name = "ld", path = "/usr/bin/ld"),
        tool_path(name = "ar", path = "/usr/bin/ar"),
        tool_path(name = "nm", path = "/usr/bin/nm"),
        tool_path(name = "objcopy", path = "/usr/bin/objcopy"),
        tool_path(name = "objdump", path = "/usr/bin/objdump"),
        tool_path(name = "strip", path = "/usr/bin/strip"),
        tool_path(name = "gcov", path = "/bin/false"),
        tool_path(name = "dwp", path = "/bin/false"),
    ]
    features = [
        # Bumper's checks on every C++ compile.
        feature(
            name = "bumper_plugin",
            enabled = True,
            flag_sets = [flag_set(
                actions = _CXX_COMPILE,
                flag_groups = [flag_group(
                    flags = ["-fplugin=" + ctx.file.plugin.path],
                )],
            )],
        ),
    ]
    return cc_common.create_cc_toolchain_config_info(
        ctx = ctx,
        toolchain_identifier = "clang19",
        host_system_name = "local",
        target_system_name = "local",
        target_cpu = "k8",
        target_libc = "unknown",
        compiler = "clang",
        abi_version = "unknown",
        abi_libc_version = "unknown",
        tool_paths = tool_paths,
        features = features,
        # Debian 12's system headers, as `clang++-19 -E -v -x c++ -` lists them.
        cxx_builtin_include_directories = [
            "/usr/lib/gcc/x86_64-linux-gnu/12",
            "/usr/include/c++/12",
            "/usr/include/x86_64-linux-gnu/c++/12",
            "/usr/lib/llvm-19/lib/clang/19/include",
            "/usr/local/include",
            "/usr/include/x86_64-linux-gnu",
            "/usr/include",
        ],
    )

cc_toolchain_config = rule(
    implementation = _impl,
    attrs = {
        # Only its path is used: the file reaches the compile actions
        # through the cc_toolchain's compiler_files, or not at all.
        "plugin": attr.label(allow_single_file = [".so"], mandatory = True),
    },
    provides = [CcToolchainConfigInfo],
)
