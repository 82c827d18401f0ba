"""profshim for Python: check, rewrite and name CDO ProfileInfo strings (KB Q271913).

A ctypes layer over the profshim shared library (``libprofshim.so.1`` on Linux,
``profshim.dll`` on Windows); nothing to compile. The wheels for Linux x86-64 and Windows
(64- and 32-bit) carry the library inside the package. Strings go in and come out as
``str``: they are passed to the library's UTF-16 functions (``psh_check_w`` and the like)
as UTF-16 code units with an explicit length, so an embedded NUL is an ordinary (bad)
character and nothing is ever cut short.

Unicode (library 1.2). Every ``str`` goes through the UTF-16 functions, never the byte
ones, so any character reaches the library as it is: ``check("EXCH01\\nJürgen Müller")``
passes, and ``profile_name()`` of it is ``exch01_j_rgen_m_ller_11b98e8f60d3af74``. An
alias may hold any character but a control; the server and DNs are ASCII. CDO hands the
string to MAPI in the ANSI code page of the process that logs on, where a character that
code page lacks becomes ``?`` and brings the KB Q271913 failure back: to be sure, give
the alias in ASCII or use ``profile_name()``.

    >>> import profshim
    >>> info = "EXCH01\\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"
    >>> r = profshim.check(info)
    >>> r.status is profshim.Status.UNSAFE_CHAR, r.error_offset
    (True, 7)
    >>> profshim.rewrite(info)
    'EXCH01\\njdoe'

Offsets. The library counts offsets in UTF-16 code units, as every caller that holds a
BSTR, a VB String or a .NET string does. A Python ``str`` counts code points, and a
character outside the Basic Multilingual Plane (an emoji, say) is one code point but two
UTF-16 units. The report's ``*_offset`` fields are the library's unit offsets, unchanged;
its ``*_index`` properties are the same places as indexes into the ``str`` you passed.
``r.error_char`` is the character at fault (the whole character, where the library
points at the first unit of a pair); it is ``""`` where the fault is that something
is missing at the end (an empty mailbox: ``r.error_index == len(info)``), and None when no
single character is at fault. For ASCII text offsets and indexes agree.

The library is loaded on the first call, not on import, from the first of:
 1. the path in the environment variable ``PROFSHIM_LIBRARY`` (only that, when it is set);
 2. the library inside this package (where the wheels put it);
 3. the system's search path (``ctypes.util.find_library("profshim")``, then the plain
    file name, which the dynamic loader looks up on its usual path).
When none loads, ``LibraryNotFoundError`` (an ``OSError``) lists every place tried and why
each failed.

Status codes are HRESULT-shaped 32-bit values, given as signed ints as the library returns
them; ``Status`` names them, and a Status equals (and hashes as) its unsigned value:
``Status.UNSAFE_CHAR == 0x80040209``; ``Status(0x80040209)`` and ``Status(-2147220983)``
are ``Status.UNSAFE_CHAR`` (compare a signed code as ``Status(code)``), and
``str(Status.UNSAFE_CHAR)`` is ``PSH_E_UNSAFE_CHAR``, the name every document uses (the member's Python name is ``UNSAFE_CHAR``). ``hex32(status)``
writes one as ``0x80040209``.

Error texts (``ProfShimError.text``, ``Report.text``, ``describe()``) are this package's
words: they name ``rewrite()``, ``profile_name()`` and ``report`` fields, and say what to
do next from Python.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import enum
import os
import sys
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

from . import _texts

__version__ = "1.2.0"  # the library version this package was built with (PSH_VERSION_STRING)

__all__ = [
    "ProfShimError", "LibraryNotFoundError", "Report", "Status", "Form", "RewriteFlag",
    "check", "rewrite", "profile_name", "describe", "version", "hex32",
    "unit_offset_to_index", "index_to_unit_offset", "library_path",
    "MAX_INPUT", "PROFILE_NAME_MAX", "REPORT_V1_SIZE",
]

MAX_INPUT = 4096          # PSH_MAX_INPUT: the longest input, in UTF-16 units
PROFILE_NAME_MAX = 64     # PSH_PROFILE_NAME_MAX
REPORT_V1_SIZE = 36       # PSH_REPORT_V1_SIZE, in bytes


def _s32(value: int) -> int:
    """A 32-bit value, signed or unsigned (as the header writes it), as the signed int32
    it is."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def hex32(status: int) -> str:
    """A status as the header and the docs write it: ``0x80040209``."""
    return "0x%08X" % (status & 0xFFFFFFFF)


