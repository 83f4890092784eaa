"""gen_guarded_function.py BLOCKS OUT: writes a C source with one function
that holds BLOCKS annotated blocks, each guarded by hand (a checkpoint saved
first and restored before its '}'), except every tenth, which has no
restore. Prints the number of blocks without one: the warnings to expect.
Deterministic: the same count gives the same file."""
import sys

blocks = int(sys.argv[1])
out = open(sys.argv[2], "w", newline="\n")
out.write("#include <bumper/bumper.h>\n"
          "int use(int *p, int n);\n\n"
          "int one_long_function(int n) {\n"
          "  int total = 0;\n")
unrestored = 0
for i in range(blocks):
    restore = i % 10 != 9
    unrestored += not restore
    out.write("  [[bumper::no_escape]] {\n"
              "    bumper_checkpoint cp = "
              "bumper_checkpoint_save(bumper_default_buffer());\n"
              "    int *xs = bumper_alloc(bumper_default_buffer(), "
              "n * sizeof *xs, _Alignof(int));\n"
              "    if (n > %d)\n"
              "      total += use(xs, n);\n"
              "    for (int k = 0; k < n; ++k)\n"
              "      total += xs[k];\n" % i)
    if restore:
        out.write("    bumper_checkpoint_restore(bumper_default_buffer(), "
                  "cp);\n")
    out.write("  }\n")
out.write("  return total;\n}\n")
print("%d blocks, %d without a restore" % (blocks, unrestored))
