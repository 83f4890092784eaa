"""gen_nested.py DEPTH OUT: writes a function whose body nests DEPTH
annotated blocks, each allocating, none guarded; each '{' line is indented
by its depth (mod 40). --fix must give each block its own guard name."""
import sys

depth = int(sys.argv[1])
with open(sys.argv[2], "w") as out:
    out.write('#include "bumper-stub.hpp"\nvoid use(int *);\nvoid f() {\n')
    for i in range(depth):
        pad = " " * (2 + i % 40)
        out.write("%s[[bumper::no_escape]] {\n%s  use(bumper::alloc<int>(%d));\n"
                  % (pad, pad, i))
    for i in reversed(range(depth)):
        out.write(" " * (2 + i % 40) + "}\n")
    out.write("}\n")
