"""Tests for tools/objtool: `objtool alt-relocs`.

Every fixture is assembled and linked at test time (gcc -c, ld
--emit-relocs, a tiny linker script) into a temporary directory. The
expected fields come from marker symbols the snippets define at each
field (`expect_*`), read back with nm, never from objtool's own logic.
"""

import collections
import os
import random
import shutil
import struct
import subprocess
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OBJTOOL_DIR = os.path.join(ROOT, "tools", "objtool")

ALT_RELOCS_MAGIC = 0x52544C41
# The flags the top-level Makefile builds host C with.
STRICT_CFLAGS = ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror",
                 "-Wmissing-prototypes", "-Wstrict-prototypes",
                 "-fno-strict-aliasing", "-fno-common"]


def objtool_sources():
    # As the Makefile builds it: the libFuzzer harness is a separate target.
    return sorted(os.path.join(OBJTOOL_DIR, f)
                  for f in os.listdir(OBJTOOL_DIR)
                  if f.endswith(".c") and f != "fuzz_objtool.c")


# The libraries objtool links, as the Makefile's link line names them.
OBJTOOL_LIBS = ["-lelf", "-lZydis", "-lcapstone"]


def missing_tools():
    for tool in ("cc", "gcc", "ld", "nm", "readelf"):
        if not shutil.which(tool):
            return "%s not found" % tool
    for header in ("libelf.h", "gelf.h"):
        if not os.path.exists(os.path.join("/usr/include", header)):
            return "libelf headers missing (install libelf-dev)"
    return None


# ---------------------------------------------------------------- fixtures

# Marks the 4 bytes ending `back` bytes before here as an expected field.
PRELUDE = """\
	.macro expect name, back=4
	.globl expect_\\name
	.set expect_\\name, . - \\back
	.endm

	.text
	.globl _start, ext_func
_start:
	call ext_func
	ret
ext_func:
	ret
label_in_text:
	ret

	.data
var:	.quad 0
ptr:	.quad 0
"""


def reserve(capacity=8, magic=ALT_RELOCS_MAGIC):
    return """
	.section alt_relocs, "a"
	.balign 8
	.long %#x, %d, 0, 0	/* magic, capacity, count, filled */
	.skip %d * 8
""" % (magic, capacity, capacity)


# One replacement with every kind of reference. Listed: the five marked
# fields. Not listed: jmp 1f (resolved by the assembler), call repl_global
# (a relocation, but to inside the replacement), movabs (absolute).
REPLACEMENT = """
	.section alt_replacement, "ax"
	.globl repl_global
repl_global:
	call ext_func
	expect call
	jmp label_in_text
	expect jmp
	jne ext_func
	expect jcc
	mov var(%rip), %rax
	expect mov
	call *ptr(%rip)
	expect call_ptr
	testb $1, var(%rip)
	expect testb, 5
	jmp 1f
	call repl_global
	movabs $var, %rax
1:
"""

# Relocations of other .rodata contents: outside the region, never listed
# (they share .rela.rodata with the replacement in the guest layout).
RODATA = """
	.section .rodata
	.quad ext_func
	.long ext_func - .
"""

SEPARATE_LDS = """
SECTIONS {
	. = 0x400000;
	.text : { *(.text) }
	alt_replacement : { *(alt_replacement) }
	.rodata : { *(.rodata) }
	alt_relocs : { *(alt_relocs) }
	.data : { *(.data) }
	.bss : { *(.bss) }
}
"""

# Like the guest's: alt_replacement and alt_relocs folded into .rodata,
# bounded by __start_/__stop_ symbols.
RODATA_LDS = """
SECTIONS {
	. = %(base)s;
	.text : { *(.text) }
	.rodata : ALIGN(4096) {
		*(.rodata)
		. = ALIGN(8);
		__start_alt_replacement = .;
		*(alt_replacement)
		__stop_alt_replacement = .;
		*(after_replacement)
		. = ALIGN(8);
		__start_alt_relocs = .;
		KEEP(*(alt_relocs))
		__stop_alt_relocs = .;
	}
	.data : ALIGN(4096) { *(.data) }
	.bss : { *(.bss) }
}
"""

Section = collections.namedtuple(
    "Section", "name type flags addr offset size link info")