class Status(enum.IntEnum):
    """The contract's status codes, valued as every document writes them (unsigned:
    ``hex(Status.UNSAFE_CHAR) == "0x80040209"``): PSH_OK is ``Status.OK``,
    PSH_E_UNSAFE_CHAR is ``Status.UNSAFE_CHAR``. Each equals and hashes as its unsigned
    value only (``Status.UNSAFE_CHAR == 0x80040209``, ``!= -2147220983``), is made from
    either (``Status(-2147220983) is Status.UNSAFE_CHAR``: the signed int32 the library,
    COM or C gives is normalised so), and prints as the header's name."""
    OK = 0
    POINTER = 0x80004003
    INVALIDARG = 0x80070057
    UNEXPECTED = 0x8000FFFF
    INSUFFICIENT_BUFFER = 0x8007007A
    TOO_LONG = 0x80040105
    UNKNOWN_FLAGS = 0x80040106
    BAD_CHAR = 0x80040201
    NO_SEPARATOR = 0x80040202
    SYNTAX = 0x80040203
    EMPTY_SERVER = 0x80040204
    BAD_SERVER = 0x80040205
    EMPTY_MAILBOX = 0x80040206
    BAD_MAILBOX = 0x80040207
    BAD_DN = 0x80040208
    UNSAFE_CHAR = 0x80040209   # the KB Q271913 failure
    RESERVED_NAME = 0x8004020A

    @property
    def c_name(self) -> str:
        """The header's name: ``PSH_OK``, ``PSH_E_UNSAFE_CHAR`` (also ``str(status)``)."""
        return "PSH_OK" if self is Status.OK else "PSH_E_" + self.name

    @classmethod
    def _missing_(cls, value: object) -> Optional["Status"]:
        # The signed int32 the library returns (-2147220983 for 0x80040209).
        if isinstance(value, int) and not isinstance(value, bool) and -(1 << 31) <= value < 0:
            return cls(value & 0xFFFFFFFF)
        return None

    # No __eq__ or __hash__ of its own: a Status equals and hashes as its unsigned value
    # only, as any IntEnum. Equal to the signed value too, it would have to hash as both,
    # which no int can: sets and dicts would miss it (Python's rule: equal objects hash
    # equal). A signed code from the library, COM or C is made a Status by Status(code).

    def __str__(self) -> str:
        return self.c_name

    def __format__(self, spec: str) -> str:
        return format(self.c_name, spec) if not spec or spec[-1] == "s" else int.__format__(self, spec)


class Form(enum.IntEnum):
    """psh_report.form (PSH_FORM_*)."""
    UNKNOWN = 0
    ALIAS = 1
    DN = 2
    ANONYMOUS = 3


class RewriteFlag(enum.IntFlag):
    """rewrite()'s options as flags (PSH_REWRITE_*): ``rewrite(info, flags=RewriteFlag.EXACT)``
    is ``rewrite(info, exact=True)``."""
    KEEP_DN = 0x1
    EXACT = 0x2   # since 1.1


def _status(value: int) -> int:
    """``value`` as a Status when it is one (always, from a library of this version)."""
    try:
        return Status(value)
    except ValueError:
        return value


def _status_name(value: int) -> str:
    status = _status(value)
    return status.c_name if isinstance(status, Status) else hex32(value)


def _said(value: int, mailbox: str = "", where: Dict[str, str] = _texts.REPORT) -> str:
    """This package's text for ``value``, whatever call gave it."""
    status = _status(value)
    if isinstance(status, Status):
        return _texts.for_status(status.c_name, status.name, mailbox, where)
    return "unknown status " + hex32(value)


