"""Shared helpers for the pvpatch host-side test tools.

Modules:
    ktap    -- KTAP v1 / TAP 13/14 parser, result tree and summary formatting
    runner  -- run a child process in its own process group, stream its
               stdout/stderr line by line, enforce a deadline
    elf     -- minimal ELF reader (header check, function symbols) and the
               backtrace symbolizer used by tools/pvrun

Only the Python standard library is used (the tools run under the Debian
/usr/bin/python3, PyPI is not available).
"""
