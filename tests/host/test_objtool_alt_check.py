# SPDX-License-Identifier: GPL-2.0
"""objtool refuses a bad alternatives table entry at build time, naming the
function and offset of the site; a good entry of the same shape passes."""
import unittest

from tests.host.test_objtool import PRELUDE, ObjtoolTest, reserve

# A site in a function, and one table entry describing it. The entry is
# written by hand (as the ALTERNATIVE macro would) so that each test can
# put a wrong length or flag in it.
SITE = """
	.text
	.globl patched_function
	.type patched_function, @function
patched_function:
	nop
	nop
661:	mov $1, %%eax
663:	ret
	.size patched_function, . - patched_function

	.section alt_instructions, "a"
	.long 661b - .
	.long 6641f - .
	.word 0
	.word %(flags)d
	.byte %(sitelen)d
	.byte 663b - 661b
	.byte %(repllen)d

	.section alt_replacement, "ax"
6641:	mov $2, %%eax
	.skip 8, 0x90
"""


class AltTableCheck(ObjtoolTest):
    def image(self, sitelen=5, repllen=5, flags=0):
        source = PRELUDE + reserve() + SITE % {
            "sitelen": sitelen, "repllen": repllen, "flags": flags}
        return self.build(source)

    def test_a_fitting_replacement_passes(self):
        self.alt_relocs(self.image())

    def test_a_replacement_longer_than_its_site_is_an_error(self):
        self.assert_error(self.image(repllen=7),
                          "patched_function+0x2: alternative replacement of 7 bytes "
                          "is longer than its 5-byte site")

    def test_an_original_longer_than_its_site_is_an_error(self):
        self.assert_error(self.image(sitelen=3, repllen=3),
                          "patched_function+0x2: alternative original of 5 bytes")

    def test_unknown_flags_are_an_error(self):
        self.assert_error(self.image(flags=8),
                          "patched_function+0x2: alternative has unknown flags 0x8")


if __name__ == "__main__":
    unittest.main()
