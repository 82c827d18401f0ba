/*
 * profshim.h - validate and rewrite the ProfileInfo strings given to CDO 1.21 Session.Logon.
 *
 * The problem (Microsoft KB Q271913): a ProfileInfo whose mailbox part is an Exchange
 * distinguished name, such as
 *
 *     "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"
 *
 * makes MAPI create a temporary profile file whose name holds '/'. Run as a service, the
 * logon then fails with MAPI_E_NOT_FOUND. profshim says exactly what is wrong and where
 * (psh_check), rewrites the string into the documented safe form (psh_rewrite), and derives
 * a safe, stable, unique MAPI profile name (psh_profile_name).
 *
 * This header is the whole public interface, ABI contract version 1. It is valid C99 and
 * C++ and includes nothing but <stdint.h>.
 *
 * Conventions, shared by every function:
 *  - Every function returns an int32_t status shaped like an HRESULT: PSH_OK (0) is success,
 *    every failure is negative. psh_describe turns any status into a line of English.
 *  - Every function comes in two widths with the same rules: the plain one takes bytes
 *    (char), the _w one UTF-16 code units (psh_wchar). A "unit" is one of those.
 *  - No function allocates on the heap, keeps state between calls, throws, or aborts the
 *    process, whatever it is given. All are reentrant and safe to call from many threads.
 *  - No function reads `info` beyond the input length rules, nor writes `out` beyond `cap`
 *    units.
 */
#ifndef PROFSHIM_H
#define PROFSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version ------------------------------------------------------------------------ */

#define PSH_VERSION_MAJOR 1
#define PSH_VERSION_MINOR 0
#define PSH_VERSION_PATCH 0
/* major*10000 + minor*100 + patch: 1.0.0 is 10000. */
#define PSH_VERSION_NUMBER (PSH_VERSION_MAJOR * 10000 + PSH_VERSION_MINOR * 100 + PSH_VERSION_PATCH)
#define PSH_VERSION_STRING "1.0.0"

/* ---- Calling convention ------------------------------------------------------------- */

/* __stdcall on Windows (what VB6 `Declare` and VBA expect), the platform's C convention
 * elsewhere. On 32-bit Windows the names are exported undecorated ("psh_check"). */
#if defined(_WIN32)
#  define PSH_CALL __stdcall
#else
#  define PSH_CALL
#endif

/* A UTF-16 code unit, as in a VB String, a BSTR or a .NET string. */
typedef uint16_t psh_wchar;

/* ---- Status codes ------------------------------------------------------------------- */
/* HRESULT-shaped values; each is tested with `status < 0` for failure. The values are fixed
 * by the contract and never change meaning. */

#define PSH_OK                    ((int32_t)0x00000000)
/* A required pointer is NULL (E_POINTER). */
#define PSH_E_POINTER             ((int32_t)0x80004003u)
/* A negative `cap`, or a report whose `size` is too small (E_INVALIDARG). */
#define PSH_E_INVALIDARG          ((int32_t)0x80070057u)
/* An internal failure caught at the boundary; never expected (E_UNEXPECTED). */
#define PSH_E_UNEXPECTED          ((int32_t)0x8000FFFFu)
/* `out` is too small; `*out_len` says how many units the result needs, without the NUL. */
#define PSH_E_INSUFFICIENT_BUFFER ((int32_t)0x8007007Au)
/* The input is longer than PSH_MAX_INPUT units (MAPI_E_STRING_TOO_LONG). */
#define PSH_E_TOO_LONG            ((int32_t)0x80040105u)
/* A flag bit this version does not define (MAPI_E_UNKNOWN_FLAGS). */
#define PSH_E_UNKNOWN_FLAGS       ((int32_t)0x80040106u)
/* A unit outside printable ASCII 0x20-0x7E and LF (CR, TAB, NUL, any non-ASCII unit). */
#define PSH_E_BAD_CHAR            ((int32_t)0x80040201u)
/* No LF between server and mailbox. */
#define PSH_E_NO_SEPARATOR        ((int32_t)0x80040202u)
/* More separators than the two forms allow. */
#define PSH_E_SYNTAX              ((int32_t)0x80040203u)
/* The server part is empty. */
#define PSH_E_EMPTY_SERVER        ((int32_t)0x80040204u)
/* The server part is not a host name. */
#define PSH_E_BAD_SERVER          ((int32_t)0x80040205u)
/* The mailbox part is empty. */
#define PSH_E_EMPTY_MAILBOX       ((int32_t)0x80040206u)
/* The alias has a space at an end or is over 64 units. */
#define PSH_E_BAD_MAILBOX         ((int32_t)0x80040207u)
/* A DN that breaks the Exchange DN grammar. */
#define PSH_E_BAD_DN              ((int32_t)0x80040208u)
/* A unit invalid in a Windows file name: the KB Q271913 failure. */
#define PSH_E_UNSAFE_CHAR         ((int32_t)0x80040209u)
/* A part is a Windows device name (CON, NUL, COM1, ...). */
#define PSH_E_RESERVED_NAME       ((int32_t)0x8004020Au)

