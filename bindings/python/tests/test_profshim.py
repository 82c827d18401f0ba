"""The Python binding, tested through Python: profshim.py over this build's library."""

import os
import re
import shutil
import subprocess
import sys
import threading

import pytest

import profshim
from profshim import Form, ProfShimError, Status

DN_INFO = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"
ANON_INFO = "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nANON"
EMOJI = "\U0001F600"  # one str character, two UTF-16 units
# Issue 18's three names: a German one, a Chinese one, and a supplementary-plane
# character (U+20BB7, the 𠮷 of 𠮷野家: one str character, two UTF-16 units).
GERMAN = "J\u00fcrgen M\u00fcller"
CJK = "\u5f20\u4f1f"  # 张伟
SUPP = "\U00020BB7"


def fnv1a64_hex(key: str) -> str:
    """The hash of a profile name's key (contract 11.5: UTF-8, A-Z lowered by the caller)."""
    h = 0xCBF29CE484222325
    for ch in key.encode("utf-8"):
        h ^= ch
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


# ---- loading ---------------------------------------------------------------------------
# ctest runs these tests twice: over the source tree with PROFSHIM_LIBRARY naming this
# build's library (bindings.python), and over the wheel installed in a fresh venv with
# PROFSHIM_TEST_INSTALLED=1 and no PROFSHIM_LIBRARY (bindings.python.wheel).

INSTALLED = os.environ.get("PROFSHIM_TEST_INSTALLED") == "1"
PACKAGE_DIR = os.path.dirname(os.path.abspath(profshim.__file__))
LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the .so layout and LD_LIBRARY_PATH are Linux's")


def _header_text():
    header = os.environ.get("PROFSHIM_HEADER") or os.path.join(
        os.path.dirname(__file__), "..", "..", "..", "include", "profshim.h")
    with open(header, encoding="utf-8") as f:
        return f.read()


def header_defines(prefix):
    """{name: value} of the header's `#define <prefix>... <number>` lines, the casts and
    the u suffix dropped, the value as the signed int32 the library returns."""
    found = {}
    pattern = r"^#define (%s\w*)\s+\(*(?:\((?:u?int32_t)\))?(0x[0-9A-Fa-f]+|\d+)u?\)*" % prefix
    for name, value in re.findall(pattern, _header_text(), re.M):
        v = int(value, 0)
        found[name] = v - (1 << 32) if v & 0x80000000 else v
    return found


def test_loads_the_library_it_should():
    if INSTALLED:
        # The wheel's own copy, inside the package, in the venv (not the source tree).
        assert sys.prefix != sys.base_prefix, "not run in a venv"
        assert PACKAGE_DIR.startswith(os.path.realpath(sys.prefix))
        assert os.path.dirname(profshim.library_path()) == PACKAGE_DIR
        assert "PROFSHIM_LIBRARY" not in os.environ
    else:
        assert os.path.samefile(profshim.library_path(), os.environ["PROFSHIM_LIBRARY"])


def test_version_is_the_headers():
    d = header_defines("PSH_VERSION_")
    number = d["PSH_VERSION_MAJOR"] * 10000 + d["PSH_VERSION_MINOR"] * 100 + d["PSH_VERSION_PATCH"]
    assert profshim.version() == number
    string = re.search(r'^#define PSH_VERSION_STRING "([0-9.]+)"', _header_text(), re.M).group(1)
    assert profshim.__version__ == string


def _run_child(code, env, cwd):
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd,
                          capture_output=True, text=True, check=False, timeout=60)


LOAD = "import profshim; print(profshim.library_path()); print(profshim.version())"


def _copy_package(tmp_path, with_library):
    """A copy of the package under test in tmp_path/profshim, with or without a library."""
    dest = tmp_path / "profshim"
    shutil.copytree(PACKAGE_DIR, dest, ignore=shutil.ignore_patterns(
        "__pycache__", "*.so*", "*.dll"))
    if with_library:
        shutil.copy(profshim.library_path(), dest / "libprofshim.so.1")
    return dest


def _clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("PROFSHIM_LIBRARY", "LD_LIBRARY_PATH", "PYTHONPATH")}
    env.update(extra)
    return env


@LINUX_ONLY
def test_finds_the_library_inside_the_package(tmp_path):
    dest = _copy_package(tmp_path, with_library=True)
    r = _run_child(LOAD, _clean_env(PYTHONPATH=str(tmp_path)), tmp_path)
    assert r.returncode == 0, r.stderr
    path, ver = r.stdout.split()
    assert path == str(dest / "libprofshim.so.1") and int(ver) == profshim.version()


@LINUX_ONLY
def test_finds_the_library_on_the_system_path(tmp_path):
    _copy_package(tmp_path, with_library=False)
    libdir = tmp_path / "lib"
    libdir.mkdir()
    shutil.copy(profshim.library_path(), libdir / "libprofshim.so.1")
    env = _clean_env(PYTHONPATH=str(tmp_path), LD_LIBRARY_PATH=str(libdir))
    r = _run_child(LOAD, env, tmp_path)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout.split()[1]) == profshim.version()


