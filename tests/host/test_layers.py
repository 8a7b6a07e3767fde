# SPDX-License-Identifier: GPL-2.0
"""scripts/check-layers.py on small trees: a clean one passes, and each
way an include can point up the layers (a relative path, a public header
of a room above, a header of no room that carries one, a new -I) fails
naming the file and line."""
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "check-layers.py")

MAKEFILE = "CFLAGS := -I$(srctree)/include -I$(obj)/include \\\n\t-I$(srctree)/arch/x86/include\n"

# Every room with what it may include: the arrows point down.
CLEAN = {
    "Makefile": MAKEFILE,
    "include/pvpatch/hypervisor.h": "#include <stdint.h>\n",
    "include/pvpatch/pvops_calls.h": "#include <asm/sites.h>\n",
    "include/pvpatch/pvops_backend.h": "#include <pvpatch/pvops_calls.h>\n",
    "include/pvpatch/pvops.h": "#include <pvpatch/pvops_backend.h>\n",
    "include/pvpatch/smp.h": "",
    "arch/x86/include/asm/sites.h": "",
    "arch/x86/include/asm/processor.h": "#include <pvpatch/pvops_calls.h>\n",
    "arch/x86/smp.c": "#include <asm/processor.h>\n#include <pvpatch/smp.h>\n#include <xen/xen.h>\n",
    "hypervisor/xen/xen_abi.h": "#include <pvpatch/hypervisor.h>\n",
    "hypervisor/xen/backend.c": '#include <asm/processor.h>\n#include <pvpatch/pvops_backend.h>\n'
                                '#include "xen_abi.h"\n',
    "pvops/select.c": "#include <pvpatch/hypervisor.h>\n#include <pvpatch/pvops.h>\n",
}


class CheckLayers(unittest.TestCase):
    def run_on(self, extra):
        with tempfile.TemporaryDirectory() as tmp:
            for rel, text in dict(CLEAN, **extra).items():
                path = os.path.join(tmp, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as f:
                    f.write(text)
            return subprocess.run([sys.executable, "-B", SCRIPT, "--root", tmp],
                                  capture_output=True, text=True)

    def assert_fails(self, extra, *expected):
        r = self.run_on(extra)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        for line in expected:
            self.assertIn(line, r.stdout)

    def test_clean_tree_passes(self):
        r = self.run_on({})
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("3 passed, 0 failed, 0 skipped", r.stdout)

    def test_arch_including_a_hypervisor_header_by_path(self):
        self.assert_fails(
            {"arch/x86/xen/pv_smp.c": '#include <stdint.h>\n#include "../../../hypervisor/xen/xen_abi.h"\n'},
            'arch/x86/xen/pv_smp.c:2: #include "../../../hypervisor/xen/xen_abi.h" '
            "is hypervisor/xen/xen_abi.h (hypervisor/)",
            "1 failed")

    def test_arch_including_hypervisors_public_header(self):
        self.assert_fails({"arch/x86/console.c": "#include <pvpatch/hypervisor.h>\n"},
                          "arch/x86/console.c:1: #include <pvpatch/hypervisor.h> is "
                          "include/pvpatch/hypervisor.h (hypervisor/)")

    def test_arch_header_including_the_pvops_core_or_backend_interface(self):
        self.assert_fails({"arch/x86/include/asm/processor.h": "#include <pvpatch/pvops.h>\n",
                           "arch/x86/apic.c": "#include <pvpatch/pvops_backend.h>\n"},
                          "arch/x86/include/asm/processor.h:1: #include <pvpatch/pvops.h> is "
                          "include/pvpatch/pvops.h (pvops/)",
                          "arch/x86/apic.c:1: #include <pvpatch/pvops_backend.h> is "
                          "include/pvpatch/pvops_backend.h (pvops/ backend interface)")

    def test_a_header_of_no_room_carrying_an_upward_include(self):
        self.assert_fails({"include/pvpatch/helper.h": "\n#include <pvpatch/hypervisor.h>\n",
                           "arch/x86/power.c": "#include <pvpatch/helper.h>\n"},
                          "arch/x86/power.c:1: #include <pvpatch/helper.h> reaches "
                          "include/pvpatch/hypervisor.h (hypervisor/) through include/pvpatch/helper.h")

    def test_a_new_include_path_is_followed(self):
        self.assert_fails({"Makefile": MAKEFILE + "CFLAGS += -I$(srctree)/hypervisor/xen\n",
                           "arch/x86/traps.c": "#include <xen_abi.h>\n"},
                          "arch/x86/traps.c:1: #include <xen_abi.h> is hypervisor/xen/xen_abi.h")

    def test_conditional_includes_count_too(self):
        self.assert_fails({"arch/x86/smp.c": "#if 0\n# include <pvpatch/hypervisor.h>\n#endif\n"},
                          "arch/x86/smp.c:2: #include <pvpatch/hypervisor.h>")

    def test_hypervisor_reaching_the_pvops_core(self):
        self.assert_fails({"hypervisor/detect.c": "#include <pvpatch/pvops.h>\n",
                           "hypervisor/kvm/kvm.h": '#include "../../pvops/internal.h"\n',
                           "pvops/internal.h": ""},
                          "hypervisor/detect.c:1: #include <pvpatch/pvops.h> is include/pvpatch/pvops.h",
                          'hypervisor/kvm/kvm.h:1: #include "../../pvops/internal.h" is pvops/internal.h',
                          "not ok - hypervisor/ includes nothing of pvops/ but the backend interface")


if __name__ == "__main__":
    unittest.main()
