"""The words of this package: what each status means to a Python caller and what to do.

The library's own line (psh_describe) speaks C: it names psh_rewrite, buffers and the
header's flags. A Python caller has ``rewrite()``, ``profile_name()``, ``check()`` and
``RewriteFlag``, so these texts name those, never a C function, and a failed call's text
never advises that same call again. The status codes are the library's, unchanged.
"""

from __future__ import annotations

from typing import Dict

# The /ou= RDN of every legacyExchangeDN made by Exchange 2007 and later (profshim.h
# section 6 step 3: "exactly that text, in any ASCII case"). The library says only
# PSH_E_UNSAFE_CHAR with rewritable 0 for such a DN, as for a DN whose last RDN holds ':'
# or '?', so this package tells the two apart from the text the header documents. In a
# valid DN an RDN holds no '/', so "/ou=" can only be the DN's own /ou= RDN.
_MODERN_OU = b"/ou=exchange administrative group (fydibohf23spdlt)/"

_BY_NAME: Dict[str, str] = {
    "OK": "the ProfileInfo is safe to give to CDO's Session.Logon as it is.",
    "POINTER": "no string reached the library; pass the ProfileInfo as a str.",
    "INVALIDARG": "the profshim package passed the library an invalid argument; this is "
                  "a fault of the package: please report the call that caused it.",
    "UNEXPECTED": "an internal failure was caught inside profshim and nothing was "
                  "changed; please report the input that caused it.",
    "INSUFFICIENT_BUFFER": "a result did not fit the room the profshim package gave it; "
                           "this is a fault of the package: please report the input.",
    "TOO_LONG": "the ProfileInfo is over 4096 characters (UTF-16 units), far more than a "
                "server and a mailbox need; check that the right string is passed.",
    "UNKNOWN_FLAGS": "flags holds a bit this version does not define; pass "
                     "RewriteFlag.KEEP_DN, RewriteFlag.EXACT, both or neither.",
    "BAD_CHAR": "the ProfileInfo holds a character a ProfileInfo cannot carry at "
                "{at}. Where {report}.rewritable is True, that is a line "
                "break's CR (of a CRLF, or a CR alone) or a tab at a line's start or end, which "
                "rewrite() and profile_name() remove (they trim tabs and spaces from both "
                "ends of every line), leaving the line feed CDO needs. "
                "Any other character (a control character such as TAB or NUL inside a "
                "line, or a surrogate that is not half of a pair): do not take it out; it "
                "may be part of the name, and a name with a character taken out names "
                "another mailbox, or none. Fix the source: give the mailbox's alias as "
                "the directory holds it (its mailNickname).",
    "NO_SEPARATOR": "no line feed between server and mailbox; build the ProfileInfo as "
                    "server + \"\\n\" + mailbox.",
    "SYNTAX": "too many line feeds; give server + \"\\n\" + mailbox, or "
              "server_dn + \"\\n\\nanon\" for anonymous access.",
    "EMPTY_SERVER": "the server part, before the line feed, is empty; give the Exchange "
                    "server's name.",
    "BAD_SERVER": "the server part is not a host name (letters, digits, '.', '-', '_'; "
                  "labels of up to 63 characters, 253 in all; ASCII only, so an "
                  "internationalised host name in its xn-- form) nor a personalized server "
                  "name GUID@host; give the Exchange server's name.{trimmed}",
    "EMPTY_MAILBOX": "the mailbox part, after the line feed, is empty; give the "
                     "mailbox's alias.",
    "BAD_MAILBOX": "the mailbox alias starts or ends with a space, or is over 64 "
                   "UTF-16 units (a character above U+FFFF counts two); give the alias "
                   "exactly as the directory holds it (its mailNickname).{trimmed}",
    "BAD_DN": "the mailbox's distinguished name breaks the Exchange DN grammar "
              "(/o=ORG/ou=SITE/cn=.../cn=NAME; a DN holds only ASCII characters) at "
              "{at}; copy the DN exactly from the directory (its legacyExchangeDN), or give the "
              "mailbox's alias.",
    "UNSAFE_CHAR": "the mailbox holds a character Windows does not allow in a file name, "
                   "so MAPI cannot create the profile file and the logon fails with "
                   "MAPI_E_NOT_FOUND (KB Q271913). Where report.rewritable is True, give "
                   "CDO rewrite(info); otherwise name a profile of your own with "
                   "profile_name(info).",
    "RESERVED_NAME": "the server or the mailbox is a Windows device name (CON, NUL, COM1, "
                     "...), which cannot be a file name; name a profile of your own with "
                     "profile_name(info).",
}

