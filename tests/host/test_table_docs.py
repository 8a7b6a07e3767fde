# SPDX-License-Identifier: GPL-2.0
"""tests/unittests.cfg's comments say what the code does: its key list is
the runner's, and the stress sizes it quotes are the ones the stress case
takes when a row does not set them."""
import os
import re
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read(*path):
    with open(os.path.join(ROOT, *path)) as f:
        return f.read()


def number(text):
    return int(text.replace(",", ""))


class TableDocs(unittest.TestCase):
    def setUp(self):
        self.table = read("tests", "unittests.cfg")

    def test_documented_keys_are_the_runners(self):
        m = re.search(r"^KEYS = (\{[^}]*\})", read("tools", "run-tests"), re.M)
        accepted = set(re.findall(r'"(\w+)"', m.group(1)))
        header = self.table.split("\n\n", 1)[0]
        documented = set()
        for line in header.splitlines():
            m = re.match(r"#   (\w+(?:, \w+)*)\s", line)
            if m:
                documented.update(m.group(1).split(", "))
        self.assertEqual(documented, accepted)

    def test_quoted_stress_defaults_are_the_code_s(self):
        m = re.search(r"CONFIG_PLATFORM_GUEST\n/\*.*\*/\n#define STRESS_DEFAULT_UPDATES\s+(\d+)\n"
                      r"#else\n#define STRESS_DEFAULT_UPDATES\s+(\d+)",
                      read("tests", "include", "stress_platform.h"))
        guest, hosted = int(m.group(1)), int(m.group(2))
        quoted = re.search(r"default \((\d[\d,]*) updates\)", self.table)
        self.assertIsNotNone(quoted, "no guest default quoted")
        self.assertEqual(number(quoted.group(1)), guest)
        quoted = re.search(r"static call stress: (\d[\d,]*) updates", self.table)
        self.assertEqual(number(quoted.group(1)), hosted)


if __name__ == "__main__":
    unittest.main()
