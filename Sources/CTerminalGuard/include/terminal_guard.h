#ifndef HB_TERMINAL_GUARD_H
#define HB_TERMINAL_GUARD_H
#include <stddef.h>

/// Saves the terminal's current (cooked) mode. Call before the screen library changes it.
void hb_guard_save_mode(void);

/// On a fatal signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT, SIGSYS), writes `reset`
/// to stdout and restores the saved mode, then lets the signal take its previous course (the Swift
/// runtime's backtrace, a core dump), which so prints on a usable terminal. Async-signal-safe.
void hb_guard_install(const char *reset, size_t length);

/// Puts the previous handlers back.
void hb_guard_remove(void);

/// Saves the terminal's mode and, until `hb_prompt_guard_remove`, restores it on SIGINT, SIGTERM or SIGHUP
/// before the signal ends the process: a password prompt with echo off never leaves the terminal silent.
void hb_prompt_guard_install(void);
void hb_prompt_guard_remove(void);

#endif
