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
 * This header is the whole public interface and the contract: ABI contract version 1.2
 * (library 1.2.0). It is valid C99 and C++ and includes nothing but <stdint.h>. Its
 * numbered sections (1 to 11) are what the code, the tests and the docs cite as
 * "profshim.h section N" ("rule N" is a numbered rule inside a section).
 *
 * Versions: 1.0.0 is sections 1 to 9. 1.1.0 adds what is marked "since 1.1" and listed in
 * section 10. 1.2.0 adds what is marked "since 1.2" and listed in section 11: text outside
 * ASCII (UTF-8 for the byte functions, UTF-16 for the _w ones). Neither changes an export,
 * a status value, a struct field or a profile name of an earlier version.
 *
 * Section 1. Binary and calling convention: profshim.dll on Windows, libprofshim.so
 * (SONAME libprofshim.so.1) on Linux; exports.def is the one list of exported names, and
 * the binaries export exactly those (the Windows DLL also the COM entry points, PRIVATE).
 * Every count, offset and status is int32_t, every flag word uint32_t (a VB Long passes
 * any of them). Both Windows bitnesses are built and tested at run time: x64 under 64-bit
 * Wine, and x86, the DLL VB6, 32-bit VBA and 32-bit IIS pools load, under 32-bit Wine
 * (WoW64): the ABI suite through LoadLibraryW, C callers linked with both import libraries,
 * the COM object from 32-bit cscript, and every Declare of bindings/vb/ProfShim.bas called
 * as VB6 calls it, the stack pointer checked after each call.
 *
 * Section 2. Conventions, shared by every function:
 *  - Every function returns an int32_t status shaped like an HRESULT: PSH_OK (0) is success,
 *    every failure is negative. psh_describe turns any status into a line of English.
 *  - Every function comes in two widths with the same rules: the plain one takes bytes
 *    (char), the _w one UTF-16 code units (psh_wchar). A "unit" is one of those. Since 1.2
 *    (section 11.1) the bytes are UTF-8 and the units UTF-16, in and out: the byte
 *    functions are not for text in an ANSI code page (a Windows program whose strings are
 *    ANSI calls the _w functions; VB passes StrPtr of its String). Every count and offset
 *    (len, cap, *out_len, PSH_MAX_INPUT, the report's offsets and lengths) still counts
 *    units of the width called: bytes, or UTF-16 units. The same text gives the same
 *    answers in both widths, offsets at the same character (section 11.6).
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
#define PSH_VERSION_MINOR 2
#define PSH_VERSION_PATCH 0
/* major*10000 + minor*100 + patch: 1.0.0 is 10000, 1.1.0 is 10100, 1.2.0 is 10200. */
#define PSH_VERSION_NUMBER (PSH_VERSION_MAJOR * 10000 + PSH_VERSION_MINOR * 100 + PSH_VERSION_PATCH)
#define PSH_VERSION_STRING "1.2.0"

/* ---- Calling convention ------------------------------------------------------------- */

/* __stdcall on Windows (what VB6 `Declare` and VBA expect), the platform's C convention
 * elsewhere. On 32-bit Windows the names are exported undecorated ("psh_check"). */
#if defined(_WIN32)
#  define PSH_CALL __stdcall
#else
#  define PSH_CALL
#endif

/* On every declaration below. On ELF it makes the name visible while the library builds
 * everything else hidden; on Windows exports.def is the export list, so it is empty. */
#if !defined(_WIN32) && defined(__GNUC__)
#  define PSH_API __attribute__((visibility("default")))
#else
#  define PSH_API
#endif

/* A UTF-16 code unit, as in a VB String, a BSTR or a .NET string. */
typedef uint16_t psh_wchar;

/* ---- Section 3. Status codes -------------------------------------------------------- */
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
/* A unit where no well-formed character starts, or a control: CR, TAB, NUL and the other
 * characters below 0x20 but LF, 0x7F, and since 1.2 U+0080-U+009F (section 5, rule 1). In
 * 1.0 and 1.1 also every non-ASCII unit. */
#define PSH_E_BAD_CHAR            ((int32_t)0x80040201u)
/* No LF between server and mailbox. */
#define PSH_E_NO_SEPARATOR        ((int32_t)0x80040202u)
/* More separators than the two forms allow. */
#define PSH_E_SYNTAX              ((int32_t)0x80040203u)
/* The server part is empty. */
#define PSH_E_EMPTY_SERVER        ((int32_t)0x80040204u)
/* The server part is not a host name (nor, since 1.1, a personalized server name). */
#define PSH_E_BAD_SERVER          ((int32_t)0x80040205u)
/* The mailbox part is empty. */
#define PSH_E_EMPTY_MAILBOX       ((int32_t)0x80040206u)
/* The alias has a space at an end or is over 64 units (since 1.2: UTF-16 units, in both
 * widths). */
#define PSH_E_BAD_MAILBOX         ((int32_t)0x80040207u)
/* A DN that breaks the Exchange DN grammar. */
#define PSH_E_BAD_DN              ((int32_t)0x80040208u)
/* A unit invalid in a Windows file name: the KB Q271913 failure. */
#define PSH_E_UNSAFE_CHAR         ((int32_t)0x80040209u)
/* A part is a Windows device name (CON, NUL, COM1, ...). */
#define PSH_E_RESERVED_NAME       ((int32_t)0x8004020Au)

/* Every status above, once: PSH_STATUS_LIST(X) expands to X(name) for each, in the order
 * above, for code that needs them all (psh_describe's texts, name tables, bindings' checks).
 * A status added to this header is added here too; the library does not build until
 * psh_describe has its text. */
#define PSH_STATUS_LIST(X) \
    X(PSH_OK) X(PSH_E_POINTER) X(PSH_E_INVALIDARG) X(PSH_E_UNEXPECTED) \
    X(PSH_E_INSUFFICIENT_BUFFER) X(PSH_E_TOO_LONG) X(PSH_E_UNKNOWN_FLAGS) X(PSH_E_BAD_CHAR) \
    X(PSH_E_NO_SEPARATOR) X(PSH_E_SYNTAX) X(PSH_E_EMPTY_SERVER) X(PSH_E_BAD_SERVER) \
    X(PSH_E_EMPTY_MAILBOX) X(PSH_E_BAD_MAILBOX) X(PSH_E_BAD_DN) X(PSH_E_UNSAFE_CHAR) \
    X(PSH_E_RESERVED_NAME)

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

/* psh_rewrite flags (section 6). Any other bit is PSH_E_UNKNOWN_FLAGS. */
/* Keep a DN mailbox as it is rather than replace it by its last RDN; such a ProfileInfo
 * is then PSH_E_UNSAFE_CHAR (use psh_profile_name instead). */
#define PSH_REWRITE_KEEP_DN ((uint32_t)0x1u)
/* Since 1.1 (section 10.3): write a DN mailbox that is replaced by its directory name in
 * the exact-match form "=name" (KB Q193643), so that name resolution cannot pick another
 * mailbox whose name merely starts with the same letters. No effect with KEEP_DN. */
#define PSH_REWRITE_EXACT   ((uint32_t)0x2u)

/* ---- Section 4. Input rules (every function that takes `info`) ---------------------- */
/*
 *  - `info` NULL: PSH_E_POINTER.
 *  - `len < 0`: `info` is NUL-terminated. At most PSH_MAX_INPUT + 1 units are read looking
 *    for the NUL; no NUL among them is PSH_E_TOO_LONG.
 *  - `len >= 0`: exactly `len` units are read, and a NUL among them is an ordinary (bad)
 *    unit. `len > PSH_MAX_INPUT` is PSH_E_TOO_LONG.
 *  - Argument errors are reported in this order: pointers, then `cap` or `report->size`,
 *    then flags, then length.
 */

/* ---- Section 8. Output buffers (psh_rewrite, psh_profile_name, psh_describe) -------- */
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

/* ---- Section 5. psh_check ----------------------------------------------------------- */

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
                                return PSH_OK, else 0 (since 1.1: 0 for a DN mailbox of
                                Exchange 2007 or later, section 10.2) */
} psh_report;