# What a check adds to BAD_SERVER and BAD_MAILBOX: a space at a line's start or end is
# rewritable, and the report says so. Never said for a failed rewrite() or profile_name(),
# which have trimmed the spaces already.
_TRIMMED = (" Where {report}.rewritable is True, the fault is only spaces at the start or "
            "end of a line, which rewrite() trims: give CDO rewrite(info).")

# PSH_E_BAD_CHAR from a failed rewrite() or profile_name(): they took out all they can (a
# line break's CR, tabs and spaces at a line's ends), so the character left is not theirs
# to take out, and neither is it the caller's.
_BAD_CHAR_LEFT = ("the ProfileInfo holds a character a ProfileInfo cannot carry at {at} (a "
                  "control character such as TAB or NUL inside a line, or a surrogate that "
                  "is not half of a pair), and no rewrite takes it out; do not take it out "
                  "by hand either: it may be part of the name, and a name with a character "
                  "taken out names another mailbox, or none. Fix the source: give the "
                  "mailbox's alias as the directory holds it (its mailNickname).")

# PSH_E_UNSAFE_CHAR, said for what the caller did.
_MODERN_DN = ("the mailbox is the DN of an Exchange 2007 or later mailbox (its ou is "
              "Exchange Administrative Group (FYDIBOHF23SPDLT)), whose last part is not "
              "the alias: a display name, or hex digits with it. So it is not rewritten, "
              "since that could log on to another mailbox or to none. Look the mailbox up "
              "in the directory (its mailNickname) and give server + \"\\n\" + that alias, "
              "or name a profile of your own with profile_name(info).")
_KEPT_DN = ("the DN mailbox was kept as it is (keep_dn, RewriteFlag.KEEP_DN), and its '/' "
            "is not allowed in a file name, so the logon would fail with MAPI_E_NOT_FOUND "
            "(KB Q271913); leave keep_dn out to have the DN replaced by its alias, or name "
            "a profile of your own with profile_name(info).")
_NOT_REWRITABLE = ("the mailbox holds a character Windows does not allow in a file name "
                   "(KB Q271913), and taking it out would name another mailbox; name a "
                   "profile of your own with profile_name(info), or give the mailbox's "
                   "alias as the directory holds it (its mailNickname).")


def is_modern_dn(text: str) -> bool:
    """Whether ``text`` holds the /ou= RDN of a DN made by Exchange 2007 or later (any
    ASCII case; bytes.lower() lowers nothing else)."""
    return _MODERN_OU in text.encode("ascii", "replace").lower()


# Where a text tells the caller to look: a Report's attributes (check(), describe()), or a
# ProfShimError's (a failed rewrite() or profile_name(), whose caller holds no report).
REPORT = {"at": "report.error_index", "report": "report"}
ERROR = {"at": "ProfShimError.error_index", "report": "check(info)"}


def said(c_name: str, body: str, where: Dict[str, str] = REPORT, checked: bool = True) -> str:
    """``body`` for ``where``; ``checked`` when a check's report may say rewritable (not
    for a failed rewrite() or profile_name())."""
    trimmed = _TRIMMED.format(**where) if checked else ""
    return "%s: %s" % (c_name, body.format(trimmed=trimmed, **where))


def for_status(c_name: str, name: str, mailbox: str = "", where: Dict[str, str] = REPORT) -> str:
    """The text for a status whatever call gave it: ``name`` is the Status member's name
    (``UNSAFE_CHAR``), ``mailbox`` the mailbox part when one was found, ``where`` whose
    attributes it names (``REPORT`` or ``ERROR``)."""
    if name == "UNSAFE_CHAR" and is_modern_dn(mailbox):
        return said(c_name, _MODERN_DN)
    return said(c_name, _BY_NAME[name], where)


def for_failed_call(c_name: str, name: str) -> str:
    """The text for a status rewrite() or profile_name() failed with (but rewrite()'s
    UNSAFE_CHAR): never that a rewrite would mend it."""
    return said(c_name, _BAD_CHAR_LEFT if name == "BAD_CHAR" else _BY_NAME[name], ERROR, checked=False)


def for_rewrite(c_name: str, name: str, info: str, kept_dn_alone: bool) -> str:
    """The text for a status rewrite() failed with: ``kept_dn_alone`` when the same call
    without keep_dn succeeds."""
    if name != "UNSAFE_CHAR":
        return for_failed_call(c_name, name)
    if kept_dn_alone:
        return said(c_name, _KEPT_DN)
    if is_modern_dn(info):
        return said(c_name, _MODERN_DN)
    return said(c_name, _NOT_REWRITABLE)
