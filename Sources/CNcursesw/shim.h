#ifndef HBDECK_CNCURSESW_SHIM_H
#define HBDECK_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>

// Swift 6 rejects the C globals (not concurrency-safe) and does not import function-like macros.
static inline WINDOW *hb_stdscr(void) { return stdscr; }
static inline SCREEN *hb_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline const char *hb_codeset(void) { return nl_langinfo(CODESET); }
static inline int hb_lines(void) { return LINES; }
static inline int hb_cols(void) { return COLS; }
static inline int hb_colors(void) { return COLORS; }
static inline int hb_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t hb_a_normal(void) { return A_NORMAL; }
static inline attr_t hb_a_bold(void) { return A_BOLD; }
static inline attr_t hb_a_dim(void) { return A_DIM; }
static inline attr_t hb_a_reverse(void) { return A_REVERSE; }
static inline attr_t hb_a_underline(void) { return A_UNDERLINE; }

/// Writes one cell: a NUL-terminated wide string (a character and its combining marks).
static inline int hb_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

/// Reads one key: returns 0 for a character, 1 for a function key, -1 when none came before the timeout.
static inline int hb_read_key(unsigned int *code) {
    wint_t value = 0;
    int rc = wget_wch(stdscr, &value);
    *code = (unsigned int)value;
    if (rc == OK) return 0;
    if (rc == KEY_CODE_YES) return 1;
    return -1;
}
#endif