/* The size of the version 1 report, in bytes. */
#define PSH_REPORT_V1_SIZE 36

/*
 * psh_check: is this ProfileInfo safe to give to CDO as it is?
 *
 * Returns PSH_OK or the first problem, looked for in the order of the rules below.
 * Offsets count units from the start of `info`, from 0. An ordinal counts from 1 and
 * names the first unit past a limit: "the 64th unit of a label" is at the label's start
 * + 63. Where the fault is that something is missing at the end, the offset is the end of
 * that part (it may equal the input's length). PSH_E_NO_SEPARATOR, PSH_E_TOO_LONG and the
 * argument errors have error offset -1.
 *
 *  Rule 1. Characters (since 1.2, section 11.2; in 1.0 and 1.1 the first unit that is
 *     neither LF nor 0x20-0x7E): the input is read as characters, Unicode scalar values:
 *     in UTF-8 (RFC 3629) one well-formed sequence of 1 to 4 bytes (overlong forms, encoded
 *     surrogates and values above U+10FFFF are ill-formed); in UTF-16 one unit outside
 *     D800-DFFF, or a high surrogate (D800-DBFF) followed by a low one (DC00-DFFF).
 *     PSH_E_BAD_CHAR at the first unit, left to right, where either no well-formed
 *     character starts (a stray continuation byte, a lone or reversed surrogate, a
 *     sequence cut short by the end or by a byte that cannot continue it: the offset of
 *     the unit where that sequence starts) or the character is a control: U+0000-U+001F
 *     but LF, U+007F, U+0080-U+009F. So CR, TAB and NUL are PSH_E_BAD_CHAR at the same
 *     offsets as in 1.1. Every other character passes, and the rules of its part decide.
 *  Rule 2. Separators: no LF is PSH_E_NO_SEPARATOR. One LF is the authenticated form
 *     "server\nmailbox". Exactly two LFs side by side followed by "anon" (any case) and
 *     nothing else is the anonymous form "serverDN\n\nanon". Any other count or shape is
 *     PSH_E_SYNTAX at the second LF. From here on the report's parts are set.
 *  Rule 3. Server, authenticated form: empty is PSH_E_EMPTY_SERVER at 0. Otherwise a host
 *     name, checked unit by unit from the left, the first failing unit PSH_E_BAD_SERVER: a
 *     unit outside A-Z a-z 0-9 . - _ (since 1.2 so any non-ASCII character, at its first
 *     unit: an internationalised host name is given in its ASCII "xn--" form); a '.'
 *     first, last or right after another '.'; a '-' first or last in its label (labels are
 *     split by '.'); the 64th unit of a label. Then
 *     a server over 253 units is PSH_E_BAD_SERVER at the unit 253 past its start. Then a
 *     stem (rule 5) that is a device name is PSH_E_RESERVED_NAME at the server's offset.
 *     Since 1.1 (section 10.1), a personalized server name: a server whose first 36 units
 *     are a GUID in the 8-4-4-4-12 form (hex digits 0-9 a-f A-F, '-' at its offsets 8, 13,
 *     18 and 23) and whose 37th unit is '@', as Exchange 2013 and later name a mailbox's
 *     server ("3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@contoso.com"). The host-name rule then
 *     applies to the units after the '@' alone (offsets still count from the start of
 *     `info`; a host over 253 units fails at the unit 253 past the unit after the '@'), an
 *     empty host is PSH_E_BAD_SERVER at the end of the server part, and the stem holds the
 *     GUID, so it is never a device name. Any other server is checked as in 1.0 (so
 *     "jdoe@contoso" fails at its '@').
 *     Server, anonymous form: empty is PSH_E_EMPTY_SERVER at 0; otherwise a DN (rule 6).
 *  Rule 4. Mailbox, authenticated form: empty is PSH_E_EMPTY_MAILBOX at its offset (the
 *     input's length). One starting with '/' is a DN: PSH_E_BAD_DN where it breaks the
 *     grammar (rule 6), else PSH_E_UNSAFE_CHAR at its first '/' (exactly the KB Q271913
 *     case). Otherwise an alias, checked in this order: an ASCII space first or last,
 *     PSH_E_BAD_MAILBOX at it; the first of < > : " / \ | ? *, PSH_E_UNSAFE_CHAR at it; a
 *     '.' last, PSH_E_UNSAFE_CHAR at it (Windows drops it, so the file would have another
 *     name); over 64 units, PSH_E_BAD_MAILBOX at its 65th unit; a stem that is a device
 *     name, PSH_E_RESERVED_NAME at the alias's offset.
 *     Since 1.2 (section 11.3) an alias may hold any character that passes rule 1 (a
 *     display name such as "J\u00fcrgen M\u00fcller"), and its limit is 64 UTF-16 units in
 *     both widths, as Active Directory counts names: PSH_E_BAD_MAILBOX at the first unit
 *     of the character that takes it past 64 (63 units and a supplementary character fail
 *     at that character). Only the ASCII space counts as a space; a no-break space at an
 *     end is a character like any other.
 *     The ANSI code page (11.3): CDO hands the ProfileInfo to MAPI in the ANSI code page
 *     of the process that logs on, so a character that code page lacks reaches MAPI as '?'
 *     and brings the KB Q271913 failure back. The library cannot know that code page (a
 *     string may be checked on another machine than the one that logs on), so it does not
 *     guess: a caller that must be sure gives the alias in ASCII or uses psh_profile_name.
 *     Mailbox, anonymous form: "anon", nothing to check.
 *  Rule 5. Device names, compared without regard to ASCII case: CON PRN AUX NUL CLOCK$
 *     CONIN$ CONOUT$ COM0-COM9 LPT0-LPT9, and since 1.2 COM\u00b9 COM\u00b2 COM\u00b3
 *     LPT\u00b9 LPT\u00b2 LPT\u00b3 (the superscript digits one, two, three, which Windows
 *     treats as COM1 and so on: learn.microsoft.com, "Naming Files, Paths, and
 *     Namespaces"). No character outside ASCII is case-folded. The stem of a server or an
 *     alias is its units before the first '.', or all of them ("nul.txt" has the stem
 *     "nul").
 *  Rule 6. Exchange DN (legacyExchangeDN, [MS-OXOABK] 2.2.1.1), parsed left to right;
 *     PSH_E_BAD_DN at the first unit where the parse fails, or at the end of the part where
 *     it ends too soon: "/o=" RDN "/ou=" RDN, then one to fourteen "/cn=" RDN, then the end.
 *     The letters of o, ou, cn match in any case. An RDN runs to the next '/' or the end;
 *     it is 1 to 64 units of the teletex set (space, A-Z a-z 0-9 and
 *     ! " % & \ ( ) * + , - . : < = > ? @ [ ] _ |) with no space first or last (so a DN
 *     stays ASCII: since 1.2 a non-ASCII character fails at its first unit). An empty
 *     RDN fails where it should start; a unit outside the set at that unit; the 65th unit
 *     of one RDN at it; a space first or last at it; the 257th RDN unit of the whole DN at
 *     it; a 15th "/cn=" at its '/'. Of several faults in one RDN the leftmost is reported.
 *
 * `report` may be NULL; see psh_report above for what it receives.
 * Returns: PSH_OK; PSH_E_POINTER (`info` NULL); PSH_E_INVALIDARG (report->size below 36);
 * PSH_E_TOO_LONG (section 4); or a status of rules 1-6.
 */
