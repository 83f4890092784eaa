"""give_away.py FILE: gives FILE an owner and group other than the ones a
file created now would get, as far as this user may: as root, uid 12345 and
gid 23456; otherwise a supplementary group of the user, if there is one
(without one, nothing changes and the test checks that the owner stays).
Prints what it did."""
import os
import sys

path = sys.argv[1]
if os.geteuid() == 0:
    os.chown(path, 12345, 23456)
    print("owner and group changed")
else:
    others = [g for g in os.getgroups() if g != os.getegid()]
    if others:
        os.chown(path, -1, others[0])
        print("group changed")
    else:
        print("unchanged: no other group")
