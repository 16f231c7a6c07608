#include "terminal_guard.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// Written before the handlers are installed, read only by them: no locking needed.
static struct termios saved_mode;
static int have_mode = 0;
static char reset_bytes[512];
static size_t reset_length = 0;
static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT, SIGSYS};
#define FATAL_COUNT (sizeof(fatal_signals) / sizeof(fatal_signals[0]))
static struct sigaction previous[FATAL_COUNT];
static int installed = 0;

void hb_guard_save_mode(void) {
    have_mode = tcgetattr(STDIN_FILENO, &saved_mode) == 0;
}

static void restore_terminal(int sig) {
    if (reset_length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, reset_bytes, reset_length);
        (void)ignored;
    }
    if (have_mode) tcsetattr(STDIN_FILENO, TCSANOW, &saved_mode);
    if (sig == SIGQUIT) {
        // The operator asked to quit (Ctrl-\\): end at once, with no crash report to page through.
        signal(sig, SIG_DFL);
    } else {
        for (size_t i = 0; i < FATAL_COUNT; i++) {
            if (fatal_signals[i] == sig) {
                sigaction(sig, &previous[i], NULL);
                break;
            }
        }
    }
    // Pending until this handler returns; then delivered to the previous handler (or the default action).
    raise(sig);
}

void hb_guard_install(const char *reset, size_t length) {
    if (length > sizeof(reset_bytes)) length = sizeof(reset_bytes);
    memcpy(reset_bytes, reset, length);
    reset_length = length;
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = restore_terminal;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < FATAL_COUNT; i++) {
        sigaction(fatal_signals[i], &action, &previous[i]);
    }
    installed = 1;
}

void hb_guard_remove(void) {
    if (!installed) return;
    for (size_t i = 0; i < FATAL_COUNT; i++) {
        sigaction(fatal_signals[i], &previous[i], NULL);
    }
    installed = 0;
}

// While a password is typed with echo off: Ctrl-C, a kill or a hang-up must not leave the terminal silent.
static const int prompt_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define PROMPT_COUNT (sizeof(prompt_signals) / sizeof(prompt_signals[0]))
static struct sigaction prompt_previous[PROMPT_COUNT];
static int prompt_installed = 0;

static void restore_mode_and_end(int sig) {
    if (have_mode) tcsetattr(STDIN_FILENO, TCSANOW, &saved_mode);
    ssize_t ignored = write(STDERR_FILENO, "\n", 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

void hb_prompt_guard_install(void) {
    hb_guard_save_mode();
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = restore_mode_and_end;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < PROMPT_COUNT; i++) sigaction(prompt_signals[i], &action, &prompt_previous[i]);
    prompt_installed = 1;
}

void hb_prompt_guard_remove(void) {
    if (!prompt_installed) return;
    for (size_t i = 0; i < PROMPT_COUNT; i++) sigaction(prompt_signals[i], &prompt_previous[i], NULL);
    prompt_installed = 0;
}
