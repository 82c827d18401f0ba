"""profshim for Python: check, rewrite and name CDO ProfileInfo strings (KB Q271913).

A thin ctypes layer over the profshim shared library (``libprofshim.so.1`` on Linux,
``profshim.dll`` on Windows); nothing to compile. Strings go in and come out as ``str``:
they are passed to the library's UTF-16 functions (``psh_check_w`` and the like) as
UTF-16 code units with an explicit length, so an embedded NUL is an ordinary (bad)
character and nothing is ever cut short.

    >>> import profshim
    >>> info = "EXCH01\\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"
    >>> r = profshim.check(info)
    >>> r.status == profshim.PSH_E_UNSAFE_CHAR, r.error_offset
    (True, 7)
    >>> profshim.rewrite(info)
    'EXCH01\\njdoe'

Offsets. The library counts offsets in UTF-16 code units, as every caller that holds a
BSTR, a VB String or a .NET string does. A Python ``str`` counts code points, and a
character outside the Basic Multilingual Plane (an emoji, say) is one code point but two
UTF-16 units. The report's ``*_offset`` fields are the library's unit offsets, unchanged;
its ``*_index`` properties are the same places as indexes into the ``str`` you passed
(``info[r.error_index]`` is the character at fault). For ASCII text the two agree.

Finding the library, first match wins:
 1. the path in the environment variable ``PROFSHIM_LIBRARY``;
 2. the library next to this file;
 3. the system's search path (``ctypes.util.find_library("profshim")``, then the plain
    file name, which the dynamic loader looks up on its usual path).

Status codes are HRESULT-shaped 32-bit values. This module gives them as signed Python
ints, as the library returns them (``PSH_E_UNSAFE_CHAR == -2147220983``, which is
``0x80040209`` as an unsigned 32-bit value); ``Status`` names them, and ``hex32(status)``
writes one as ``0x80040209``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import enum
import os
import sys
from dataclasses import dataclass
from typing import Optional

__all__ = [
    "ProfShimError", "Report", "Status", "Form",
    "check", "rewrite", "profile_name", "describe", "version", "hex32",
    "unit_offset_to_index", "index_to_unit_offset", "library_path",
    "PSH_MAX_INPUT", "PSH_PROFILE_NAME_MAX", "PSH_REWRITE_KEEP_DN", "PSH_REPORT_V1_SIZE",
]


def _s32(value: int) -> int:
    """A 32-bit value, signed or unsigned (as the header writes it), as the signed int32
    it is."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def hex32(status: int) -> str:
    """A status as the header and the docs write it: ``0x80040209``."""
    return "0x%08X" % (status & 0xFFFFFFFF)


class Status(enum.IntEnum):
    """The contract's status codes (signed, as the library returns them)."""
    PSH_OK = 0
    PSH_E_POINTER = _s32(0x80004003)
    PSH_E_INVALIDARG = _s32(0x80070057)
    PSH_E_UNEXPECTED = _s32(0x8000FFFF)
    PSH_E_INSUFFICIENT_BUFFER = _s32(0x8007007A)
    PSH_E_TOO_LONG = _s32(0x80040105)
    PSH_E_UNKNOWN_FLAGS = _s32(0x80040106)
    PSH_E_BAD_CHAR = _s32(0x80040201)
    PSH_E_NO_SEPARATOR = _s32(0x80040202)
    PSH_E_SYNTAX = _s32(0x80040203)
    PSH_E_EMPTY_SERVER = _s32(0x80040204)
    PSH_E_BAD_SERVER = _s32(0x80040205)
    PSH_E_EMPTY_MAILBOX = _s32(0x80040206)
    PSH_E_BAD_MAILBOX = _s32(0x80040207)
    PSH_E_BAD_DN = _s32(0x80040208)
    PSH_E_UNSAFE_CHAR = _s32(0x80040209)
    PSH_E_RESERVED_NAME = _s32(0x8004020A)


