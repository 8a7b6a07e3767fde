// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's formatter: the C99 conversions a kernel needs (d i u x X
 * o c s p %), with flags - 0 + space #, width and precision (also as
 * '*'), and the length modifiers hh h l ll z t j. No floating point.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <pvpatch/printk.h>

struct out {
	char *buf;
	size_t size;
	size_t len;		/* what the full output would need */
};

struct spec {
	bool left, zero, plus, space, alt;
	int width;
	int precision;		/* -1: none */
	int length;		/* 'H' hh, 'h', 'l', 'L' ll, 'z', 't', 'j', 0 */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_string(struct out *o, const struct spec *s, const char *str)
{
	if (!str)
		str = "(null)";
	size_t n = s->precision >= 0 ? strnlen(str, s->precision) : strlen(str);

	if (!s->left)
		pad(o, ' ', s->width - (int)n);
	for (size_t i = 0; i < n; i++)
		put(o, str[i]);
	if (s->left)
		pad(o, ' ', s->width - (int)n);
}

static void put_number(struct out *o, const struct spec *s, uint64_t value,
		       bool negative, unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	const char *prefix = "";

	while (value) {
		tmp[n++] = digits[value % base];
		value /= base;
	}
	if (n == 0 && s->precision != 0)
		tmp[n++] = '0';
	if (negative)
		prefix = "-";
	else if (s->plus)
		prefix = "+";
	else if (s->space)
		prefix = " ";
	else if (s->alt && base == 16 && n)
		prefix = upper ? "0X" : "0x";
	else if (s->alt && base == 8 && tmp[n - 1] != '0')
		prefix = "0";

	int zeros = s->precision > n ? s->precision - n : 0;
	int total = (int)strlen(prefix) + zeros + n;

	if (s->zero && !s->left && s->precision < 0) {
		zeros += s->width > total ? s->width - total : 0;
		total = s->width > total ? s->width : total;
	}
	if (!s->left)
		pad(o, ' ', s->width - total);
	for (const char *p = prefix; *p; p++)
		put(o, *p);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (s->left)
		pad(o, ' ', s->width - total);
}

static const char *parse_spec(const char *fmt, struct spec *s, va_list *args)
{
	*s = (struct spec){ .precision = -1 };
	for (;; fmt++) {
		if (*fmt == '-')
			s->left = true;
		else if (*fmt == '0')
			s->zero = true;
		else if (*fmt == '+')
			s->plus = true;
		else if (*fmt == ' ')
			s->space = true;
		else if (*fmt == '#')
			s->alt = true;
		else
			break;
	}
	if (*fmt == '*') {
		s->width = va_arg(*args, int);
		if (s->width < 0) {
			s->left = true;
			s->width = -s->width;
		}
		fmt++;
	}
	while (*fmt >= '0' && *fmt <= '9')
		s->width = s->width * 10 + (*fmt++ - '0');
	if (*fmt == '.') {
		fmt++;
		s->precision = 0;
		if (*fmt == '*') {
			s->precision = va_arg(*args, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			s->precision = s->precision * 10 + (*fmt++ - '0');
	}
	if (fmt[0] == 'h' && fmt[1] == 'h') {
		s->length = 'H';
		fmt += 2;
	} else if (fmt[0] == 'l' && fmt[1] == 'l') {
		s->length = 'L';
		fmt += 2;
	} else if (*fmt == 'h' || *fmt == 'l' || *fmt == 'z' || *fmt == 't' ||
		   *fmt == 'j') {
		s->length = *fmt++;
	}
	return fmt;
}

static uint64_t fetch_unsigned(const struct spec *s, va_list *args)
{
	switch (s->length) {
	case 'H': return (unsigned char)va_arg(*args, unsigned int);
	case 'h': return (unsigned short)va_arg(*args, unsigned int);
	case 'l': return va_arg(*args, unsigned long);
	case 'L': return va_arg(*args, unsigned long long);
	case 'z': return va_arg(*args, size_t);
	case 't': return va_arg(*args, ptrdiff_t);
	case 'j': return va_arg(*args, uintmax_t);
	default: return va_arg(*args, unsigned int);
	}
}

static int64_t fetch_signed(const struct spec *s, va_list *args)
{
	switch (s->length) {
	case 'H': return (signed char)va_arg(*args, int);
	case 'h': return (short)va_arg(*args, int);
	case 'l': return va_arg(*args, long);
	case 'L': return va_arg(*args, long long);
	case 'z': return va_arg(*args, long);
	case 't': return va_arg(*args, ptrdiff_t);
	case 'j': return va_arg(*args, intmax_t);
	default: return va_arg(*args, int);
	}
}

static void convert(struct out *o, char conv, struct spec *s, va_list *args)
{
	switch (conv) {
	case 'd':
	case 'i': {
		int64_t v = fetch_signed(s, args);
		uint64_t magnitude = v < 0 ? -(uint64_t)v : (uint64_t)v;

		put_number(o, s, magnitude, v < 0, 10, false);
		break;
	}
	case 'u':
		put_number(o, s, fetch_unsigned(s, args), false, 10, false);
		break;
	case 'x':
	case 'X':
		put_number(o, s, fetch_unsigned(s, args), false, 16, conv == 'X');
		break;
	case 'o':
		put_number(o, s, fetch_unsigned(s, args), false, 8, false);
		break;
	case 'p':
		s->alt = true;
		put_number(o, s, (uintptr_t)va_arg(*args, void *), false, 16, false);
		break;
	case 'c': {
		char c = (char)va_arg(*args, int);

		if (!s->left)
			pad(o, ' ', s->width - 1);
		put(o, c);
		if (s->left)
			pad(o, ' ', s->width - 1);
		break;
	}
	case 's':
		put_string(o, s, va_arg(*args, const char *));
		break;
	case '%':
		put(o, '%');
		break;
	default:	/* unknown conversion: show it rather than guess */
		put(o, '%');
		put(o, conv);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { .buf = buf, .size = size };
	struct spec s;
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &ap);
		if (!*fmt)
			break;
		convert(&o, *fmt++, &s, &ap);
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}