Table = collections.namedtuple(
    "Table", "magic capacity count filled fields raw offset")
SHT_RELA = 4
SHT_NOBITS = 8


def read_sections(path):
    with open(path, "rb") as f:
        data = f.read()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    raw = [struct.unpack_from("<IIQQQQII", data, shoff + i * shentsize)
           for i in range(shnum)]
    names = raw[shstrndx][4]

    def name(off):
        start = names + off
        return data[start:data.index(b"\0", start)].decode()
    return [Section(name(r[0]), *r[1:]) for r in raw]


class ObjtoolTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        reason = missing_tools()
        if reason:
            raise unittest.SkipTest(reason)
        cls.tmp = tempfile.mkdtemp(prefix="test_objtool.")
        cls.objtool = os.path.join(cls.tmp, "objtool")
        build = subprocess.run(
            ["cc", "-O2", "-Wall", "-Wextra", "-Werror",
             "-I" + os.path.join(ROOT, "include")] + objtool_sources() +
            OBJTOOL_LIBS + ["-o", cls.objtool],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if build.returncode:
            shutil.rmtree(cls.tmp)
            raise AssertionError("building objtool failed:\n" + build.stdout)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.dir = tempfile.mkdtemp(dir=self.tmp, prefix=self.id().split(".")[-1] + ".")

    # ------------------------------------------------------------ helpers

    def path(self, name):
        return os.path.join(self.dir, name)

    def check_run(self, argv):
        result = subprocess.run(argv, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        self.assertEqual(result.returncode, 0,
                         "%s failed:\n%s" % (" ".join(argv), result.stdout))
        return result.stdout

    def build(self, source, script=SEPARATE_LDS, pie=False, emit_relocs=True,
              assembler="gcc", name="image"):
        """Assembles `source`, links it with `script`, returns the image."""
        src, obj, lds = (self.path(name + ext) for ext in (".S", ".o", ".lds"))
        with open(src, "w") as f:
            f.write(textwrap.dedent(source))
        with open(lds, "w") as f:
            f.write(script % {"base": "SIZEOF_HEADERS" if pie else "0x400000"}
                    if "%(" in script else script)
        self.check_run([assembler, "-c", src, "-o", obj])
        flags = (["--emit-relocs"] if emit_relocs else []) + \
            (["-pie"] if pie else [])
        image = self.path(name)
        self.check_run(["ld"] + flags + ["-T", lds, obj, "-o", image])
        return image

    def objtool_run(self, *args):
        return subprocess.run([self.objtool] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=30)

    def alt_relocs(self, image, *options):
        result = self.objtool_run("alt-relocs", *options, image)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        return result

    def symbols(self, image):
        out = self.check_run(["nm", "--defined-only", image])
        return {name: int(value, 16) for value, _, name in
                (line.split() for line in out.splitlines())}

    def expected_fields(self, image):
        return sorted(v for k, v in self.symbols(image).items()
                      if k.startswith("expect_"))

    def table_location(self, image):
        """(virtual address, file offset) of the alt_relocs table."""
        sections = read_sections(image)
        by_name = {s.name: s for s in sections}
        if "alt_relocs" in by_name:
            s = by_name["alt_relocs"]
            return s.addr, s.offset
        addr = self.symbols(image)["__start_alt_relocs"]
        for s in sections:
            if s.addr <= addr < s.addr + s.size and s.type != SHT_NOBITS:
                return addr, s.offset + addr - s.addr
        self.fail("no alt_relocs table in %s" % image)

    def read_table(self, image):
        addr, offset = self.table_location(image)
        with open(image, "rb") as f:
            data = f.read()
        magic, capacity, count, filled = struct.unpack_from("<4I", data, offset)
        raw = data[offset:offset + 16 + 8 * capacity]
        fields = []
        for i in range(capacity):
            rel, size, r0, r1, r2 = struct.unpack_from("<iBBBB", raw, 16 + 8 * i)
            if i < count:
                self.assertEqual((size, r0, r1, r2), (4, 0, 0, 0))
                fields.append(addr + 16 + 8 * i + rel)
            else:
                self.assertEqual((rel, size), (0, 0), "spare entry %d" % i)
        return Table(magic, capacity, count, filled, fields, raw, offset)

    def assert_fields(self, image, expected):
        table = self.read_table(image)
        self.assertEqual((table.magic, table.filled, table.count),
                         (ALT_RELOCS_MAGIC, 1, len(expected)))
        self.assertEqual(table.fields, expected)
        self.assertEqual(table.fields, sorted(table.fields))
        return table

    def assert_error(self, image, message, *options):
        with open(image, "rb") as f:
            before = f.read()
        result = self.objtool_run("alt-relocs", *options, image)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("objtool: %s: %s" % (image, message), result.stderr)
        with open(image, "rb") as f:
            self.assertEqual(f.read(), before, "failed run changed the file")
        return result


class AltRelocsFields(ObjtoolTest):
    """Exactly the rel32 fields that point outside the replacements."""

    def test_separate_output_section(self):
        image = self.build(PRELUDE + REPLACEMENT + RODATA + reserve())
        expected = self.expected_fields(image)
        self.assertEqual(len(expected), 6)
        self.alt_relocs(image)
        self.assert_fields(image, expected)

    def test_fixture_has_an_intra_replacement_relocation(self):
        # Proves the case is exercised: gas does leave `call repl_global`
        # as a relocation, and objtool must drop it.
        image = self.build(PRELUDE + REPLACEMENT + reserve())
        out = self.check_run(["readelf", "-rW", image])
        self.assertRegex(out, r"R_X86_64_PLT32 .* repl_global - 4")

    def test_rodata_layout_like_the_guest(self):
        image = self.build(PRELUDE + REPLACEMENT + RODATA + reserve(),
                           script=RODATA_LDS)
        sections = read_sections(image)
        names = [s.name for s in sections]
        # What ld does: no alt_replacement section survives, and the
        # relocations come in .rela.rodata with r_offset = link address.
        self.assertNotIn("alt_replacement", names)
        rodata = names.index(".rodata")
        self.assertTrue(any(s.type == SHT_RELA and s.info == rodata
                            for s in sections))
        self.alt_relocs(image)
        self.assert_fields(image, self.expected_fields(image))

    def test_pie(self):
        image = self.build(PRELUDE + REPLACEMENT + RODATA + reserve(),
                           script=RODATA_LDS, pie=True)
        self.assertIn("DYN", self.check_run(["readelf", "-h", image]))
        self.alt_relocs(image)
        self.assert_fields(image, self.expected_fields(image))

    def test_clang_assembler(self):
        if not shutil.which("clang"):
            self.skipTest("clang not found")
        image = self.build(PRELUDE + REPLACEMENT + RODATA + reserve(),
                           assembler="clang")
        self.alt_relocs(image)
        self.assert_fields(image, self.expected_fields(image))

    def test_absolute_only(self):
        image = self.build(PRELUDE + """
	.section alt_replacement, "ax"
	movabs $var, %rax
	mov $var, %eax
	mov $var, %rax
	.quad ext_func
""" + reserve())
        self.assertIn("R_X86_64_64", self.check_run(["readelf", "-rW", image]))
        self.alt_relocs(image)
        self.assert_fields(image, [])

    def test_intra_replacement_only(self):
        image = self.build(PRELUDE + """
	.section alt_replacement, "ax"
	jmp 1f
	nop
1:	ret
""" + reserve())
        self.alt_relocs(image)
        self.assert_fields(image, [])

    def test_no_alt_replacement(self):
        image = self.build(PRELUDE + reserve())
        self.alt_relocs(image)
        table = self.assert_fields(image, [])
        self.assertEqual(table.capacity, 8)

    def test_data_just_past_the_region(self):
        # A field without an immediate after it is exact: listed.
        after = """
	.section after_replacement, "a"
after_obj:	.quad 0
"""
        image = self.build(PRELUDE + """
	.section alt_replacement, "ax"
	mov after_obj(%rip), %rax
	expect mov
""" + after + reserve(), script=RODATA_LDS)
        self.alt_relocs(image)
        self.assert_fields(image, self.expected_fields(image))
        # With an immediate after the field, S + A + 4 lands inside the
        # region: objtool cannot tell without decoding and refuses.
        image = self.build(PRELUDE + """
	.section alt_replacement, "ax"
	testb $1, after_obj(%rip)
""" + after + reserve(), script=RODATA_LDS, name="imm")
        self.assert_error(image, "alt_replacement+0x2: rel32 target within "
                          "4 bytes of the region's end")

    def test_verbose(self):
        image = self.build(PRELUDE + REPLACEMENT + reserve())
        out = self.alt_relocs(image, "--verbose").stdout.splitlines()
        start = self.symbols(image)["repl_global"]
        self.assertEqual(out, ["alt_replacement+%#x -> rel32 field" % (f - start)
                               for f in self.expected_fields(image)] +
                         ["alt_relocs: 6 entries, capacity 8"])
        self.assertEqual(self.alt_relocs(image).stdout, "")


class AltRelocsWriting(ObjtoolTest):
    """Only the table changes, nothing moves, a second run is a no-op."""

    def layout(self, image):
        return self.check_run(["readelf", "-SlhW", image])

    def check_in_place(self, script, pie=False):
        image = self.build(PRELUDE + REPLACEMENT + RODATA + reserve(),
                           script=script, pie=pie)
        with open(image, "rb") as f:
            before = f.read()
        layout = self.layout(image)
        self.alt_relocs(image)
        with open(image, "rb") as f:
            after = f.read()
        table = self.read_table(image)
        self.assertEqual(len(after), len(before))
        changed = [i for i in range(len(before)) if before[i] != after[i]]
        self.assertTrue(changed)
        self.assertGreaterEqual(min(changed), table.offset)
        self.assertLess(max(changed), table.offset + len(table.raw))
        self.assertEqual(self.layout(image), layout)
        self.alt_relocs(image)
        with open(image, "rb") as f:
            self.assertEqual(f.read(), after, "second run changed the image")

    def test_separate_sections(self):
        self.check_in_place(SEPARATE_LDS)

    def test_rodata_layout(self):
        self.check_in_place(RODATA_LDS)

    def test_pie(self):
        self.check_in_place(RODATA_LDS, pie=True)


class AltRelocsErrors(ObjtoolTest):
    def test_capacity_exceeded(self):
        image = self.build(PRELUDE + REPLACEMENT + reserve(capacity=2))
        self.assert_error(image, "alt_relocs: need 6 entries, capacity 2 "
                          "(raise ALT_RELOCS_CAPACITY)")

    def test_capacity_larger_than_the_reservation(self):
        image = self.build(PRELUDE + REPLACEMENT + """
	.section alt_relocs, "a"
	.long 0x52544c41, 100, 0, 0
	.skip 8
""")
        self.assert_error(image, "alt_relocs: capacity 100 does not fit")

    def test_missing_table(self):
        image = self.build(PRELUDE + REPLACEMENT)
        self.assert_error(image, "no alt_relocs section")

    def test_bad_magic(self):
        image = self.build(PRELUDE + REPLACEMENT + reserve(magic=0x12345678))
        self.assert_error(image, "alt_relocs: bad magic 0x12345678")

    def test_table_in_bss(self):
        image = self.build(PRELUDE + REPLACEMENT + """
	.section alt_relocs, "aw", @nobits
	.skip 64
""")
        self.assert_error(image, "alt_relocs: must be in an allocated "
                          "PROGBITS section")

    def test_unsupported_relocations(self):
        for directive, name in ((".byte ext_func - .", "R_X86_64_PC8"),
                                (".word ext_func - .", "R_X86_64_PC16"),
                                (".quad ext_func - .", "R_X86_64_PC64")):
            with self.subTest(name=name):
                image = self.build(PRELUDE + """
	.section alt_replacement, "ax"
	nop
	%s
""" % directive + reserve(), name=name)
                self.assert_error(image, "alt_replacement+0x1: unsupported "
                                  "relocation %s" % name)

    def test_without_emit_relocs(self):
        image = self.build(PRELUDE + REPLACEMENT + reserve(),
                           emit_relocs=False)
        self.assert_error(image, "no relocation sections: link with "
                          "--emit-relocs")

    def test_half_defined_region(self):
        image = self.build(PRELUDE + REPLACEMENT + reserve(), script="""
SECTIONS {
	. = 0x400000;
	.text : { *(.text) }
	.rodata : {
		__start_alt_replacement = .;
		*(alt_replacement)
		__start_alt_relocs = .;
		*(alt_relocs)
		__stop_alt_relocs = .;
	}
	.data : { *(.data) }
}
""")
        self.assert_error(image, "alt_replacement: __start_alt_replacement "
                          "without __stop_alt_replacement")

    def test_not_an_image(self):
        obj = self.path("image.o")
        self.build(PRELUDE + REPLACEMENT + reserve())
        self.assert_error(obj, "not a linked executable")
        empty = self.path("empty")
        open(empty, "wb").close()
        self.assert_error(empty, "not an ELF file")
        garbage = self.path("garbage")
        with open(garbage, "wb") as f:
            f.write(random.Random(1).randbytes(4096))
        self.assert_error(garbage, "not an ELF file")
        result = self.objtool_run("alt-relocs", self.path("absent"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("No such file", result.stderr)
        result = self.objtool_run("alt-relocs", self.dir)
        self.assertEqual(result.returncode, 1)

    def test_truncated(self):
        image = self.build(PRELUDE + REPLACEMENT + reserve())
        with open(image, "rb") as f:
            data = f.read()
        for length in (4, 16, 63, 64, 65, 200, len(data) // 2,
                       len(data) - 1):
            with self.subTest(length=length):
                cut = self.path("cut%d" % length)
                with open(cut, "wb") as f:
                    f.write(data[:length])
                result = self.objtool_run("alt-relocs", cut)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertTrue(result.stderr.startswith("objtool: %s: " % cut),
                                result.stderr)

    def test_random_mutations(self):
        image = self.build(PRELUDE + REPLACEMENT + RODATA + reserve(),
                           script=RODATA_LDS)
        with open(image, "rb") as f:
            data = f.read()
        shoff, = struct.unpack_from("<Q", data, 0x28)
        rng = random.Random(20240611)
        mutant = self.path("mutant")
        exits = collections.Counter()
        for i in range(200):
            buf = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                # Headers are where a bad value can point anywhere.
                where = rng.choice((0, 1, 2))
                if where == 0:
                    pos = rng.randrange(64)
                elif where == 1:
                    pos = rng.randrange(shoff, len(buf))
                else:
                    pos = rng.randrange(len(buf))
                buf[pos] = rng.randrange(256)
            if rng.random() < 0.1:
                del buf[rng.randrange(len(buf)):]
            with open(mutant, "wb") as f:
                f.write(buf)
            result = self.objtool_run("alt-relocs", mutant)
            self.assertIn(result.returncode, (0, 1),
                          "mutation %d: %s" % (i, result.stderr))
            exits[result.returncode] += 1
        self.assertGreater(exits[1], 0)


class CommandLine(ObjtoolTest):
    def test_help(self):
        result = self.objtool_run("--help")
        self.assertEqual(result.returncode, 0)
        self.assertIn("alt-relocs", result.stdout)
        result = self.objtool_run("alt-relocs", "--help")
        self.assertEqual(result.returncode, 0)
        self.assertIn("usage: objtool alt-relocs [--verbose] FILE",
                      result.stdout)

    def test_usage_errors(self):
        for args, message in (
                ((), "missing subcommand"),
                (("frobnicate",), "unknown subcommand 'frobnicate'"),
                (("alt-relocs",), "missing FILE"),
                (("alt-relocs", "--bogus", "x"), "unknown option '--bogus'"),
                (("alt-relocs", "a", "b"), "more than one FILE")):
            with self.subTest(args=args):
                result = self.objtool_run(*args)
                self.assertEqual(result.returncode, 2)
                self.assertIn(message, result.stderr)
                self.assertIn("usage:", result.stderr)


class StrictBuild(unittest.TestCase):
    """objtool must build warning-free with both compilers."""

    def test_compilers(self):
        reason = missing_tools()
        if reason:
            self.skipTest(reason)
        with tempfile.TemporaryDirectory() as tmp:
            for compiler in ("gcc", "clang"):
                if not shutil.which(compiler):
                    continue
                with self.subTest(compiler=compiler):
                    result = subprocess.run(
                        [compiler] + STRICT_CFLAGS +
                        ["-I" + os.path.join(ROOT, "include")] +
                        objtool_sources() +
                        OBJTOOL_LIBS + ["-o", os.path.join(tmp, compiler)],
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                        text=True)
                    self.assertEqual(result.returncode, 0, result.stdout)


if __name__ == "__main__":
    unittest.main()