@LINUX_ONLY
def test_import_needs_no_library_and_the_first_call_says_where_it_looked(tmp_path):
    dest = _copy_package(tmp_path, with_library=False)
    code = ("import profshim\n"
            "print('imported')\n"
            "try:\n"
            "    profshim.check('EXCH01\\njdoe')\n"
            "except profshim.LibraryNotFoundError as e:\n"
            "    print(isinstance(e, OSError)); print(e)\n")
    r = _run_child(code, _clean_env(PYTHONPATH=str(tmp_path)), tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[:2] == ["imported", "True"], r.stdout
    # Every place, in order: the package's own folder, then the loader's search.
    assert str(dest / "libprofshim.so.1") in r.stdout
    assert str(dest / "libprofshim.so") in r.stdout
    assert r.stdout.rstrip().endswith("set PROFSHIM_LIBRARY to its path.")
    assert r.stdout.index(str(dest / "libprofshim.so.1")) < r.stdout.index("  libprofshim.so.1:")


def test_profshim_library_names_the_one_place_it_looks(tmp_path):
    missing = str(tmp_path / "no-such-library.so")
    env = _clean_env(PROFSHIM_LIBRARY=missing, PYTHONPATH=os.path.dirname(PACKAGE_DIR))
    code = "import profshim\ntry:\n    profshim.version()\nexcept OSError as e:\n    print(e)\n"
    r = _run_child(code, env, tmp_path)
    assert r.returncode == 0, r.stderr
    assert missing in r.stdout and PACKAGE_DIR not in r.stdout


# ---- the header's constants, read from include/profshim.h --------------------------------

def test_every_status_is_the_headers_and_the_header_has_no_other():
    header = header_defines("PSH_(?:OK|E_)")
    assert header, "no PSH_E_ codes found in the header"
    assert {s.c_name: int(s) for s in Status} == {k: v & 0xFFFFFFFF for k, v in header.items()}
    assert Status(-2147220983) is Status.UNSAFE_CHAR
    assert profshim.hex32(Status.UNSAFE_CHAR) == "0x80040209"


def test_forms_flags_and_limits_are_the_headers():
    assert {"PSH_FORM_" + f.name: int(f) for f in Form} == header_defines("PSH_FORM_")
    assert {"PSH_REWRITE_" + f.name: int(f) for f in profshim.RewriteFlag} == \
        header_defines("PSH_REWRITE_")
    limits = header_defines("PSH_(?:MAX_INPUT|PROFILE_NAME_MAX|REPORT_V1_SIZE)")
    assert limits == {"PSH_MAX_INPUT": profshim.MAX_INPUT,
                      "PSH_PROFILE_NAME_MAX": profshim.PROFILE_NAME_MAX,
                      "PSH_REPORT_V1_SIZE": profshim.REPORT_V1_SIZE}


# ---- check -----------------------------------------------------------------------------

def test_check_a_safe_alias():
    r = profshim.check("EXCH01\njdoe")
    assert r.ok and r.status == Status.OK and r.name == "PSH_OK"
    assert r.form is Form.ALIAS
    assert (r.server_offset, r.server_length, r.mailbox_offset, r.mailbox_length) == (0, 6, 7, 4)
    assert r.error_offset == -1 and r.error_index == -1 and r.rewritable is True
    assert (r.server, r.mailbox) == ("EXCH01", "jdoe")
    assert r.raise_for_status() is r


def test_check_the_kb_q271913_case():
    r = profshim.check(DN_INFO)
    assert r.status == Status.UNSAFE_CHAR and not r.ok
    assert r.form is Form.DN
    assert r.error_offset == 7 and DN_INFO[r.error_index] == "/"
    assert r.mailbox == "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"
    assert r.rewritable is True
    assert r.text.startswith("PSH_E_UNSAFE_CHAR: ") and "Q271913" in r.text
    with pytest.raises(ProfShimError) as e:
        r.raise_for_status()
    assert e.value.status == Status.UNSAFE_CHAR


def test_check_the_anonymous_form():
    r = profshim.check(ANON_INFO)
    assert r.ok and r.form is Form.ANONYMOUS
    assert r.mailbox == "ANON" and r.mailbox_offset == len(ANON_INFO) - 4


@pytest.mark.parametrize("info, status, offset", [
    ("EXCH01", Status.NO_SEPARATOR, -1),
    ("EXCH01\r\njdoe", Status.BAD_CHAR, 6),
    ("EXCH01\njdoe\n", Status.SYNTAX, 11),
    ("\njdoe", Status.EMPTY_SERVER, 0),
    ("EXCH 01\njdoe", Status.BAD_SERVER, 4),
    ("EXCH01\n", Status.EMPTY_MAILBOX, 7),
    ("EXCH01\n jdoe", Status.BAD_MAILBOX, 7),
    ("EXCH01\n/o=Contoso/cn=jdoe", Status.BAD_DN, 18),  # at the c of /cn, where /ou is due
    ("EXCH01\nj:doe", Status.UNSAFE_CHAR, 8),
    ("EXCH01\nnul.txt", Status.RESERVED_NAME, 7),
    ("", Status.NO_SEPARATOR, -1),
])
def test_check_finds_each_fault_where_it_is(info, status, offset):
    r = profshim.check(info)
    assert (r.status, r.error_offset) == (status, offset)


def test_an_embedded_nul_is_an_ordinary_bad_character():
    r = profshim.check("EXCH01\nj\0doe")
    assert r.status == Status.BAD_CHAR and r.error_offset == 8


def test_lengths_count_utf16_units_a_non_bmp_character_is_two():
    # 2048 emoji are 4096 units: at the limit, judged (no line feed) ...
    assert profshim.check(EMOJI * 2048).status == Status.NO_SEPARATOR
    # ... and 2049 are 4098 units: too long, though only 2049 str characters.
    assert profshim.check(EMOJI * 2049).status == Status.TOO_LONG
    assert profshim.check("a" * 4096).status == Status.NO_SEPARATOR
    assert profshim.check("a" * 4097).status == Status.TOO_LONG


def test_error_offsets_are_units_and_error_index_is_the_str_index():
    info = "EXCH01\n" + SUPP + "a:b"
    r = profshim.check(info)
    assert r.status == Status.UNSAFE_CHAR
    assert (r.error_offset, r.error_index, r.error_char) == (10, 9, ":")
    assert (r.mailbox_offset, r.mailbox_length, r.mailbox) == (7, 5, SUPP + "a:b")
    # The high surrogate is the unit at fault; the index helpers convert both ways.
    assert profshim.unit_offset_to_index(EMOJI + "ab", 2) == 1
    assert profshim.unit_offset_to_index(EMOJI + "ab", 1) == 0  # inside the pair
    assert profshim.unit_offset_to_index(EMOJI + "ab", 4) == 3  # the end
    assert profshim.index_to_unit_offset(EMOJI + "ab", 1) == 2
    assert profshim.index_to_unit_offset(EMOJI * 3, 3) == 6
    with pytest.raises(ValueError):
        profshim.unit_offset_to_index("ab", 3)


def test_a_lone_surrogate_reaches_the_library_as_the_unit_it_is():
    r = profshim.check("EXCH01\nab\ud800")
    assert r.status == Status.BAD_CHAR and r.error_offset == 9 and r.error_char == "\ud800"
    r = profshim.check("EXCH01\n\udfb7\ud842")  # a pair the wrong way round
    assert r.status == Status.BAD_CHAR and r.error_offset == 7 and r.error_char == "\udfb7"
    # A pair held as two str code points is the one character it stands for.
    assert profshim.check("EXCH01\n\ud842\udfb7").ok


# ---- Unicode (contract section 11) ------------------------------------------------------

# Each name, with its profile name worked by hand from contract 11.5: every character
# outside A-Z a-z 0-9 _ is one "_" (a character, not a unit: SUPP is one "_"), and the hash
# is FNV-1a 64 of the UTF-8 key with A-Z lowered.
@pytest.mark.parametrize("mailbox, name_start", [
    (GERMAN, "exch01_j_rgen_m_ller_"),
    (CJK, "exch01____"),
    (SUPP, "exch01___"),
    (SUPP + "\u91ce\u5bb6", "exch01_____"),  # 𠮷野家
], ids=["german", "cjk", "supplementary", "supplementary-and-cjk"])
def test_names_outside_ascii_are_aliases(mailbox, name_start):
    info = "EXCH01\n" + mailbox
    units = len(mailbox.encode("utf-16-le")) // 2
    r = profshim.check(info)
    assert r.ok and r.form is Form.ALIAS and r.error_char is None
    assert (r.mailbox_offset, r.mailbox_length, r.mailbox) == (7, units, mailbox)
    assert profshim.rewrite("  EXCH01\r\n" + mailbox + " \r\n") == info
    assert profshim.rewrite(info, exact=True) == info  # an alias is left as it is
    key = "exch01\n" + mailbox.translate({c: c + 32 for c in range(65, 91)})
    assert profshim.profile_name(info) == name_start + fnv1a64_hex(key)
    assert profshim.profile_name(" exch01\r\n" + mailbox) == profshim.profile_name(info)


def test_the_readmes_name_for_juergen_mueller():
    assert profshim.profile_name("EXCH01\n" + GERMAN) == "exch01_j_rgen_m_ller_11b98e8f60d3af74"


@pytest.mark.parametrize("info, status, offset, index, char", [
    # The server and a DN are ASCII: the fault is at the first unit of the character.
    ("M\u00fcller01\njdoe", Status.BAD_SERVER, 1, 1, "\u00fc"),
    ("EXCH" + SUPP + "\njdoe", Status.BAD_SERVER, 4, 4, SUPP),
    ("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j\u00fcrgen", Status.BAD_DN, 43, 43, "\u00fc"),
    ("EXCH01\n/o=Contoso/ou=" + CJK + "/cn=Recipients/cn=jdoe", Status.BAD_DN, 21, 21, "\u5f20"),
    # Controls, C1 ones included, are bad characters, counted in units after a pair.
    ("EXCH01\n" + SUPP + "\tx", Status.BAD_CHAR, 9, 8, "\t"),
    ("EXCH01\n" + CJK + "\x85", Status.BAD_CHAR, 9, 9, "\x85"),
    # The alias limit is 64 UTF-16 units: 63 + a pair fails at the pair, 64 CJK pass.
    ("EXCH01\n" + "a" * 63 + SUPP, Status.BAD_MAILBOX, 70, 70, SUPP),
    ("EXCH01\n" + SUPP * 32 + "a", Status.BAD_MAILBOX, 71, 39, "a"),
    ("EXCH01\n" + "\u5f20" * 65, Status.BAD_MAILBOX, 71, 71, "\u5f20"),
    ("EXCH01\n" + SUPP + " ", Status.BAD_MAILBOX, 9, 8, " "),
    # The alias rules are unchanged in kind; COM¹ is a device name.
    ("EXCH01\n" + GERMAN + "?", Status.UNSAFE_CHAR, 20, 20, "?"),
    ("EXCH01\nCOM\u00b9", Status.RESERVED_NAME, 7, 7, "C"),
    ("EXCH01\nJ\u00fcrgen\nM\u00fcller", Status.SYNTAX, 13, 13, "\n"),
], ids=["server-umlaut", "server-supplementary", "dn-umlaut", "dn-cjk", "tab-after-pair",
        "c1-control", "63-and-a-pair", "32-pairs-and-1", "65-cjk", "space-after-pair",
        "german-question-mark", "com-superscript-1", "two-line-feeds"])
def test_faults_outside_ascii_are_where_they_are(info, status, offset, index, char):
    r = profshim.check(info)
    assert (r.status, r.error_offset) == (status, offset)
    assert (r.error_index, r.error_char) == (index, char)
    assert profshim.index_to_unit_offset(info, r.error_index) == offset


def test_an_alias_of_64_units_passes_in_any_script():
    for mailbox in ("\u5f20" * 64, SUPP * 32, "a" * 62 + SUPP):
        assert profshim.check("EXCH01\n" + mailbox).ok, mailbox


@pytest.mark.parametrize("bad", [None, b"EXCH01\njdoe", 42])
def test_only_str_goes_in(bad):
    with pytest.raises(TypeError):
        profshim.check(bad)


# ---- rewrite ---------------------------------------------------------------------------

def test_rewrite_the_kb_case_to_the_alias():
    assert profshim.rewrite(DN_INFO) == "EXCH01\njdoe"
    assert profshim.rewrite("  EXCH01 \r\n /o=Contoso/ou=NYC/cn=Recipients/cn=jdoe\r\n\r\n") == "EXCH01\njdoe"


def test_rewrite_keeps_what_is_already_safe_and_is_idempotent():
    for info in ("EXCH01\njdoe", "exch01.contoso.com\nJ.Doe", DN_INFO, ANON_INFO):
        once = profshim.rewrite(info)
        assert profshim.rewrite(once) == once
        assert profshim.check(once).ok


def test_rewrite_lowers_anon():
    assert profshim.rewrite(ANON_INFO) == ANON_INFO[:-4] + "anon"


def test_rewrite_keep_dn_raises_the_kb_status():
    with pytest.raises(ProfShimError) as e:
        profshim.rewrite(DN_INFO, keep_dn=True)
    err = e.value
    assert err.status == Status.UNSAFE_CHAR and err.name == "PSH_E_UNSAFE_CHAR"
    assert err.text == str(err)
    assert "MAPI_E_NOT_FOUND" in err.text and "leave keep_dn out" in err.text


# ---- rewrite(exact=True): PSH_REWRITE_EXACT, since library 1.1 --------------------------

MODERN_DN = ("EX\n/o=fab/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"
             "/cn=Recipients/cn=7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f-test")


def test_exact_writes_the_directory_name_in_its_exact_match_form():
    assert profshim.rewrite(DN_INFO, exact=True) == "EXCH01\n=jdoe"
    assert profshim.check("EXCH01\n=jdoe").ok
    # CRLF and spaces are cleaned as without the flag.
    assert profshim.rewrite("EXCH01\r\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe\r\n",
                            exact=True) == "EXCH01\n=jdoe"


def test_exact_leaves_an_alias_and_the_anonymous_form_alone():
    assert profshim.rewrite("EXCH01\njdoe", exact=True) == "EXCH01\njdoe"
    assert profshim.rewrite(ANON_INFO, exact=True) == profshim.rewrite(ANON_INFO)


def test_exact_with_keep_dn_has_no_effect():
    with pytest.raises(ProfShimError) as e:
        profshim.rewrite(DN_INFO, keep_dn=True, exact=True)
    assert e.value.status is Status.UNSAFE_CHAR


def test_exact_of_a_64_unit_directory_name_is_too_long_for_a_mailbox():
    dn = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=" + "j" * 64
    assert profshim.rewrite(dn) == "EXCH01\n" + "j" * 64
    with pytest.raises(ProfShimError) as e:
        profshim.rewrite(dn, exact=True)
    assert e.value.status is Status.BAD_MAILBOX


def test_a_dn_of_exchange_2007_or_later_is_not_rewritten():
    r = profshim.check(MODERN_DN)
    assert r.status is Status.UNSAFE_CHAR and r.rewritable is False
    for exact in (False, True):
        with pytest.raises(ProfShimError) as e:
            profshim.rewrite(MODERN_DN, exact=exact)
        assert e.value.status is Status.UNSAFE_CHAR


def test_exact_is_the_headers_flag_and_unknown_bits_are_refused():
    assert int(profshim.RewriteFlag.EXACT) == header_defines("PSH_REWRITE_")["PSH_REWRITE_EXACT"]
    # Bits beyond the header's flags reach the library and come back as UNKNOWN_FLAGS.
    buf, n = profshim._units("EXCH01\njdoe")
    out_len = __import__("ctypes").c_int32(0)
    out = (__import__("ctypes").c_uint16 * 64)()
    assert Status(profshim._lib().rewrite_w(buf, n, 0x4, out, 64, out_len)) is Status.UNKNOWN_FLAGS


# ---- the options are keywords; flags= takes RewriteFlag ----------------------------------

def test_rewrite_takes_options_only_as_keywords():
    # rewrite(info, 2) reads as COM's Rewrite(info, 2), exact; in 1.1.0 it meant keep_dn.
    for positional in (2, True, 1):
        with pytest.raises(TypeError, match=r"keywords: rewrite\(info, exact=True\)"):
            profshim.rewrite(DN_INFO, positional)
    with pytest.raises(TypeError):
        profshim.rewrite(DN_INFO, True, False)


def test_rewrite_takes_rewrite_flag_as_flags():
    Flag = profshim.RewriteFlag
    assert profshim.rewrite(DN_INFO, flags=Flag.EXACT) == "EXCH01\n=jdoe"
    assert profshim.rewrite(DN_INFO, flags=2) == "EXCH01\n=jdoe"
    assert profshim.rewrite(DN_INFO, flags=Flag(0)) == "EXCH01\njdoe"
    with pytest.raises(ProfShimError) as e:
        profshim.rewrite(DN_INFO, flags=Flag.KEEP_DN | Flag.EXACT)
    assert e.value.status is Status.UNSAFE_CHAR
    # The keywords add to flags.
    assert profshim.rewrite(DN_INFO, flags=Flag(0), exact=True) == "EXCH01\n=jdoe"
    for bad in ("2", 2.0, None, True):
        with pytest.raises(TypeError, match="flags is a RewriteFlag"):
            profshim.rewrite(DN_INFO, flags=bad)
    for bad in (-1, 1 << 32):
        with pytest.raises(ValueError, match="not a 32-bit flag word"):
            profshim.rewrite(DN_INFO, flags=bad)


# ---- Status: the value as every document writes it ------------------------------------

def test_a_status_equals_its_value_written_unsigned_and_prints_its_name():
    assert Status.UNSAFE_CHAR == 0x80040209 and Status.UNSAFE_CHAR != -2147220983
    assert not Status.UNSAFE_CHAR != 0x80040209 and Status.UNSAFE_CHAR != 0x80040208
    assert Status(0x80040209) is Status.UNSAFE_CHAR is Status(-2147220983)
    with pytest.raises(ValueError):
        Status(0x80040299)
    assert str(Status.UNSAFE_CHAR) == "PSH_E_UNSAFE_CHAR" == "%s" % Status.UNSAFE_CHAR
    assert f"{Status.OK}" == "PSH_OK"
    r = profshim.check(DN_INFO)
    assert str(r.status) == r.name == "PSH_E_UNSAFE_CHAR"
    assert {Status.BAD_DN: 1}[0x80040208] == 1  # hashes as the unsigned value the docs write
    assert Status.UNSAFE_CHAR in {0x80040209} and {0x80040209: "x"}.get(Status.UNSAFE_CHAR) == "x"


# A newcomer's final trial: a Status equalled its signed value but hashed only as the
# unsigned one, so -2147220983 in {Status.UNSAFE_CHAR} was False (equal objects must hash
# equal). Now it equals only what it hashes as; Status(signed) is how a signed code compares.
@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.name)
def test_a_status_equals_exactly_what_it_hashes_as(status):
    unsigned = int(status)
    signed = unsigned - (1 << 32) if unsigned >= 1 << 31 else unsigned
    for value in (unsigned, signed):
        assert (status == value) == (hash(status) == hash(value)) == (value in {status})
        assert ({status: 1}.get(value) == 1) == (status == value) == ({value: 1}.get(status) == 1)
        assert Status(value) is status
    assert status == unsigned and (status == signed) == (signed == unsigned)