/* ---- Limits, forms, flags ----------------------------------------------------------- */

/* The longest input, in units. A longer one is PSH_E_TOO_LONG. */
#define PSH_MAX_INPUT 4096

/* The longest profile name psh_profile_name makes, in units (MAPI's cchProfileNameMax). */
#define PSH_PROFILE_NAME_MAX 64

/* psh_report.form */
#define PSH_FORM_UNKNOWN   0  /* separators not parsed, or an empty mailbox */
#define PSH_FORM_ALIAS     1  /* "server\nalias" */
#define PSH_FORM_DN        2  /* "server\n/o=.../ou=.../cn=..." */
#define PSH_FORM_ANONYMOUS 3  /* "/o=.../cn=SERVER\n\nanon" */

/* psh_rewrite flags: keep a DN mailbox as it is rather than replace it by its last RDN;
 * such a ProfileInfo is then PSH_E_UNSAFE_CHAR (use psh_profile_name instead). */
#define PSH_REWRITE_KEEP_DN ((uint32_t)0x1u)

/* ---- Input rules (every function that takes `info`) --------------------------------- */
/*
 *  - `info` NULL: PSH_E_POINTER.
 *  - `len < 0`: `info` is NUL-terminated. At most PSH_MAX_INPUT + 1 units are read looking
 *    for the NUL; no NUL among them is PSH_E_TOO_LONG.
 *  - `len >= 0`: exactly `len` units are read, and a NUL among them is an ordinary (bad)
 *    unit. `len > PSH_MAX_INPUT` is PSH_E_TOO_LONG.
 *  - Argument errors are reported in this order: pointers, then `cap` or `report->size`,
 *    then flags, then length.
 */

/* ---- Output buffers (psh_rewrite, psh_profile_name, psh_describe) ------------------- */
/*
 *  - `cap` is the size of `out` in units, room for the terminating NUL included.
 *    `cap < 0`: PSH_E_INVALIDARG. `out` NULL with `cap > 0`: PSH_E_POINTER.
 *    `out_len` may be NULL.
 *  - A result of L units and cap >= L + 1: the units and a NUL are written, *out_len = L,
 *    PSH_OK.
 *  - cap < L + 1: only out[0] = 0 is written (when cap > 0), *out_len = L,
 *    PSH_E_INSUFFICIENT_BUFFER. So out = NULL, cap = 0 asks for the size:
 *
 *        int32_t n = 0;
 *        psh_rewrite(info, -1, 0, NULL, 0, &n);          -- PSH_E_INSUFFICIENT_BUFFER, n = L
 *        psh_rewrite(info, -1, 0, buf, n + 1, &n);       -- PSH_OK
 *
 *  - Any other failure: out[0] = 0 (when cap > 0 and out is not NULL), *out_len = 0.
 *  - `out` may be the very same pointer as `info` (rewrite in place). Then a call that
 *    does not return PSH_OK writes nothing at all to `out` (not even out[0] = 0), so a
 *    failed call never destroys the caller's string. Other overlaps are undefined.
 *    In place is judged by pointer equality: for psh_profile_name, whose result can be
 *    longer than its input, `cap` must still cover the result.
 */

