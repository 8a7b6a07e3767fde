#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Front end to kconfiglib for the pvpatch build.

  kconfig.py defconfig FILE      write .config from a defconfig
  kconfig.py olddefconfig        update .config for new/removed symbols
  kconfig.py genconfig           write the C header and the make include
  kconfig.py menuconfig          interactive editor (kconfiglib's)

The .config lives in $KCONFIG_CONFIG (the build directory), so O= builds
never share state with the source tree.
"""
import os
import sys

try:
    import kconfiglib
except ImportError:
    sys.exit("kconfig: kconfiglib not found; run scripts/deps.sh as root "
             "(Debian package python3-kconfiglib, used with /usr/bin/python3)")
sys.dont_write_bytecode = True   # the source tree is never written
from kconfig_check import ConfigError, load as load_config  # noqa: E402


def load(srctree):
    kconf = kconfiglib.Kconfig(os.path.join(srctree, "Kconfig"),
                               warn_to_stderr=True)
    return kconf


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    srctree = os.environ.get("srctree", ".")
    config = os.environ.get("KCONFIG_CONFIG", ".config")
    cmd = argv[1]
    kconf = load(srctree)
    if cmd == "defconfig":
        if len(argv) != 3 or not os.path.isfile(argv[2]):
            sys.exit("kconfig: defconfig file not found: %s"
                     % (argv[2] if len(argv) > 2 else "(none)"))
        load_config(kconf, argv[2], strict=True)
        print(kconf.write_config(config))
    elif cmd == "olddefconfig":
        if not os.path.isfile(config):
            sys.exit("kconfig: %s does not exist; run 'make defconfig' first"
                     % config)
        load_config(kconf, config, strict=False)
        print(kconf.write_config(config))
    elif cmd == "genconfig":
        load_config(kconf, config, strict=True)
        header, include = argv[2], argv[3]
        kconf.write_autoconf(header)
        # Same values in make syntax, for selecting sources and flags.
        with open(include + ".tmp", "w") as out:
            for sym in kconf.unique_defined_syms:
                val = sym.str_value
                if sym.type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
                    if val != "n":
                        out.write("CONFIG_%s=%s\n" % (sym.name, val))
                elif sym.type == kconfiglib.STRING:
                    out.write("CONFIG_%s=%s\n" % (sym.name, val))
                elif val:
                    out.write("CONFIG_%s=%s\n" % (sym.name, val))
        os.replace(include + ".tmp", include)
    elif cmd == "menuconfig":
        load_config(kconf, config, strict=False)
        import menuconfig
        os.environ["KCONFIG_CONFIG"] = config
        menuconfig.menuconfig(kconf)
    else:
        sys.exit("kconfig: unknown command %s" % cmd)


if __name__ == "__main__":
    try:
        main(sys.argv)
    except ConfigError as e:
        sys.exit("kconfig: %s" % e)
    except kconfiglib.KconfigError as e:
        # kconfiglib's messages span lines: make's output gets one.
        sys.exit("kconfig: %s" % " ".join(str(e).split()))
