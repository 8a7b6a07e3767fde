// SPDX-License-Identifier: GPL-2.0
/*
 * A switch dense enough for a jump table (built by run.sh with
 * -fjump-tables and -fPIE, as the hosted build is): objtool must find
 * the table and follow every case, not warn about the indirect jump.
 */
int jump_table_pick(int what, int x);

__attribute__((noinline)) static int other(int x)
{
	return x * 3 + 1;
}

int jump_table_pick(int what, int x)
{
	switch (what) {
	case 0: return other(x) + 1;
	case 1: return other(x + 1) * 2;
	case 2: return other(x - 7) ^ 5;
	case 3: return other(x << 2) - 9;
	case 4: return other(x >> 1) + 11;
	case 5: return other(x * 7) - 13;
	case 6: return other(x | 8) + 17;
	case 7: return other(x & 6) * 19;
	default: return 0;
	}
}