/* ---- psh_check ---------------------------------------------------------------------- */

/* What psh_check found. Set `size = sizeof(psh_report)` before the call; a larger size
 * (a caller built against a later version) is accepted, and only the version 1 fields are
 * written. A size below 36 bytes is PSH_E_INVALIDARG and the report is left untouched.
 * Whenever the size is valid, every field below is written, whatever the call returns
 * (for a NULL `info`, too: status PSH_E_POINTER, nothing parsed). */
typedef struct psh_report {
    int32_t size;            /* in: sizeof(psh_report) */
    int32_t status;          /* the value returned */
    int32_t form;            /* PSH_FORM_*: set once the separators are parsed; for the
                                authenticated form DN when the mailbox starts with '/',
                                ALIAS when it is non-empty and does not, UNKNOWN when empty */
    int32_t server_offset;   /* -1 until the separators are parsed */
    int32_t server_length;   /* 0 until then */
    int32_t mailbox_offset;  /* -1 until then; for the anonymous form, the offset of "anon" */
    int32_t mailbox_length;  /* 0 until then */
    int32_t error_offset;    /* the unit at fault, counted from 0; -1 when the call succeeds
                                or when no single unit is at fault (PSH_E_NO_SEPARATOR,
                                PSH_E_TOO_LONG, argument errors). A part that is missing
                                something at its end reports the offset of its end, which
                                may equal the input's length. */
    int32_t rewritable;      /* 1 if psh_rewrite(info, len, 0, ...) with room enough would
                                return PSH_OK, else 0 */
} psh_report;

/* The size of the version 1 report, in bytes. */
#define PSH_REPORT_V1_SIZE 36

/*
 * psh_check: is this ProfileInfo safe to give to CDO as it is?
 *
 * Returns PSH_OK or the first problem, looked for in this order:
 *  1. Characters: the first unit that is neither LF nor 0x20-0x7E: PSH_E_BAD_CHAR.
 *  2. Separators: no LF is PSH_E_NO_SEPARATOR. One LF is the authenticated form
 *     "server\nmailbox". Two LFs side by side followed by "anon" (any case) and nothing
 *     else is the anonymous form "serverDN\n\nanon". Anything else is PSH_E_SYNTAX at the
 *     second LF.
 *  3. Server, authenticated form: PSH_E_EMPTY_SERVER; then a host name (A-Z a-z 0-9 . - _,
 *     no '.' first, last or doubled, no '-' at either end of a label, labels of at most 63
 *     units, at most 253 units in all): PSH_E_BAD_SERVER; then a stem (the units before the
 *     first '.') that is a device name: PSH_E_RESERVED_NAME.
 *     Server, anonymous form: PSH_E_EMPTY_SERVER, else an Exchange DN or PSH_E_BAD_DN.
 *  4. Mailbox, authenticated form: PSH_E_EMPTY_MAILBOX. One starting with '/' is a DN:
 *     PSH_E_BAD_DN when it breaks the grammar, else PSH_E_UNSAFE_CHAR at its first '/'
 *     (the KB Q271913 case). Otherwise an alias: a space first or last, PSH_E_BAD_MAILBOX;
 *     one of < > : " / \ | ? *, PSH_E_UNSAFE_CHAR; a '.' last, PSH_E_UNSAFE_CHAR; over 64
 *     units, PSH_E_BAD_MAILBOX; a device-name stem, PSH_E_RESERVED_NAME.
 * Device names, in any case: CON PRN AUX NUL CLOCK$ CONIN$ CONOUT$ COM0-COM9 LPT0-LPT9.
 * Exchange DN: "/o=" RDN "/ou=" RDN, then one to fourteen "/cn=" RDN; an RDN is 1 to 64
 * units of space, A-Z a-z 0-9 and ! " % & \ ( ) * + , - . : < = > ? @ [ ] _ | with no
 * space at either end, and the RDNs of one DN hold at most 256 units in all.
 *
 * `report` may be NULL.
 */
int32_t PSH_CALL psh_check(const char* info, int32_t len, psh_report* report);
int32_t PSH_CALL psh_check_w(const psh_wchar* info, int32_t len, psh_report* report);