# A newcomer's trial: hex(), format() and repr() gave the signed value, every doc 0x80040209.
def test_a_status_shows_the_unsigned_value_the_docs_write():
    assert hex(Status.UNSAFE_CHAR) == "0x80040209" and f"{Status.UNSAFE_CHAR:#x}" == "0x80040209"
    assert "2147746313" in repr(Status.UNSAFE_CHAR) and int(Status.UNSAFE_CHAR) == 0x80040209
    assert all(0 < s.value <= 0xFFFFFFFF for s in Status if s is not Status.OK)
    r = profshim.check(DN_INFO)
    assert hex(r.status) == "0x80040209" and hash(r.status) == hash(0x80040209)
    assert Status(-2147220983) is Status.UNSAFE_CHAR and Status.UNSAFE_CHAR != -2147220984
    with pytest.raises(ValueError):
        Status(-1)


def test_rewrite_refuses_contradicting_options():
    for options in ({"flags": profshim.RewriteFlag.EXACT, "exact": False},
                    {"flags": profshim.RewriteFlag.KEEP_DN, "keep_dn": False},
                    {"flags": 3, "exact": False}):
        with pytest.raises(ValueError, match="contradicts"):
            profshim.rewrite(DN_INFO, **options)
    # Saying the same twice, or adding a flag, is no contradiction.
    assert profshim.rewrite(DN_INFO, flags=profshim.RewriteFlag.EXACT, exact=True) == "EXCH01\n=jdoe"
    assert profshim.rewrite(DN_INFO, flags=0, exact=False) == "EXCH01\njdoe"
    assert profshim.rewrite(DN_INFO, flags=profshim.RewriteFlag.EXACT, keep_dn=False) == "EXCH01\n=jdoe"