PSH_API int32_t PSH_CALL psh_check(const char* info, int32_t len, psh_report* report);
PSH_API int32_t PSH_CALL psh_check_w(const psh_wchar* info, int32_t len, psh_report* report);

/* ---- Section 6. psh_rewrite --------------------------------------------------------- */
/*
 * psh_rewrite: make a ProfileInfo safe, keeping what it means (whom it logs on).
 *
 *  Step 1. Characters as psh_check rule 1, except that CR and TAB are accepted here.
 *  Step 2. CRLF and a lone CR become LF; each line loses its leading and trailing ASCII
 *     spaces and tabs (no other character: section 11.3); lines then empty are dropped at
 *     the start and at the end (the empty middle line of the anonymous form stays; a TAB
 *     inside a line stays, and step 4 rejects it). Since 1.2 (section 11.7), when that
 *     leaves a single line the result names what is missing, as psh_check does, instead
 *     of PSH_E_NO_SEPARATOR: PSH_E_EMPTY_MAILBOX when an empty line was dropped after it
 *     ("EXCH01\n", "EXCH01\r\n\r\n"), else PSH_E_EMPTY_SERVER when one was dropped before
 *     it ("\njdoe"). An input that never had a line break is PSH_E_NO_SEPARATOR. (1.0 and
 *     1.1 said PSH_E_NO_SEPARATOR for both.)
 *  Step 3. Unless PSH_REWRITE_KEEP_DN (which skips this whole step): in the authenticated
 *     form a mailbox that is a well-formed DN becomes its last RDN, the directory name
 *     Exchange 5.5 to 2003 made from the alias; with PSH_REWRITE_EXACT (since 1.1) it is
 *     written "=" and that name. In the anonymous form "anon" is written in lower case.
 *     Since 1.1 (section 10.2): a DN mailbox whose /ou= RDN is
 *     "Exchange Administrative Group (FYDIBOHF23SPDLT)" (exactly that text, in any ASCII
 *     case) was made by Exchange 2007 or later, whose last RDN is not the alias (a display
 *     name, hex digits appended, or 32 hex digits and '-' before it): it is left in place,
 *     so the result is PSH_E_UNSAFE_CHAR and psh_profile_name is the way out.
 *     The directory name can differ from the current alias when the alias was changed after
 *     the mailbox was made; callers that must not take that chance set PSH_REWRITE_KEEP_DN.
 *  Step 4. The result must pass psh_check; if it does not, that status is returned (so a
 *     64-unit directory name with its '=' is PSH_E_BAD_MAILBOX, and a DN whose last RDN
 *     holds ':' or '?' is PSH_E_UNSAFE_CHAR: psh_profile_name is the way out).
 *
 * The output is never longer than the input, and rewriting it again with the same flags
 * changes nothing. Units: `cap` and `*out_len` count units of the width called; `*out_len`
 * excludes the NUL. Since 1.2 the output is in the caller's encoding (UTF-8 or UTF-16,
 * section 11.4); a DN's last RDN and the "=" form are ASCII as before. Output buffer rules: section 8; `out == info` rewrites in place.
 * Returns: PSH_OK; PSH_E_POINTER; PSH_E_INVALIDARG; PSH_E_UNKNOWN_FLAGS (a bit other than
 * PSH_REWRITE_KEEP_DN and PSH_REWRITE_EXACT); PSH_E_TOO_LONG; PSH_E_INSUFFICIENT_BUFFER;
 * PSH_E_BAD_CHAR (step 1); PSH_E_EMPTY_SERVER or PSH_E_EMPTY_MAILBOX (step 2, since
 * 1.2); or a status of psh_check's rules 2-6 for the result.
 */
