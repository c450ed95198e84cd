/* textsafe.h - text that came from outside (a player's name, a scenario's
 * strings, a results file) made safe to keep and to show: UTF-8 checked,
 * cut only between characters, and the control characters a terminal would
 * obey (ESC sequences that retitle or clear it) recognised so they can be
 * replaced before they reach one. */
#ifndef COMPEL_TEXTSAFE_H
#define COMPEL_TEXTSAFE_H

#include <stdbool.h>
#include <stddef.h>

/* The longest player name kept, in bytes (UTF-8), without the NUL. */
enum { COMPEL_PLAYER_MAX = 63 };

/* Decode the character at s (n > 0 bytes available) into *cp; returns its
 * length in bytes, or 0 when it is not well-formed UTF-8 (RFC 3629: no
 * overlong forms, surrogates or code points past U+10FFFF). */
size_t text_utf8_decode(const char *s, size_t n, unsigned *cp);

/* The largest length <= max (and <= n) at which s can be cut without
 * splitting a UTF-8 character. */
size_t text_utf8_cut(const char *s, size_t n, size_t max);

/* True for a code point a terminal acts on rather than shows: C0 controls
 * other than newline and TAB, DEL, and the C1 range U+0080..U+009F. */
bool text_is_control(unsigned cp);

/* Byte offset of the first such control character in the NUL-terminated
 * UTF-8 string s, or -1 when it has none. */
long text_find_control(const char *s);

/* Check a player's name and copy it into out (cap bytes, at least 1), cut on
 * a character boundary to at most COMPEL_PLAYER_MAX bytes. A name that is
 * not UTF-8 is refused: false, with a reason in *why (a static string), out
 * untouched. (The command lines also refuse control characters: see
 * option_player.) */
bool text_player_name(const char *name, char *out, size_t cap, const char **why);

#endif