def test_a_report_is_true_only_when_the_check_passed():
    assert profshim.check("EXCH01\njdoe")
    assert not profshim.check(DN_INFO)
    assert not profshim.check("")


def test_error_char_is_the_character_at_fault_or_says_there_is_none():
    r = profshim.check("EXCH01\n")  # an empty mailbox: the fault is at the end
    assert r.status is Status.EMPTY_MAILBOX and r.error_index == len(r.info) == 7
    assert r.error_char == ""
    assert profshim.check("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe").error_char == "/"
    assert profshim.check("EXCH01").error_char is None  # no single character at fault
    assert profshim.check("EXCH" + SUPP + "\nx").error_char == SUPP  # the pair, not a half
    assert profshim.check("EXCH01\n" + SUPP + ":").error_char == ":"


def test_repr_of_a_report_is_short_and_says_what_was_found():
    info = "EXCH01\n" + "a" * 5000
    text = repr(profshim.check(info))
    assert len(text) < 300 and "len(info)=5007" in text and "TOO_LONG" in text, text
    assert "PSH_E_UNSAFE_CHAR" in repr(profshim.check(DN_INFO))


def test_rewrite_of_a_long_input_needs_no_guess_at_the_buffer():
    server = ".".join(["a" * 60] * 4)  # 243 units, a valid host name
    info = server + "\n" + "b" * 64
    assert profshim.rewrite(info) == info