PSH_API int32_t PSH_CALL psh_rewrite(const char* info, int32_t len, uint32_t flags,
                             char* out, int32_t cap, int32_t* out_len);
PSH_API int32_t PSH_CALL psh_rewrite_w(const psh_wchar* info, int32_t len, uint32_t flags,
                               psh_wchar* out, int32_t cap, int32_t* out_len);

/* ---- Section 7. psh_profile_name ---------------------------------------------------- */
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
 *  - Since 1.2 (section 11.5): the key H hashes is the normalised ProfileInfo in UTF-8,
 *    whichever width was called, with A-Z lowered and every other character as it is (for
 *    ASCII these are the bytes 1.0 and 1.1 hashed, so no name they gave changes); in S
 *    and M each character outside A-Z a-z 0-9 _ becomes one '_' (a character, not a
 *    unit: "\u00fc" and a supplementary character are one '_' each), and the limits of 15
 *    and 46 - length(S) count characters. The name stays ASCII. Example:
 *    "EXCH01\nJ\u00fcrgen M\u00fcller" gives "exch01_j_rgen_m_ller_11b98e8f60d3af74", in
 *    both widths.
 * So the name has at most 64 units (PSH_PROFILE_NAME_MAX), only A-Z a-z 0-9 _, and is
 * never a device name. Example: "exch01_jdoe_0123456789abcdef". For a personalized server
 * name (since 1.1) S is still the units up to the first '.': "3f2a9c1d_7b4e_4" for
 * "3f2a9c1d-...@contoso.com". The same input gives the same name in every version: callers
 * keep these names.
 * `flags` must be 0, else PSH_E_UNKNOWN_FLAGS. Output buffer rules: section 8.
 * Returns: PSH_OK; PSH_E_POINTER; PSH_E_INVALIDARG; PSH_E_UNKNOWN_FLAGS; PSH_E_TOO_LONG;
 * PSH_E_INSUFFICIENT_BUFFER; PSH_E_BAD_CHAR; PSH_E_EMPTY_SERVER or PSH_E_EMPTY_MAILBOX
 * (psh_rewrite step 2, since 1.2); or a status of psh_check's rules 2-6 other than
 * PSH_E_UNSAFE_CHAR and PSH_E_RESERVED_NAME.
 */
