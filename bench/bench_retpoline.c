// SPDX-License-Identifier: GPL-2.0
/*
 * The retpoline-style thunk the call benchmarks share: "call" the
 * target in %rax by returning to it. The return predictor sends any
 * speculation to the trap (pause; lfence) instead of to a target an
 * attacker trained, which is what indirect calls pay for under
 * Spectre v2 mitigations. Only asm calls it: it takes its target in a
 * register, which no C calling convention does.
 */

__asm__(".pushsection .text\n\t"
	".balign 16\n\t"
	".globl bench_retpoline_rax\n\t"
	".type bench_retpoline_rax, @function\n"
	"bench_retpoline_rax:\n\t"
	"call 2f\n"
	"1:\tpause\n\t"
	"lfence\n\t"
	"jmp 1b\n"
	"2:\tmov %rax, (%rsp)\n\t"
	"ret\n\t"
	".size bench_retpoline_rax, . - bench_retpoline_rax\n\t"
	".popsection");