# ---- profile_name ----------------------------------------------------------------------

def test_profile_name_is_the_contracts_formula():
    assert profshim.profile_name("EXCH01\njdoe") == "exch01_jdoe_" + fnv1a64_hex("exch01\njdoe")
    dn = "EXCH01.contoso.com\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"
    assert profshim.profile_name(dn) == "exch01_jdoe_" + fnv1a64_hex(dn.lower())


def test_profile_name_ignores_case_and_stray_whitespace_only():
    a = profshim.profile_name("EXCH01\njdoe")
    assert profshim.profile_name("  exch01\r\nJDOE \r\n") == a
    assert profshim.profile_name("EXCH01\njdoe2") != a


def test_profile_name_sanitises_what_rewrite_cannot():
    name = profshim.profile_name("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe")
    assert re.fullmatch(r"exch01_j_doe_[0-9a-f]{16}", name)
    assert re.fullmatch(r"exch01_con_[0-9a-f]{16}", profshim.profile_name("EXCH01\nCON"))


def test_profile_name_is_at_most_64_characters():
    name = profshim.profile_name("s" * 63 + "\n" + "m" * 64)
    assert len(name) == 15 + 1 + 31 + 1 + 16 <= profshim.PROFILE_NAME_MAX
    assert re.fullmatch(r"[a-z0-9_]+", name)