/*
 * psh_rewrite: make a ProfileInfo safe, keeping what it means.
 *
 *  1. Units as for psh_check, except that CR and TAB are accepted here.
 *  2. CRLF and a lone CR become LF; each line loses its leading and trailing spaces and
 *     tabs; lines then empty are dropped at the start and at the end (the empty middle
 *     line of the anonymous form stays). So an empty server or mailbox line is dropped
 *     too, and the result is PSH_E_NO_SEPARATOR rather than PSH_E_EMPTY_SERVER or
 *     PSH_E_EMPTY_MAILBOX ("EXCH01\n" and "\njdoe" both have no separator left).
 *  3. Unless PSH_REWRITE_KEEP_DN: in the authenticated form a mailbox that is a well-formed
 *     DN becomes its last RDN, the directory name Exchange 5.5 made from the alias; in the
 *     anonymous form "anon" is written in lower case.
 *  4. The result must pass psh_check; if it does not, that status is returned.
 *
 * The output is never longer than the input, and rewriting it again changes nothing.
 * A DN whose last RDN is not a safe alias (it holds ':' or '?', say) is PSH_E_UNSAFE_CHAR:
 * psh_profile_name is the way out. Flag bits other than PSH_REWRITE_KEEP_DN:
 * PSH_E_UNKNOWN_FLAGS. Output buffer rules above; `out == info` rewrites in place.
 */
int32_t PSH_CALL psh_rewrite(const char* info, int32_t len, uint32_t flags,
                             char* out, int32_t cap, int32_t* out_len);
int32_t PSH_CALL psh_rewrite_w(const psh_wchar* info, int32_t len, uint32_t flags,
                               psh_wchar* out, int32_t cap, int32_t* out_len);

/*
 * psh_profile_name: a safe, stable, unique MAPI profile name for this ProfileInfo, for
 * callers that create and name their own profile.
 *
 * The input is normalised as by psh_rewrite steps 1-2 and checked as by psh_check, except
 * that the checks whose status is PSH_E_UNSAFE_CHAR or PSH_E_RESERVED_NAME are skipped.
 * The name is  S "_" M "_" H  where
 *  - H is the 64-bit FNV-1a hash of the normalised ProfileInfo (DN kept whole) with A-Z
 *    lowered, in 16 lower-case hex digits: inputs that differ only in case or in the
 *    whitespace and newlines normalisation removes get the same name, any other difference
 *    another name;
 *  - S is the server up to its first '.' (anonymous form: the server DN's last RDN), at
 *    most 15 units; M is the alias (a DN mailbox: its last RDN; anonymous form: "anon"), at
 *    most 46 - length(S) units; both in lower case, every unit outside A-Z a-z 0-9 _
 *    replaced by '_'.
 * So the name has at most 64 units (PSH_PROFILE_NAME_MAX), only A-Z a-z 0-9 _, and is
 * never a device name. Example: "exch01_jdoe_0123456789abcdef".
 * `flags` must be 0, else PSH_E_UNKNOWN_FLAGS. Output buffer rules above.
 */
int32_t PSH_CALL psh_profile_name(const char* info, int32_t len, uint32_t flags,
                                  char* out, int32_t cap, int32_t* out_len);
int32_t PSH_CALL psh_profile_name_w(const psh_wchar* info, int32_t len, uint32_t flags,
                                    psh_wchar* out, int32_t cap, int32_t* out_len);

/*
 * psh_describe: one line of English for `status`. For the codes above it starts with the
 * code's name and ": " and says what happened and what to do; for any other value it is
 * exactly "unknown status 0xXXXXXXXX" (8 upper-case hex digits). Returns PSH_OK or the
 * output buffer codes above.
 */
int32_t PSH_CALL psh_describe(int32_t status, char* out, int32_t cap, int32_t* out_len);
int32_t PSH_CALL psh_describe_w(int32_t status, psh_wchar* out, int32_t cap, int32_t* out_len);

/* The PSH_VERSION_NUMBER of the library actually loaded (compare with the header's). */
int32_t PSH_CALL psh_version(void);

#ifdef __cplusplus
}
#endif

#endif /* PROFSHIM_H */