PSH_API int32_t PSH_CALL psh_profile_name(const char* info, int32_t len, uint32_t flags,
                                  char* out, int32_t cap, int32_t* out_len);
PSH_API int32_t PSH_CALL psh_profile_name_w(const psh_wchar* info, int32_t len, uint32_t flags,
                                    psh_wchar* out, int32_t cap, int32_t* out_len);

/* ---- Section 9. psh_describe -------------------------------------------------------- */
/*
 * psh_describe: one line of English for `status`. For the codes above it starts with the
 * code's name and ": " and says what happened and what to do; for any other value it is
 * exactly "unknown status 0xXXXXXXXX" (8 upper-case hex digits). Returns PSH_OK or the
 * output buffer codes above.
 */
PSH_API int32_t PSH_CALL psh_describe(int32_t status, char* out, int32_t cap, int32_t* out_len);
PSH_API int32_t PSH_CALL psh_describe_w(int32_t status, psh_wchar* out, int32_t cap, int32_t* out_len);

/* The PSH_VERSION_NUMBER of the library actually loaded (compare with the header's):
 * 10200 for 1.2.0. */
PSH_API int32_t PSH_CALL psh_version(void);

/* ---- Section 10. What version 1.1 added ---------------------------------------------- */
/*
 * 10.1 Personalized server names "GUID@host" (Exchange 2013 and later), accepted by
 *      psh_check, psh_rewrite and psh_profile_name: section 5, rule 3.
 * 10.2 DN mailboxes of Exchange 2007 and later are not replaced by psh_rewrite, and
 *      psh_check's report says rewritable 0 for them: section 6, step 3. psh_check's status
 *      and offsets and psh_profile_name are unchanged for them.
 * 10.3 PSH_REWRITE_EXACT (0x2), the exact-match form "=name" (KB Q193643): section 6.
 * psh_version() returns 10100. Same SONAME, same exports, same status values.
 */

