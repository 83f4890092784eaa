"""encodings.py DIR: writes sources that are not plain UTF-8 into DIR, with
what --fix must make of them (NAME.expected):
- latin1.cpp: Latin-1 bytes (invalid UTF-8) in a comment, in a string
  literal and in a character literal. Clang accepts them; the fix must keep
  every byte.
- bom.cpp: a UTF-8 byte order mark, and UTF-8 in a comment.
- ident.cpp: a Latin-1 byte in an identifier, which Clang rejects."""
import os
import sys

d = sys.argv[1]
block = (b"void use(const char *, char);\n"
         b"void f() {\n"
         b"  // caf\xe9 cr\xe8me br\xfbl\xe9e: Latin-1, not UTF-8\n"
         b"  [[bumper::no_escape]] {\n"
         b"%s"
         b"    use(\"\xff\xfe r\xe9sum\xe9\", '\xe9');\n"
         b"    (void)bumper::alloc<int>(1); /* \xc3\x28 \x80 */\n"
         b"  }\n"
         b"}\n")
head = b'#include "bumper-stub.hpp"\n'
guard = b"    bumper::NoEscape bumper_guard_;\n"


def write(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


write("latin1.cpp", head + block % b"")
write("latin1.expected", head + block % guard)
bom = b"\xef\xbb\xbf" + head + b"// \xe2\x9c\x93 UTF-8 after a byte order mark\n"
write("bom.cpp", bom + block % b"")
write("bom.expected", bom + block % guard)
write("ident.cpp", head + b"int caf\xe9 = 1;\n" + block % b"")
