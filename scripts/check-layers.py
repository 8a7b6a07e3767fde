#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""check-layers: no #include may point up the layers.

usage: check-layers.py [--root DIR]

The rooms, bottom up: arch/ (arch/x86/xen/ included), hypervisor/, pvops/.
A room calls down through what the rooms below offer (arch hooks, the
pvops backend interface) and is called back through what it registered;
it never includes what a room above implements. So:

  arch/        includes nothing of hypervisor/ or pvops/
  hypervisor/  includes nothing of pvops/ but the backend interface

A header belongs to the room under whose directory it is, and a few
public headers to the room that implements them (OWNERS); the rest
(include/pvpatch/, alternatives/, guest/, ...) to no room this check
knows. Every include
line is resolved as the compiler would: "x" next to the including file,
then the -I$(srctree)/... directories of the Makefile (so a new -I cannot
open a way round this); every match counts, since the guest and the
hosted build search different ones.
Headers of no room (include/pvpatch/...) are followed, since they could
carry an upward include; headers of a room whose own rule forbids as much
(the including file's own room, arch/ for hypervisor/) are checked on
their own, so each upward include is named once, where it is written.
#if does not matter: every include line counts.

Prints one line per upward include (file:line, what, and through which
headers) under each rule, then "N passed, N failed, 0 skipped" over the
rules. Exit status 1 if any include points up.
"""

import argparse
import os
import re
import sys

# Public headers that are one room's own: what it implements for the
# rooms above it. pvops_calls.h (the ops and their callers) belongs to
# no room: any code may call an op.
OWNERS = {
    "include/pvpatch/hypervisor.h": "hypervisor/",
    "include/pvpatch/pvops.h": "pvops/",
    "include/pvpatch/pvops_backend.h": "pvops/ backend interface",
}
ROOM_DIRS = ("arch/", "hypervisor/", "pvops/")

# (room of the including file, rooms it must not reach, why)
RULES = (
    ("arch/", ("hypervisor/",),
     "arch/ includes nothing of hypervisor/"),
    ("arch/", ("pvops/", "pvops/ backend interface"),
     "arch/ includes nothing of pvops/"),
    ("hypervisor/", ("pvops/",),
     "hypervisor/ includes nothing of pvops/ but the backend interface"),
)

# What each room's own rules forbid: a header of a room that forbids
# at least as much is checked on its own, not followed.
FORBIDS = {}
for _room, _forbidden, _ in RULES:
    FORBIDS.setdefault(_room, set()).update(_forbidden)

SOURCE_SUFFIXES = (".c", ".h", ".S")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
SEARCH_DIR_RE = re.compile(r"-I\$\(srctree\)/([^\s\\]+)")


def room_of(rel):
    """The room a tree-relative path belongs to, or None."""
    if rel in OWNERS:
        return OWNERS[rel]
    for d in ROOM_DIRS:
        if rel.startswith(d):
            return d
    return None


def follows(room, forbidden):
    """Whether a header of room may carry an include the rule forbids
    that no other rule reports where it is written."""
    return not set(forbidden) <= FORBIDS.get(room, set())


def search_dirs(root):
    """The -I$(srctree)/... directories of the Makefile; one that names
    $(SRCARCH) stands for each arch/ directory's."""
    with open(os.path.join(root, "Makefile")) as f:
        found = SEARCH_DIR_RE.findall(f.read())
    arch_dir = os.path.join(root, "arch")
    arches = sorted(os.listdir(arch_dir)) if os.path.isdir(arch_dir) else []
    dirs = []
    for d in found:
        dirs += [d.replace("$(SRCARCH)", a) for a in arches] if "$(SRCARCH)" in d else [d]
    return list(dict.fromkeys(d.rstrip("/") for d in dirs))


class Tree:
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.dirs = search_dirs(self.root)
        self.cache = {}

    def rel(self, path):
        return os.path.relpath(path, self.root)

    def includes(self, rel):
        """[(line number, spelling, [tree-relative targets])] of a file."""
        if rel in self.cache:
            return self.cache[rel]
        out = []
        here = os.path.dirname(os.path.join(self.root, rel))
        with open(os.path.join(self.root, rel), errors="replace") as f:
            for n, line in enumerate(f, 1):
                m = INCLUDE_RE.match(line)
                if not m:
                    continue
                quote, name = m.groups()
                candidates = [os.path.join(here, name)] if quote == '"' else []
                candidates += [os.path.join(self.root, d, name) for d in self.dirs]
                targets = []
                for c in candidates:
                    c = os.path.realpath(c)
                    # Outside the tree (libc, Xen's public headers): no room.
                    if os.path.isfile(c) and c.startswith(self.root + os.sep):
                        targets.append(self.rel(c))
                spelled = '<%s>' % name if quote == "<" else '"%s"' % name
                out.append((n, spelled, list(dict.fromkeys(targets))))
        self.cache[rel] = out
        return out

    def reach(self, rel, forbidden, chain, seen):
        """(forbidden header, chain of headers) reachable from rel."""
        for _, _, targets in self.includes(rel):
            for t in targets:
                if t in seen:
                    continue
                seen.add(t)
                room = room_of(t)
                if room in forbidden:
                    yield t, chain
                elif follows(room, forbidden):
                    yield from self.reach(t, forbidden, chain + [t], seen)

    def violations(self, own_room, forbidden):
        """Lines 'file:line: ...' of the room's files that reach forbidden."""
        lines = []
        for rel in self.sources(own_room):
            for n, spelled, targets in self.includes(rel):
                for t in targets:
                    room = room_of(t)
                    if room in forbidden:
                        lines.append("%s:%d: #include %s is %s (%s)" % (rel, n, spelled, t, room))
                    elif follows(room, forbidden):
                        for hit, chain in self.reach(t, forbidden, [t], {t}):
                            lines.append("%s:%d: #include %s reaches %s (%s) through %s" % (
                                rel, n, spelled, hit, room_of(hit), " -> ".join(chain)))
        return lines

    def sources(self, room):
        top = os.path.join(self.root, room)
        for d, _, files in sorted(os.walk(top)):
            for name in sorted(files):
                if name.endswith(SOURCE_SUFFIXES):
                    yield self.rel(os.path.join(d, name))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Fail on an #include that points up the layers.")
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.realpath(__file__))),
                    help="source tree (default: this script's)")
    args = ap.parse_args(argv)
    try:
        tree = Tree(args.root)
    except OSError as e:
        print("check-layers: %s" % e, file=sys.stderr)
        return 2
    if not tree.dirs:
        print("check-layers: no -I$(srctree)/... in %s/Makefile" % tree.root, file=sys.stderr)
        return 2
    passed = failed = 0
    for own_room, forbidden, why in RULES:
        lines = tree.violations(own_room, forbidden)
        if lines:
            failed += 1
            print("not ok - %s: %d upward include%s" % (why, len(lines), "s" if len(lines) > 1 else ""))
            for line in lines:
                print("    " + line)
        else:
            passed += 1
            print("ok - %s" % why)
    print("%d passed, %d failed, 0 skipped" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