/* ---- Section 11. What version 1.2 added: Unicode text -------------------------------- */
/*
 * Real code passes display names as the mailbox (KB Q295558 logs on with
 * "ServerName" & vbLf & "Jane Smith"), and most of the world's names hold letters outside
 * ASCII. 1.1 called every such input PSH_E_BAD_CHAR in all three functions.
 * 11.1 Encodings: the byte functions take and write UTF-8, the _w functions UTF-16 (as
 *      SQLite's sqlite3_prepare_v2 and sqlite3_prepare16_v2 do); counts and offsets still
 *      count units of the width called; PSH_MAX_INPUT is still 4096 units: section 2.
 * 11.2 Characters: ill-formed UTF-8 or UTF-16 and the controls (C0 but LF, DEL, C1) are
 *      PSH_E_BAD_CHAR where they start; CR, TAB and NUL answer as in 1.1: section 5, rule 1.
 * 11.3 Where a non-ASCII character may stand: in an alias only (the server and DNs stay
 *      ASCII); the alias limit is 64 UTF-16 units in both widths; COM\u00b9 to LPT\u00b3 are
 *      device names; the ANSI code page of the process that logs on: section 5, rules 3
 *      to 6. Only ASCII spaces and tabs are whitespace; no character is case-folded,
 *      normalised (NFC/NFD) or mapped to another.
 * 11.4 psh_rewrite writes the caller's encoding: section 6.
 * 11.5 Profile names: a UTF-8 key, one '_' a character in S and M; no name that 1.0 or
 *      1.1 gave changes: section 7.
 * 11.6 Equivalence of widths: for any string of characters, the byte function given its
 *      UTF-8 and the _w function given its UTF-16 return the same status, form and
 *      rewritable, offsets at the same character, the same text (each in its encoding) and
 *      the same profile name. Ill-formed input has no twin and follows its width's rule 1.
 * 11.7 Empty parts are named: psh_rewrite and psh_profile_name of "EXCH01\n" are
 *      PSH_E_EMPTY_MAILBOX and of "\njdoe" PSH_E_EMPTY_SERVER, as psh_check says: section 6,
 *      step 2.
 * psh_version() returns 10200. Same SONAME, same exports, same status values, same struct.
 */

#ifdef __cplusplus
}
#endif

#endif /* PROFSHIM_H */
