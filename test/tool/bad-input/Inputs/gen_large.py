"""gen_large.py MEGABYTES OUT: writes a C++ source of about MEGABYTES MB
(10^6 bytes) made of many small functions, each with one annotated block
that allocates, none guarded yet; every fourth block names a buffer and
every eighth function nests a second annotated block. Prints the number of
annotated blocks, which is the number of guards --fix must insert.
Deterministic: the same size gives the same file."""
import sys

size = int(float(sys.argv[1]) * 1000 * 1000)
out = open(sys.argv[2], "w", newline="\n")
out.write('#include "bumper-stub.hpp"\n'
          "void use(int);\n"
          "bumper::AllocBuffer scratch(1 << 20);\n\n")
written = 0
blocks = 0
i = 0
while written < size:
    buf = "(scratch)" if i % 4 == 3 else ""
    alloc_buf = "scratch, " if buf else ""
    inner = ""
    if i % 8 == 7:
        inner = ("    [[bumper::no_escape]] {\n"
                 "      int *t = bumper::alloc<int>(n);\n"
                 "      use(t[0]);\n"
                 "    }\n")
        blocks += 1
    text = ("// Function %d: a scratch array, used and dropped.\n"
            "int f%d(int n) {\n"
            "  int s = 0;\n"
            "  [[bumper::no_escape%s]] {\n"
            "    int *p = bumper::alloc<int>(%sn + %d);\n"
            "    for (int k = 0; k < n; ++k)\n"
            "      p[k] = k * %d;\n"
            "%s"
            "    s = p[0];\n"
            "  }\n"
            "  return s;\n"
            "}\n\n") % (i, i, buf, alloc_buf, i % 97, i % 13, inner)
    out.write(text)
    written += len(text)
    blocks += 1
    i += 1
out.close()
print("%d functions, %d annotated blocks" % (i, blocks))