class ProfShimError(ValueError):
    """A ProfileInfo (or a status) the call could not work with. ``status`` is the
    library's status (a ``Status``), ``text`` what it means and what to do next, said for
    the call that failed, which is also the message; ``error_index`` the index into the
    ProfileInfo of the character at fault, as ``Report.error_index`` gives it (None when no
    single character is at fault, or it is not known)."""

    status: int
    text: str
    error_index: Optional[int]

    def __init__(self, status: int, text: Optional[str] = None,
                 error_index: Optional[int] = None) -> None:
        self.status = _status(_status_value(status))
        self.text = text if text is not None else _said(self.status, where=_texts.ERROR)
        self.error_index = error_index
        super().__init__(self.text)

    @property
    def name(self) -> str:
        """The header's name for the status (``PSH_E_UNSAFE_CHAR``), or its hex value."""
        return _status_name(self.status)

    def __repr__(self) -> str:
        return "ProfShimError(%s, %r, error_index=%r)" % (self.name, self.text, self.error_index)


class LibraryNotFoundError(OSError):
    """The native library could not be loaded; the message lists every place tried."""


# ---- the C ABI, loaded on first use ----------------------------------------------------

class _PshReport(ctypes.Structure):
    _fields_ = [
        ("size", ctypes.c_int32),
        ("status", ctypes.c_int32),
        ("form", ctypes.c_int32),
        ("server_offset", ctypes.c_int32),
        ("server_length", ctypes.c_int32),
        ("mailbox_offset", ctypes.c_int32),
        ("mailbox_length", ctypes.c_int32),
        ("error_offset", ctypes.c_int32),
        ("rewritable", ctypes.c_int32),
    ]


assert ctypes.sizeof(_PshReport) == REPORT_V1_SIZE

_HERE = os.path.dirname(os.path.abspath(__file__))
if sys.platform == "win32":
    _NAMES: Tuple[str, ...] = ("profshim.dll",)
elif sys.platform == "darwin":
    _NAMES = ("libprofshim.1.dylib", "libprofshim.dylib")
else:
    _NAMES = ("libprofshim.so.1", "libprofshim.so")


def _candidates() -> List[str]:
    """Where the library is looked for, in order."""
    explicit = os.environ.get("PROFSHIM_LIBRARY")
    if explicit:
        return [explicit]
    places = [os.path.join(_HERE, name) for name in _NAMES]
    found = ctypes.util.find_library("profshim")
    if found:
        places.append(found)
    places.append(_NAMES[0])  # the dynamic loader's own search
    return places


def _open(path: str) -> ctypes.CDLL:
    # __stdcall on Windows (WinDLL; on x64 it is the one convention anyway), C elsewhere.
    if sys.platform == "win32":
        return ctypes.WinDLL(path)
    return ctypes.CDLL(path)


class _Library:
    """The loaded library and its functions, with their C signatures."""

    def __init__(self, lib: ctypes.CDLL, path: str) -> None:
        self.path = path
        units = ctypes.POINTER(ctypes.c_uint16)
        i32, u32 = ctypes.c_int32, ctypes.c_uint32
        p_i32 = ctypes.POINTER(ctypes.c_int32)

        def fn(name: str, argtypes: List[Any]) -> Callable[..., int]:
            f = getattr(lib, name)
            f.argtypes = argtypes
            f.restype = i32
            return f  # type: ignore[no-any-return]

        self.version = fn("psh_version", [])
        self.check_w = fn("psh_check_w", [units, i32, ctypes.POINTER(_PshReport)])
        self.rewrite_w = fn("psh_rewrite_w", [units, i32, u32, units, i32, p_i32])
        self.profile_name_w = fn("psh_profile_name_w", [units, i32, u32, units, i32, p_i32])


_loaded: Optional[_Library] = None
_load_lock = threading.Lock()


