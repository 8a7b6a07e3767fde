# SPDX-License-Identifier: GPL-2.0
"""Mistakes the build must refuse: a static call key updated with a
function of another type does not compile. Each case has a control that
differs only in the mistake and must compile, so a broken harness (wrong
flags, missing header) cannot pass for a refusal."""
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FLAGS = ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-c",
         "-I", os.path.join(ROOT, "include"),
         "-I", os.path.join(ROOT, "arch/x86/include")]

SNIPPET = r"""
#include <pvpatch/static_call.h>
int add_int(int x);
int add_int(int x) { return x + 1; }
int other_int(int x);
int other_int(int x) { return x + 2; }
long add_long(long x);
long add_long(long x) { return x + 3; }
DEFINE_STATIC_CALL(key, add_int);
void retarget(void);
void retarget(void) { static_call_update(key, %s); }
"""


class StaticCallTypeCheck(unittest.TestCase):
    def compile(self, cc, func):
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "snippet.c")
            with open(src, "w") as f:
                f.write(SNIPPET % func)
            return subprocess.run([cc] + FLAGS + [src, "-o", os.path.join(tmp, "s.o")],
                                  capture_output=True, text=True)

    def check(self, cc):
        if not shutil.which(cc):
            self.skipTest("%s not installed" % cc)
        good = self.compile(cc, "other_int")
        self.assertEqual(good.returncode, 0, good.stderr)
        bad = self.compile(cc, "add_long")
        self.assertNotEqual(bad.returncode, 0, "wrong-type update compiled")
        self.assertIn("incompatible", bad.stderr)

    def test_gcc_refuses_a_function_of_another_type(self):
        self.check("gcc")

    def test_clang_refuses_a_function_of_another_type(self):
        self.check("clang")


if __name__ == "__main__":
    unittest.main()