# The codes as module constants too, for `profshim.PSH_E_UNSAFE_CHAR`.
globals().update({s.name: s for s in Status})
__all__ += [s.name for s in Status]


class Form(enum.IntEnum):
    """psh_report.form."""
    UNKNOWN = 0
    ALIAS = 1
    DN = 2
    ANONYMOUS = 3


PSH_MAX_INPUT = 4096
PSH_PROFILE_NAME_MAX = 64
PSH_REWRITE_KEEP_DN = 0x1
PSH_REPORT_V1_SIZE = 36


class ProfShimError(Exception):
    """A profshim call failed. ``status`` is the library's status (a signed int, compare
    it with ``Status``), ``text`` psh_describe's line for it, which is also the message."""

    def __init__(self, status: int, text: Optional[str] = None):
        self.status = int(status)
        self.text = text if text is not None else describe(self.status)
        super().__init__(self.text)

    @property
    def name(self) -> str:
        """The status's name (``PSH_E_UNSAFE_CHAR``), or its hex value if it has none."""
        try:
            return Status(self.status).name
        except ValueError:
            return hex32(self.status)

    def __repr__(self) -> str:
        return "ProfShimError(%s, %r)" % (self.name, self.text)


# ---- the C ABI ------------------------------------------------------------------------

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


assert ctypes.sizeof(_PshReport) == PSH_REPORT_V1_SIZE

_WIN = sys.platform == "win32"
_HERE = os.path.dirname(os.path.abspath(__file__))
_NAMES = ("profshim.dll",) if _WIN else ("libprofshim.so.1", "libprofshim.so", "libprofshim.dylib")


def _find_library() -> str:
    explicit = os.environ.get("PROFSHIM_LIBRARY")
    if explicit:
        return explicit
    for name in _NAMES:
        candidate = os.path.join(_HERE, name)
        if os.path.exists(candidate):
            return candidate
    found = ctypes.util.find_library("profshim")
    return found or _NAMES[0]


def _load():
    path = _find_library()
    # __stdcall on Windows (WinDLL; on x64 it is the one convention anyway), C elsewhere.
    loader = ctypes.WinDLL if _WIN else ctypes.CDLL
    try:
        lib = loader(path)
    except OSError as e:
        raise ImportError(
            "profshim: cannot load the library %r (%s); set PROFSHIM_LIBRARY to its path"
            % (path, e)) from e

    units = ctypes.POINTER(ctypes.c_uint16)
    i32, u32 = ctypes.c_int32, ctypes.c_uint32
    p_i32 = ctypes.POINTER(ctypes.c_int32)
    signatures = {
        "psh_version": [],
        "psh_check_w": [units, i32, ctypes.POINTER(_PshReport)],
        "psh_rewrite_w": [units, i32, u32, units, i32, p_i32],
        "psh_profile_name_w": [units, i32, u32, units, i32, p_i32],
        "psh_describe_w": [i32, units, i32, p_i32],
    }
    for name, argtypes in signatures.items():
        fn = getattr(lib, name)
        fn.argtypes = argtypes
        fn.restype = i32
    return lib, path


_lib, _path = _load()


def library_path() -> str:
    """The path (or name) the library was loaded from."""
    return _path


# ---- strings: str <-> UTF-16 units --------------------------------------------------------

def _units(text: str):
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


def _text(buf, n: int) -> str:
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


def _call_with_buffer(fn, args, first_cap: int) -> str:
    """The buffer protocol of the header's "Output buffers": call once with ``first_cap``
    units, and if that is PSH_E_INSUFFICIENT_BUFFER once more with ``*out_len + 1``."""
    cap = max(first_cap, 1)
    for _ in range(2):
        out = (ctypes.c_uint16 * cap)()
        out_len = ctypes.c_int32(0)
        status = fn(*args, out, cap, ctypes.byref(out_len))
        if status == PSH_OK:
            return _text(out, out_len.value)
        if status != PSH_E_INSUFFICIENT_BUFFER:
            raise ProfShimError(status)
        cap = out_len.value + 1
    raise ProfShimError(PSH_E_UNEXPECTED)