def _lib() -> _Library:
    """The library, loaded on the first call (once, whichever thread gets there first)."""
    global _loaded
    if _loaded is not None:
        return _loaded
    with _load_lock:
        if _loaded is None:
            tried = []
            for path in _candidates():
                try:
                    _loaded = _Library(_open(path), path)
                    break
                except (OSError, AttributeError) as e:  # AttributeError: a missing export
                    tried.append("  %s: %s" % (path, e))
            else:
                raise LibraryNotFoundError(
                    "profshim: cannot load the native library; tried, in order:\n%s\n"
                    "Install a wheel that carries it, or set PROFSHIM_LIBRARY to its path."
                    % "\n".join(tried))
    return _loaded


def library_path() -> str:
    """The path (or name) the library was loaded from; loads it if need be."""
    return _lib().path


# ---- strings: str <-> UTF-16 units --------------------------------------------------------

def _units(text: str) -> Tuple[Any, int]:
    """``text`` as a ctypes array of UTF-16 units and its length in units. A code point
    above U+FFFF becomes a surrogate pair (2 units); a lone surrogate in the str (which
    Python allows) is passed as the unit it is, and the library rejects it as a bad
    character rather than this module failing to encode it. One extra NUL unit follows,
    so even an empty string is a valid, non-NULL pointer; it is never counted."""
    if not isinstance(text, str):
        raise TypeError("profshim: expected str, got %s" % type(text).__name__)
    data = text.encode("utf-16-le", "surrogatepass")
    n = len(data) // 2
    buf = (ctypes.c_uint16 * (n + 1)).from_buffer_copy(data + b"\0\0")
    return buf, n


def _text(buf: Any, n: int) -> str:
    return bytes(memoryview(buf).cast("B")[: 2 * n]).decode("utf-16-le", "surrogatepass")


def unit_offset_to_index(text: str, offset: int) -> int:
    """The ``str`` index of the UTF-16 unit ``offset`` of ``text``. -1 stays -1; an offset
    at the end (the length in units) is ``len(text)``; an offset on the second unit of a
    surrogate pair gives the index of that character."""
    if offset < 0:
        return offset
    units = 0
    for index, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if offset < units + width:
            return index
        units += width
    if offset == units:
        return len(text)
    raise ValueError("profshim: offset %d is past the end of a %d-unit string" % (offset, units))


def index_to_unit_offset(text: str, index: int) -> int:
    """The UTF-16 unit offset of ``text[index]`` (``index`` may be ``len(text)``)."""
    if not 0 <= index <= len(text):
        raise IndexError(index)
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text[:index])


def _call_with_buffer(fn: Callable[..., int], args: Tuple[Any, ...], first_cap: int) -> Union[str, int]:
    """The buffer protocol of the header's "Output buffers": call once with ``first_cap``
    units, and if that is PSH_E_INSUFFICIENT_BUFFER once more with ``*out_len + 1``.
    The result, or the status the call failed with."""
    cap = max(first_cap, 1)
    for _ in range(2):
        out = (ctypes.c_uint16 * cap)()
        out_len = ctypes.c_int32(0)
        status = _status(fn(*args, out, cap, ctypes.byref(out_len)))   # signed int32 in
        if status == Status.OK:
            return _text(out, out_len.value)
        if status != Status.INSUFFICIENT_BUFFER:
            return status
        cap = out_len.value + 1
    return Status.UNEXPECTED


def _error_index(info: str, status: int) -> Optional[int]:
    """Where in ``info`` rewrite() or profile_name() failed with ``status``: check()'s
    index when check() fails with the same status on a text those calls clean nothing of
    (no CR, no blank at a line's end, no empty first line), so that check() reads the very
    text they read; None otherwise, and when no single character is at fault."""
    lines = info.split("\n")
    if "\r" in info or not lines[0] or any(
            line[:1] in (" ", "\t") or line[-1:] in (" ", "\t") for line in lines):
        return None
    report = check(info)
    return report.error_index if report.status == status and report.error_offset >= 0 else None


def _result(answer: Union[str, int], info: str) -> str:
    if isinstance(answer, str):
        return answer
    status = _status(answer)
    text = _texts.for_failed_call(status.c_name, status.name) if isinstance(status, Status) else None
    raise ProfShimError(answer, text, _error_index(info, answer))