def test_profile_name_failures_raise():
    with pytest.raises(ProfShimError) as e:
        profshim.profile_name("EXCH01")
    assert e.value.status == Status.NO_SEPARATOR


# ---- describe ---------------------------------------------------------------------------

# What a Python caller cannot act on: the library's C names, its buffers, the header.
C_WORDS = re.compile(r"psh_|PSH_REWRITE|header|\bcap\b|out_len|sizeof|NULL|vbLf")


def test_describe_every_code_in_python_words():
    for s in Status:
        text = profshim.describe(s)
        assert text.startswith(s.c_name + ": ") and "\n" not in text
        assert not C_WORDS.search(text[len(s.c_name):]), text
    # A letter of a name is never to be removed; the alias is the way out.
    bad_char = profshim.describe(Status.BAD_CHAR)
    assert "remove it" not in bad_char and "do not take it out" in bad_char
    assert "mailNickname" in bad_char


# A newcomer's trial: a CRLF's CR is BAD_CHAR with rewritable True, and the text says first
# that rewrite() removes it; only other characters are "do not take it out".
def test_bad_char_of_a_crlf_says_the_line_break_first():
    r = profshim.check("EXCH01\r\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe")
    assert (r.status, r.error_index, r.rewritable) == (Status.BAD_CHAR, 6, True)
    assert r.text.index("line break's CR") < r.text.index("do not take it out"), r.text
    assert "report.rewritable is True" in r.text and "Do not remove" not in r.text
    assert profshim.rewrite(r.info) == "EXCH01\njdoe"


# A newcomer's final trial: the text said "a tab at a line's end", but rewrite() takes a tab
# off either end of a line (normalise.cpp trims tabs and spaces from both ends).
@pytest.mark.parametrize("info", ["\tEXCH01\njdoe", "EXCH01\n\tjdoe", "EXCH01\t\njdoe", "EXCH01\njdoe \t"])
def test_bad_char_says_rewrite_trims_both_ends_of_a_line(info):
    r = profshim.check(info)
    assert (r.status, r.rewritable) == (Status.BAD_CHAR, True)
    assert "a tab at a line's start or end" in r.text and "both ends of every line" in r.text, r.text
    assert profshim.rewrite(info) == "EXCH01\njdoe"


def test_bad_dn_outside_ascii_and_no_separator_texts():
    r = profshim.check("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=J\u00fcrgen")
    assert r.status is Status.BAD_DN and "a DN holds only ASCII characters" in r.text
    # Since 1.2 an empty part has its own status (EMPTY_SERVER, EMPTY_MAILBOX).
    assert "empty" not in profshim.describe(Status.NO_SEPARATOR)


