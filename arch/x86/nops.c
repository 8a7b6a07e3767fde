// SPDX-License-Identifier: GPL-2.0
/*
 * The recommended multi-byte NOPs (Intel SDM vol. 2B, "NOP"), one
 * instruction each: the decoder sees one instruction, not a string of
 * 0x90s. Longer gaps are jumped over; the bytes jumped over are int3,
 * so a CPU that ever lands inside them stops at once.
 */
#include <string.h>
#include <asm/nops.h>

static const uint8_t nops[LONGEST_NOP + 1][LONGEST_NOP] = {
	[1] = { 0x90 },
	[2] = { 0x66, 0x90 },
	[3] = { 0x0f, 0x1f, 0x00 },
	[4] = { 0x0f, 0x1f, 0x40, 0x00 },
	[5] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	[6] = { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	[7] = { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
	[8] = { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
	[9] = { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

#define JMP8_LEN	2
#define JMP32_LEN	5
#define INT3		0xcc

void fill_nops(uint8_t *buf, size_t len)
{
	if (len <= LONGEST_NOP) {
		memcpy(buf, nops[len], len);
		return;
	}
	memset(buf, INT3, len);
	if (len - JMP8_LEN <= 127) {
		buf[0] = 0xeb;
		buf[1] = (uint8_t)(len - JMP8_LEN);
	} else {
		int32_t rel = (int32_t)(len - JMP32_LEN);

		buf[0] = 0xe9;
		memcpy(&buf[1], &rel, sizeof(rel));
	}
}
