# SPDX-License-Identifier: GPL-2.0
"""Where slow-to-build things are cached outside the clone (the Xen dom0,
the Linux KUnit kernel), as scripts/cache-dir.sh decides it for the
shell scripts that build them: every clone on a machine shares them."""
import os


def cache_dir(*parts):
    if os.environ.get("PVPATCH_CACHE"):
        base = os.environ["PVPATCH_CACHE"]
    elif os.geteuid() == 0:
        base = "/var/cache/pvpatch"
    else:
        base = os.path.join(os.environ.get("XDG_CACHE_HOME") or
                            os.path.expanduser("~/.cache"), "pvpatch")
    return os.path.join(base, *parts)