# ---- the API ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Report:
    """What psh_check found. Offsets and lengths are in UTF-16 units (see the module's
    doc); ``info`` is the string that was checked, for the ``*_index`` properties."""
    status: int
    form: Form
    server_offset: int
    server_length: int
    mailbox_offset: int
    mailbox_length: int
    error_offset: int
    rewritable: bool
    info: str

    @property
    def ok(self) -> bool:
        """True when the ProfileInfo is safe to give to CDO as it is."""
        return self.status == PSH_OK

    @property
    def name(self) -> str:
        """The status's name, ``PSH_OK`` or ``PSH_E_...``."""
        return Status(self.status).name

    @property
    def text(self) -> str:
        """psh_describe's line for the status."""
        return describe(self.status)

    @property
    def error_index(self) -> int:
        """``error_offset`` as an index into ``info`` (-1 when there is none)."""
        return unit_offset_to_index(self.info, self.error_offset)

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
        start = self.server_index
        end = unit_offset_to_index(self.info, self.server_offset + self.server_length)
        return self.info[start:end]

    @property
    def mailbox(self) -> Optional[str]:
        """The mailbox part of ``info``, or None before the separators are parsed."""
        if self.mailbox_offset < 0:
            return None
        start = self.mailbox_index
        end = unit_offset_to_index(self.info, self.mailbox_offset + self.mailbox_length)
        return self.info[start:end]

    def raise_for_status(self) -> "Report":
        """Raise ProfShimError unless the check passed; return self otherwise."""
        if self.status != PSH_OK:
            raise ProfShimError(self.status)
        return self


def check(info: str) -> Report:
    """Is ``info`` safe to give to CDO as it is? Returns a Report whatever the verdict
    (a failed check is an answer, not an error): ``report.ok``, ``report.status``, and
    where it failed, ``report.error_offset`` (UTF-16 units) and ``report.error_index``."""
    buf, n = _units(info)
    report = _PshReport(size=ctypes.sizeof(_PshReport))
    status = _lib.psh_check_w(buf, n, ctypes.byref(report))
    if report.status != status:  # cannot happen: the library fills the report
        raise ProfShimError(PSH_E_UNEXPECTED)
    return Report(status=status, form=Form(report.form),
                  server_offset=report.server_offset, server_length=report.server_length,
                  mailbox_offset=report.mailbox_offset, mailbox_length=report.mailbox_length,
                  error_offset=report.error_offset, rewritable=bool(report.rewritable),
                  info=info)


def rewrite(info: str, keep_dn: bool = False) -> str:
    """``info`` made safe for CDO, keeping what it means: CRLF and stray whitespace
    cleaned, a DN mailbox replaced by its directory name (unless ``keep_dn``). Raises
    ProfShimError when it cannot be made safe."""
    buf, n = _units(info)
    flags = PSH_REWRITE_KEEP_DN if keep_dn else 0
    # The output is never longer than the input.
    return _call_with_buffer(_lib.psh_rewrite_w, (buf, n, flags), n + 1)


def profile_name(info: str) -> str:
    """A safe, stable, unique MAPI profile name for ``info`` (at most 64 characters of
    ``A-Z a-z 0-9 _``). Raises ProfShimError when ``info`` is not a ProfileInfo."""
    buf, n = _units(info)
    return _call_with_buffer(_lib.psh_profile_name_w, (buf, n, 0), PSH_PROFILE_NAME_MAX + 1)


def describe(status: int) -> str:
    """One line of English for ``status`` (signed, or unsigned up to 0xFFFFFFFF)."""
    status = int(status)
    if not -(1 << 31) <= status < (1 << 32):
        raise ValueError("profshim: %d is not a 32-bit status" % status)
    return _call_with_buffer(_lib.psh_describe_w, (_s32(status),), 256)


def version() -> int:
    """The PSH_VERSION_NUMBER of the loaded library (1.0.0 is 10000)."""
    return int(_lib.psh_version())
