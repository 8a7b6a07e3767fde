# SPDX-License-Identifier: GPL-2.0
"""Read a .config (or a defconfig) more strictly than kconfiglib does.

kconfiglib warns about a value it cannot use and goes on with the
option's default, and of two options of one choice set to y it keeps the
last: a damaged .config then builds, silently, something nobody asked
for (the hosted library instead of the guest, 64 CPUs instead of "6a").
Here any such line is an error that names the file, the line and why.
"""
import re

import kconfiglib

_SET_RE = re.compile(r"^CONFIG_([A-Za-z0-9_]+)=(.*)$")
_UNSET_RE = re.compile(r"^# CONFIG_([A-Za-z0-9_]+) is not set$")
_STRING_RE = re.compile(r'^"(?:[^"\\]|\\.)*"$')
_TAKES = {
    kconfiglib.BOOL: "y or n",
    kconfiglib.TRISTATE: "y, m or n",
    # The value goes into C as written, and C reads 010 as octal 8.
    kconfiglib.INT: "a decimal number without leading zeros",
    kconfiglib.HEX: "a hex number",
    kconfiglib.STRING: "a string in double quotes",
}
_VALUE_RE = {
    kconfiglib.BOOL: re.compile(r"^[yn]$"),
    kconfiglib.TRISTATE: re.compile(r"^[ymn]$"),
    kconfiglib.INT: re.compile(r"^-?(0|[1-9][0-9]*)$"),
    kconfiglib.HEX: re.compile(r"^(0[xX])?[0-9a-fA-F]+$"),
    kconfiglib.STRING: _STRING_RE,
}


class ConfigError(Exception):
    """One line: where and what."""


class Assignment:
    def __init__(self, number, text, sym, value):
        self.number = number    # line number, from 1
        self.text = text        # the line as written
        self.sym = sym
        self.value = value      # as kconfiglib reports str_value


def _lines(path):
    """(number, text) of each line; a line that is not UTF-8 is an error."""
    with open(path, "rb") as f:
        data = f.read()
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ConfigError("%s:%d: not a text line (byte 0x%02x at column %d)"
                              % (path, number, raw[e.start], e.start + 1))
        yield number, text.rstrip()


def _where(path, number, text):
    shown = text if len(text) <= 60 else text[:57] + "..."
    return "%s:%d: %r" % (path, number, shown)


def _check_value(where, sym, value, unset):
    if unset and sym.type not in (kconfiglib.BOOL, kconfiglib.TRISTATE):
        raise ConfigError("%s: %s takes %s, so it cannot be 'not set'"
                          % (where, sym.name, _TAKES[sym.type]))
    pattern = _VALUE_RE.get(sym.type)
    if pattern is not None and not pattern.match(value):
        raise ConfigError("%s: %s takes %s, not %s"
                          % (where, sym.name, _TAKES[sym.type], value or "nothing"))


def _parse(kconf, path, strict):
    """The file's assignments, each checked against its option's type."""
    assignments = {}
    chosen = {}
    for number, text in _lines(path):
        where = _where(path, number, text)
        if not text.replace("\t", " ").isprintable():
            raise ConfigError("%s: control characters in a text file" % where)
        if not text or (text.startswith("#") and not _UNSET_RE.match(text)):
            continue
        m = _SET_RE.match(text) or _UNSET_RE.match(text)
        if not m:
            raise ConfigError("%s: not CONFIG_NAME=VALUE, '# CONFIG_NAME is not set' "
                              "or a comment" % where)
        name = m.group(1)
        value = m.group(2) if m.re is _SET_RE else "n"
        sym = kconf.syms.get(name)
        if sym is None or not sym.nodes:
            if strict:
                raise ConfigError("%s: no option %s in Kconfig (make olddefconfig "
                                  "drops removed ones)" % (where, name))
            continue
        _check_value(where, sym, value, unset=m.re is _UNSET_RE)
        if name in assignments:
            raise ConfigError("%s: %s is already set on line %d"
                              % (where, name, assignments[name].number))
        if sym.choice is not None and value == "y":
            other = chosen.get(sym.choice)
            if other is not None:
                raise ConfigError("%s: %s is already chosen on line %d, and only one "
                                  "option of '%s' can be y"
                                  % (where, other.sym.name, other.number, _prompt(sym.choice)))
            chosen[sym.choice] = Assignment(number, text, sym, value)
        if sym.type == kconfiglib.STRING:
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        assignments[name] = Assignment(number, text, sym, value)
    return assignments.values()


def _prompt(node_owner):
    return next((n.prompt[0] for n in node_owner.nodes if n.prompt), node_owner.name or "choice")


def _why_not_applied(a):
    sym = a.sym
    if not any(n.prompt for n in sym.nodes):
        return "%s has no prompt: its value is %s" % (sym.name, sym.str_value or "unset")
    if sym.visibility == 0 and sym.choice is None:
        return "it depends on %s, which is not met here" % kconfiglib.expr_str(sym.direct_dep)
    for low, high, cond in sym.ranges:
        if kconfiglib.expr_value(cond):
            return "the range is %s to %s" % (low.str_value, high.str_value)
    if sym.choice is not None:
        return "one option of '%s' must be y" % _prompt(sym.choice)
    return "the build would use %s" % (sym.str_value or "nothing")


def _normal(sym, value):
    """A value as kconfiglib's str_value spells it."""
    if sym.type == kconfiglib.INT:
        return str(int(value))
    if sym.type == kconfiglib.HEX:
        return hex(int(value, 16))
    return value


def load(kconf, path, strict):
    """Load path into kconf. strict (the build, a defconfig): every line must
    name an option and take effect as written. Not strict (olddefconfig,
    menuconfig, which exist to bring an old .config up to date): options
    no longer in Kconfig and values that do not apply are let go."""
    try:
        assignments = list(_parse(kconf, path, strict))
    except OSError as e:
        raise ConfigError("%s: %s" % (path, e.strerror))
    # Its warnings about these lines (some come only when a value is
    # first read) would repeat the errors here: one line says it.
    kconf.warn_to_stderr = False
    try:
        kconf.load_config(path)
        _check_effect(assignments, path, strict)
    finally:
        kconf.warn_to_stderr = True


def _check_effect(assignments, path, strict):
    for a in assignments:
        if a.sym.type in (kconfiglib.INT, kconfiglib.HEX):
            wanted = _normal(a.sym, a.value)
            got = _normal(a.sym, a.sym.str_value) if a.sym.str_value else ""
        else:
            wanted, got = a.value, a.sym.str_value
        if wanted == got:
            continue
        out_of_range = any(kconfiglib.expr_value(c) for _l, _h, c in a.sym.ranges)
        if strict or (a.sym.visibility and out_of_range):
            raise ConfigError("%s: does not take effect: %s"
                              % (_where(path, a.number, a.text), _why_not_applied(a)))
