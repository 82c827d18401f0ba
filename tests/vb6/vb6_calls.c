/* vb6_calls.c - the VB6 calling convention, tested on the 32-bit profshim.dll.
 *
 * VB6 (and 32-bit VBA) calls a Declare by loading the DLL, finding the Alias with
 * GetProcAddress, pushing one 4-byte slot per argument, calling, and then comparing the
 * stack pointer with what it was: if the function did not pop exactly those bytes, VB
 * raises run-time error 49, "Bad DLL calling convention". This program does the same for
 * every Declare of bindings/vb/ProfShim.bas, in both of its branches (VB6's #Else and
 * VBA7's, LongPtr being 4 bytes in 32-bit Office): vb6_declares.h, made from the .bas at
 * build time, has a function per Declare that passes the arguments as the Declare says;
 * vb6_call.S makes the call and measures ESP. The answers are checked too, with the
 * arguments a VB caller gives (an ANSI copy for ByVal String, StrPtr for the _w ones).
 *
 * Before that, the ESP check is shown to catch what it is for: a __cdecl function, and
 * __stdcall functions given one slot too many or too few.
 * Prints "N passed, M failed"; exit status 0 only when nothing failed. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

#include "profshim.h"   /* constants only: every call goes through the Declares */

int32_t vb_stdcall(void *fn, const uint32_t *slots, int32_t count, int32_t *esp_delta);

static int passed, failed;
static HMODULE dll;

static void result(int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (ok) {
        ++passed;
    } else {
        ++failed;
        printf("FAIL: ");
        vprintf(fmt, ap);
        printf("\n");
    }
    va_end(ap);
}

/* Which Declares each branch called (by alias), to show that every one was. */
#define MAX_DECLARES 32
static const char *called[2][MAX_DECLARES];
static int called_count[2];

static void note_called(const char *branch, const char *alias)
{
    int b = strcmp(branch, "VB6") == 0 ? 0 : 1;
    for (int i = 0; i < called_count[b]; ++i)
        if (strcmp(called[b][i], alias) == 0)
            return;
    if (called_count[b] < MAX_DECLARES)
        called[b][called_count[b]++] = alias;
}

/* What VB does for a Declare: GetProcAddress of the Alias (error 453 when absent), the call,
 * the stack pointer compared (error 49). */
static uint32_t vb_declare_call(const char *branch, const char *alias, const uint32_t *slots, int32_t count)
{
    FARPROC fn = GetProcAddress(dll, alias);
    if (!fn) {
        result(0, "%s %s: run-time error 453, no entry point %s in profshim.dll", branch, alias, alias);
        return 0xFFFFFFFFu;
    }
    note_called(branch, alias);
    int32_t esp_delta = 12345;
    int32_t eax = vb_stdcall((void *)fn, slots, count, &esp_delta);
    result(esp_delta == 0, "%s %s: run-time error 49, Bad DLL calling convention: %d bytes left on the stack "
           "after %d argument slots", branch, alias, (int)esp_delta, (int)count);
    return (uint32_t)eax;
}

#include "vb6_declares.h"

/* ---- the check itself can fail ------------------------------------------------------- */
static int32_t __cdecl cdecl_two(int32_t a, int32_t b) { return a + b; }
static int32_t __stdcall stdcall_two(int32_t a, int32_t b) { return a - b; }

static void check_the_check(void)
{
    const uint32_t slots[3] = { 7, 5, 99 };
    int32_t delta = 0;
    int32_t r = vb_stdcall((void *)cdecl_two, slots, 2, &delta);
    result(r == 12 && delta == 8, "a __cdecl function: %d bytes left (8 expected), result %d", (int)delta, (int)r);
    r = vb_stdcall((void *)stdcall_two, slots, 2, &delta);
    result(r == 2 && delta == 0, "__stdcall with its 2 slots: %d bytes left (0 expected)", (int)delta);
    vb_stdcall((void *)stdcall_two, slots, 3, &delta);
    result(delta == 4, "__stdcall of 2 given 3 slots: %d bytes left (4 expected)", (int)delta);
    vb_stdcall((void *)stdcall_two, slots, 1, &delta);
    result(delta == -4, "__stdcall of 2 given 1 slot: %d bytes left (-4 expected)", (int)delta);
}

/* ---- the Declares, branch by branch ------------------------------------------------------ */
/* UTF-16 of an ASCII string, as a VB String holds it (StrPtr points at its first unit). */
static int32_t to_utf16(const char *s, psh_wchar *w)
{
    int32_t n = 0;
    for (; s[n]; ++n)
        w[n] = (psh_wchar)(unsigned char)s[n];
    w[n] = 0;
    return n;
}

static int wide_equals(const psh_wchar *w, int32_t n, const char *s)
{
    if ((int32_t)strlen(s) != n)
        return 0;
    for (int32_t i = 0; i < n; ++i)
        if (w[i] != (psh_wchar)(unsigned char)s[i])
            return 0;
    return 1;
}

#define BRANCH "VB6"
#define DECL(name) vb6_##name
#define RUN_BRANCH run_vb6
#include "vb6_calls_body.h"
#undef BRANCH
#undef DECL
#undef RUN_BRANCH

#define BRANCH "VBA7"
#define DECL(name) vba7_##name
#define RUN_BRANCH run_vba7
#include "vb6_calls_body.h"

int main(void)
{
    check_the_check();
    dll = LoadLibraryW(L"profshim.dll");   /* what Lib "profshim.dll" loads: the program's folder first */
    if (!dll) {
        printf("FAIL: LoadLibraryW(profshim.dll): error %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    run_vb6();
    run_vba7();
    result(called_count[0] == VB6_DECLARES, "VB6 branch: %d of %d Declares called", called_count[0], VB6_DECLARES);
    result(called_count[1] == VBA7_DECLARES, "VBA7 branch: %d of %d Declares called", called_count[1], VBA7_DECLARES);
    printf("vb6_calls: %d Declares per branch, each called with ESP checked\n", VB6_DECLARES);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