# ---- the API ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Report:
    """What check() found. Offsets and lengths are in UTF-16 units (see the module's
    doc); ``info`` is the string that was checked, for the ``*_index`` properties (left
    out of ``repr()``, which gives its length). A Report is true when the ProfileInfo is
    safe (``if profshim.check(info):`` is ``if profshim.check(info).ok:``)."""
    status: int
    form: Form
    server_offset: int
    server_length: int
    mailbox_offset: int
    mailbox_length: int
    error_offset: int
    rewritable: bool
    info: str = field(repr=False)

    @property
    def ok(self) -> bool:
        """True when the ProfileInfo is safe to give to CDO as it is."""
        return self.status == Status.OK

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return ("Report(status=%s, form=%s, error_offset=%d, rewritable=%s, server=%r, "
                "mailbox=%r, len(info)=%d)" % (
                    _status_name(self.status), Form(self.form).name, self.error_offset,
                    self.rewritable, _clip(self.server), _clip(self.mailbox), len(self.info)))

    @property
    def name(self) -> str:
        """The header's name for the status, ``PSH_OK`` or ``PSH_E_...``."""
        return _status_name(self.status)

    @property
    def text(self) -> str:
        """What the status means and what to do next (for a DN of Exchange 2007 or later,
        why it is not rewritten)."""
        return _said(self.status, self.mailbox or "")

    @property
    def error_index(self) -> int:
        """``error_offset`` as an index into ``info``: -1 when no single character is at
        fault, ``len(info)`` when the fault is that something is missing at the end."""
        return unit_offset_to_index(self.info, self.error_offset)

    @property
    def error_char(self) -> Optional[str]:
        """The character at fault; ``""`` when the fault is at the end of ``info`` (an
        empty mailbox), None when no single character is at fault."""
        if self.error_offset < 0:
            return None
        return self.info[self.error_index:self.error_index + 1]

    @property
    def server_index(self) -> int:
        return unit_offset_to_index(self.info, self.server_offset)

    @property
    def mailbox_index(self) -> int:
        return unit_offset_to_index(self.info, self.mailbox_offset)

    @property
    def server(self) -> Optional[str]:
        """The server part of ``info``, or None before the separators are parsed."""
        if self.server_offset < 0:
            return None
        end = unit_offset_to_index(self.info, self.server_offset + self.server_length)
        return self.info[self.server_index:end]

    @property
    def mailbox(self) -> Optional[str]:
        """The mailbox part of ``info``, or None before the separators are parsed."""
        if self.mailbox_offset < 0:
            return None
        end = unit_offset_to_index(self.info, self.mailbox_offset + self.mailbox_length)
        return self.info[self.mailbox_index:end]

    def raise_for_status(self) -> Report:
        """Raise ProfShimError unless the check passed; return self otherwise."""
        if self.status != Status.OK:
            raise ProfShimError(self.status, _said(self.status, self.mailbox or "", _texts.ERROR),
                                None if self.error_offset < 0 else self.error_index)
        return self


def check(info: str) -> Report:
    """Is ``info`` safe to give to CDO as it is? Returns a Report whatever the verdict
    (a failed check is an answer, not an error): ``report.ok``, ``report.status``, and
    where it failed, ``report.error_offset`` (UTF-16 units) and ``report.error_index``."""
    buf, n = _units(info)
    report = _PshReport(size=ctypes.sizeof(_PshReport))
    status = _lib().check_w(buf, n, ctypes.byref(report))
    if report.status != status:  # cannot happen: the library fills the report
        raise ProfShimError(Status.UNEXPECTED)
    return Report(status=_status(status), form=Form(report.form),
                  server_offset=report.server_offset, server_length=report.server_length,
                  mailbox_offset=report.mailbox_offset, mailbox_length=report.mailbox_length,
                  error_offset=report.error_offset, rewritable=bool(report.rewritable),
                  info=info)


