"""scripts/check-arch-neutral.py on small trees: clean passes; an arch
macro or an ARCH_* Kconfig symbol outside arch/ fails, named by file:line;
the same under arch/ and a feature symbol are fine."""

import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "check-arch-neutral.py")


class CheckArchNeutral(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="arch-neutral-")
        self.write("guest/main.c", "#ifdef CONFIG_ARCH_HAS_PATCHING\n#endif\n")
        self.write("arch/arm64/setup.c", "#ifdef __aarch64__\n#endif\n")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, rel, text):
        path = os.path.join(self.tmp, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    def run_check(self):
        return subprocess.run(["/usr/bin/python3", "-B", SCRIPT, "--root", self.tmp],
                              stdout=subprocess.PIPE, universal_newlines=True)

    def test_clean_tree_passes(self):
        r = self.run_check()
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("1 passed, 0 failed", r.stdout)

    def test_arch_macro_in_guest_fails(self):
        self.write("guest/ktest.c", "int x;\n#if defined(__x86_64__)\n#endif\n")
        r = self.run_check()
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("# guest/ktest.c:2: __x86_64__", r.stdout)

    def test_arch_symbol_in_public_header_fails(self):
        self.write("include/pvpatch/spinlock.h", "#ifdef CONFIG_ARCH_ARM64\n#endif\n")
        r = self.run_check()
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("include/pvpatch/spinlock.h:1: CONFIG_ARCH_ARM64", r.stdout)


if __name__ == "__main__":
    unittest.main()