def test_describe_takes_signed_and_unsigned_values_and_only_ints():
    assert profshim.describe(0x80040209) == profshim.describe(-2147220983)
    assert profshim.describe(0x12345678) == "unknown status 0x12345678"
    assert profshim.describe(-1) == "unknown status 0xFFFFFFFF"
    with pytest.raises(ValueError):
        profshim.describe(1 << 32)
    for bad in ("x", "0x80040209", 1.5, None, True):
        with pytest.raises(TypeError, match="a status is an int"):
            profshim.describe(bad)


# Each failure of rewrite() and profile_name(), with the words it gets: what the text must
# say, and the call that just failed is never its advice.
@pytest.mark.parametrize("info, options, status, says", [
    (MODERN_DN, {}, Status.UNSAFE_CHAR, ["Exchange 2007 or later", "not the alias",
                                         "directory (its mailNickname)", "profile_name(info)"]),
    (MODERN_DN.replace("FYDIBOHF23SPDLT", "fydibohf23spdlt"), {"exact": True},
     Status.UNSAFE_CHAR, ["Exchange 2007 or later"]),
    (DN_INFO, {"keep_dn": True}, Status.UNSAFE_CHAR, ["keep_dn", "profile_name(info)"]),
    (DN_INFO, {"flags": profshim.RewriteFlag.KEEP_DN}, Status.UNSAFE_CHAR, ["leave keep_dn out"]),
    ("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe", {}, Status.UNSAFE_CHAR,
     ["another mailbox", "profile_name(info)"]),
    ("EXCH01\nj?doe", {"keep_dn": True}, Status.UNSAFE_CHAR, ["another mailbox"]),
    ("EXCH01\nCON", {}, Status.RESERVED_NAME, ["device name", "profile_name(info)"]),
    ("EXCH01\nj\tdoe", {}, Status.BAD_CHAR, ["do not take it out", "mailNickname", "TAB"]),
    ("EXCH01", {}, Status.NO_SEPARATOR, ['server + "\\n" + mailbox']),
    ("EXCH01\n/o=Contoso/ou=NYC/cn=", {}, Status.BAD_DN, ["legacyExchangeDN"]),
    ("x" * 4097, {}, Status.TOO_LONG, ["4096"]),
    ("EXCH01\njdoe", {"flags": 0x4}, Status.UNKNOWN_FLAGS, ["RewriteFlag.EXACT"]),
], ids=["2007-dn", "2007-dn-lower-exact", "keep-dn", "keep-dn-flag", "dn-j:doe",
        "alias-keep-dn", "con", "tab", "no-lf", "bad-dn", "too-long", "unknown-flag"])
def test_rewrite_failures_say_what_to_do_in_python_words(info, options, status, says):
    with pytest.raises(ProfShimError) as e:
        profshim.rewrite(info, **options)
    err = e.value
    assert err.status is status and err.text.startswith(status.c_name + ": ")
    for words in says:
        assert words in err.text, (words, err.text)
    assert "rewrite(info)" not in err.text and not C_WORDS.search(err.text), err.text


# A newcomer's final trial: a failed rewrite() on BAD_CHAR was told the general text, "where
# check(info).rewritable is True ... rewrite() and profile_name() remove": the call that just
# failed as the remedy. Its text now says no rewrite takes the character out.
@pytest.mark.parametrize("call", [profshim.rewrite, profshim.profile_name])
@pytest.mark.parametrize("info", ["EXCH01\njd\x07oe", "EXCH01\njd\x07oe\r\n", "EXCH01\nj\tdoe"])
def test_a_failed_call_on_bad_char_says_no_rewrite_takes_it_out(call, info):
    with pytest.raises(ProfShimError) as e:
        call(info)
    text = e.value.text
    assert e.value.status is Status.BAD_CHAR and text.startswith("PSH_E_BAD_CHAR: "), text
    for words in ("no rewrite takes it out", "do not take it out by hand", "part of the name",
                  "Fix the source", "mailNickname", "ProfShimError.error_index"):
        assert words in text, (words, text)
    for remedy in ("rewrite()", "profile_name()", "rewrite(info)", "profile_name(info)", "rewritable"):
        assert remedy not in text, (remedy, text)
    assert "rewrite() and profile_name() remove" in profshim.describe(Status.BAD_CHAR)


# A newcomer's final trial: spaces at a line's ends gave BAD_MAILBOX or BAD_SERVER with
# rewritable True and a text saying only to fix the source; rewrite() trims them.
@pytest.mark.parametrize("info, status", [
    ("EXCH01\n jdoe", Status.BAD_MAILBOX), ("EXCH01\njdoe ", Status.BAD_MAILBOX),
    ("EXCH01 \njdoe", Status.BAD_SERVER), (" EXCH01\njdoe", Status.BAD_SERVER),
])
def test_spaces_a_rewrite_trims_are_said_so_by_a_check(info, status):
    r = profshim.check(info)
    assert (r.status, r.rewritable) == (status, True)
    assert "Where report.rewritable is True" in r.text and "rewrite() trims" in r.text, r.text
    assert profshim.rewrite(info) == "EXCH01\njdoe"
    with pytest.raises(ProfShimError) as e:
        r.raise_for_status()
    assert "Where check(info).rewritable is True" in e.value.text, e.value.text
    assert "rewrite() trims" in profshim.describe(status)


