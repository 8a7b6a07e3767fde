# SPDX-License-Identifier: GPL-2.0
"""Mistakes the build must refuse: a static call key updated with a
function of another type does not compile, and a CC that is not a
working compiler is named as the problem. Each case has a control that
differs only in the mistake and must pass, so a broken harness (wrong
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


class BadCompiler(unittest.TestCase):
    """A CC that is missing or does not compile stops make in one line that
    names CC, before any recipe fails in words about itself."""

    def make(self, cc, *args):
        # A make of its own, as a user types it: under make check the
        # outer make's jobserver flags would add a warning line.
        env = {k: v for k, v in os.environ.items()
               if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
        with tempfile.TemporaryDirectory() as out:
            return subprocess.run(["make", "-C", ROOT, "--no-print-directory", "O=" + out,
                                   "CC=" + cc] + list(args), env=env,
                                  capture_output=True, text=True, timeout=300)

    def test_bad_cc_is_named(self):
        # "true" exits 0 and writes no object: only the result tells.
        for cc in ("pvpatch-no-such-compiler", "false", "true"):
            with self.subTest(cc=cc):
                run = self.make(cc)
                self.assertNotEqual(run.returncode, 0, run.stdout[-2000:])
                lines = (run.stdout + run.stderr).splitlines()
                self.assertEqual(len(lines), 1, "\n".join(lines[:20]))
                self.assertIn("CC=%s: " % cc, lines[0])
                self.assertIn("C compiler", lines[0])

    def test_working_cc_passes_the_check(self):
        # The control: the same make with gcc gets past the check (-n: it
        # only lists the build).
        run = self.make("gcc", "-n")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertNotIn("C compiler", run.stderr)


if __name__ == "__main__":
    unittest.main()