def rewrite(info: str, *positional: object, keep_dn: Optional[bool] = None,
            exact: Optional[bool] = None, flags: int = 0) -> str:
    """``info`` made safe for CDO, keeping what it means: CRLF and stray whitespace
    cleaned, a DN mailbox replaced by its directory name (unless ``keep_dn``), written
    ``=name`` with ``exact``, the exact-match form of KB Q193643 (library 1.1 or later).
    ``flags`` (``RewriteFlag``) says the same as the two keywords, which add to it; a
    keyword given False for a flag that ``flags`` sets is a contradiction, refused with
    ValueError. Raises ProfShimError when it cannot be made safe.

    The options are keywords only: ``rewrite(info, 2)`` reads as COM's ``Rewrite(info, 2)``
    (exact) but meant ``keep_dn=True`` in the 1.1.0 package, so it is refused."""
    if positional:
        raise TypeError(
            "profshim.rewrite() takes its options as keywords: rewrite(info, exact=True), "
            "rewrite(info, keep_dn=True) or rewrite(info, flags=RewriteFlag.EXACT); "
            "rewrite(info, %r) is refused because it once meant keep_dn=%r" % (
                positional[0], bool(positional[0])))
    if isinstance(flags, bool) or not isinstance(flags, int):
        raise TypeError("profshim.rewrite(): flags is a RewriteFlag (or an int), not %s"
                        % type(flags).__name__)
    buf, n = _units(info)
    bits = int(flags) & 0xFFFFFFFF if flags >= 0 else -1
    if bits < 0 or bits != flags:
        raise ValueError("profshim.rewrite(): flags %r is not a 32-bit flag word; pass "
                         "RewriteFlag.KEEP_DN, RewriteFlag.EXACT, both or neither" % flags)
    for keyword, value, flag in (("keep_dn", keep_dn, RewriteFlag.KEEP_DN),
                                 ("exact", exact, RewriteFlag.EXACT)):
        if value is not None and not value and bits & flag:
            raise ValueError("profshim.rewrite(): %s=%r contradicts flags=%r, which sets %s; "
                             "give one of the two" % (keyword, value, flags, flag))
        if value:
            bits |= flag
    lib = _lib()
    # The output is never longer than the input, but for the "=" of an exact rewrite.
    answer = _call_with_buffer(lib.rewrite_w, (buf, n, bits), n + 2)
    if isinstance(answer, str):
        return answer
    status = _status(answer)
    if not isinstance(status, Status):
        raise ProfShimError(status)
    kept_dn_alone = bool(bits & RewriteFlag.KEEP_DN) and isinstance(
        _call_with_buffer(lib.rewrite_w, (buf, n, bits & ~RewriteFlag.KEEP_DN), n + 2), str)
    raise ProfShimError(status, _texts.for_rewrite(status.c_name, status.name, info, kept_dn_alone),
                        _error_index(info, status))


def profile_name(info: str) -> str:
    """A safe, stable, unique MAPI profile name for ``info`` (at most 64 characters of
    ``A-Z a-z 0-9 _``). Raises ProfShimError when ``info`` is not a ProfileInfo."""
    buf, n = _units(info)
    return _result(_call_with_buffer(_lib().profile_name_w, (buf, n, 0), PROFILE_NAME_MAX + 1), info)


def _status_value(status: object) -> int:
    """A status given as an int (signed, or unsigned up to 0xFFFFFFFF), checked."""
    if isinstance(status, bool) or not isinstance(status, int):
        raise TypeError("profshim: a status is an int such as 0x80040209 or "
                        "Status.UNSAFE_CHAR, not %s %r" % (type(status).__name__, status))
    value = int(status)
    if not -(1 << 31) <= value < (1 << 32):
        raise ValueError("profshim: %d is not a 32-bit status" % value)
    return _s32(value)


def describe(status: int) -> str:
    """What ``status`` (signed, or unsigned up to 0xFFFFFFFF) means and what to do next,
    in this package's words (``unknown status 0x...`` for a value that is no status).
    Raises TypeError for anything but an int."""
    return _said(_status_value(status))


def _clip(text: Optional[str], most: int = 40) -> Optional[str]:
    if text is None or len(text) <= most:
        return text
    return text[:most] + "..."


def version() -> int:
    """The PSH_VERSION_NUMBER of the loaded library (1.2.0 is 10200)."""
    return int(_lib().version())