@pytest.mark.parametrize("call", [profshim.rewrite, profshim.profile_name])
@pytest.mark.parametrize("info, status", [
    ("EXCH01\n" + "j" * 65, Status.BAD_MAILBOX), ("EXCH 01\njdoe", Status.BAD_SERVER),
])
def test_a_failed_call_is_not_told_a_rewrite_trims_its_spaces(call, info, status):
    with pytest.raises(ProfShimError) as e:
        call(info)
    assert e.value.status is status and "trims" not in e.value.text and "rewritable" not in e.value.text, e.value.text


def test_a_modern_dn_is_told_apart_only_by_its_ou():
    # The library's answer is the same for both (UNSAFE_CHAR, rewritable 0); the words differ.
    modern, colon = profshim.check(MODERN_DN), profshim.check(
        "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe")
    assert (modern.status, modern.rewritable) == (colon.status, colon.rewritable)
    assert "Exchange 2007 or later" in modern.text and "Exchange 2007" not in colon.text
    assert "rewrite(info)" in colon.text  # from check(): rewrite() where rewritable


@pytest.mark.parametrize("info, status", [
    ("EXCH01", Status.NO_SEPARATOR), ("EXCH01\n/o=Contoso/ou=NYC", Status.BAD_DN),
    ("EXCH01\nj\tdoe", Status.BAD_CHAR),
])
def test_profile_name_failures_never_advise_profile_name(info, status):
    with pytest.raises(ProfShimError) as e:
        profshim.profile_name(info)
    assert e.value.status is status and "profile_name(info)" not in e.value.text


# A newcomer's trial: the exception's text pointed at report.error_index, a report the
# caller of rewrite() does not have; the error carries the index and its text names it.
def test_profshim_error_carries_the_error_index():
    with pytest.raises(ProfShimError) as e:
        profshim.rewrite("EXCH01\njd\x07oe")
    assert e.value.status is Status.BAD_CHAR and e.value.error_index == 9
    assert "ProfShimError.error_index" in e.value.text and "report." not in e.value.text
    with pytest.raises(ProfShimError) as e:
        profshim.profile_name("EXCH01\n/o=Contoso/cn=jdoe")
    assert e.value.status is Status.BAD_DN and e.value.error_index == 18
    with pytest.raises(ProfShimError) as e:
        profshim.check("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=J\u00fcrgen").raise_for_status()
    assert e.value.error_index == 43 and "ProfShimError.error_index" in e.value.text
    for info in ("EXCH01", "EXCH01\r\nj\tdoe"):  # none at fault; not the text check() reads
        with pytest.raises(ProfShimError) as e:
            profshim.rewrite(info)
        assert e.value.error_index is None, info
    assert ProfShimError(Status.BAD_DN).error_index is None


def test_profshim_error_made_from_a_status_alone():
    assert ProfShimError(0x80040208).status is Status.BAD_DN
    e = ProfShimError(Status.BAD_DN)
    assert e.text.startswith("PSH_E_BAD_DN: ") and e.name == "PSH_E_BAD_DN"
    assert ProfShimError(0x1234).name == "0x00001234"
    assert isinstance(e, ValueError)  # a ProfileInfo the call cannot work with


# ---- many calls, many threads ----------------------------------------------------------

def test_many_threads_at_once():
    errors = []

    def work():
        try:
            for _ in range(500):
                assert profshim.rewrite(DN_INFO) == "EXCH01\njdoe"
                assert profshim.check(DN_INFO).error_offset == 7
                assert profshim.profile_name("EXCH01\njdoe").startswith("exch01_jdoe_")
        except Exception as e:  # noqa: BLE001 - collected for the main thread
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


# ---- the README's example ----------------------------------------------------------------

def _readme_example():
    readme = os.environ.get("PROFSHIM_README") or os.path.join(
        os.path.dirname(__file__), "..", "..", "..", "README.md")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    section = text.split("## Calling from Python", 1)
    assert len(section) == 2, "README.md has no '## Calling from Python' section"
    body = section[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", body, re.S)
    assert blocks, "the README's Python section has no ```python block"
    return blocks[0]


def test_the_package_description_example_runs_as_written(capsys):
    # bindings/python/README.md, the wheel's METADATA description.
    with open(os.path.join(os.path.dirname(__file__), "..", "README.md"), encoding="utf-8") as f:
        code = re.findall(r"```python\n(.*?)```", f.read(), re.S)[0]
    exec(compile(code, "bindings/python/README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    expected = [m.group(1) for m in re.finditer(r"^print\(.*#\s*(\S+)", code, re.M)]
    assert out[0].startswith("PSH_E_UNSAFE_CHAR 7 PSH_E_UNSAFE_CHAR: ") and out[1:] == expected, out


def test_the_readme_example_runs_as_written(capsys):
    code = _readme_example()
    exec(compile(code, "README.md (Calling from Python)", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    # Each print's comment is what it prints ("..." ends a shortened one), in order.
    expected = [m.group(1) for m in re.finditer(r"^\s*print\(.*#\s*(.+?)\s*$", code, re.M)]
    assert len(expected) == len(out) == 6, out
    for want, got in zip(expected, out):
        if want.endswith("..."):
            assert got.startswith(want[:-3].rstrip()), (want, got)
        else:
            assert got == want, (want, got)
