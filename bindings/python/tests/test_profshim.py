"""The Python binding, tested through Python: profshim.py over this build's library."""

import ctypes
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


def fnv1a64_hex(key: str) -> str:
    h = 0xCBF29CE484222325
    for ch in key.encode("ascii"):
        h ^= ch
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


# ---- loading ---------------------------------------------------------------------------

def test_loads_the_library_ctest_names():
    assert os.path.samefile(profshim.library_path(), os.environ["PROFSHIM_LIBRARY"])


def test_version_is_the_headers():
    assert profshim.version() == 10100


def _import_in_child(env, cwd, module_dir):
    code = "import profshim; print(profshim.library_path()); print(profshim.version())"
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd,
                          capture_output=True, text=True,
                          check=False, timeout=60)


@pytest.mark.skipif(sys.platform == "win32", reason="the .so layout is Linux's")
def test_finds_the_library_next_to_it(tmp_path):
    here = os.path.join(os.path.dirname(__file__), "..", "profshim.py")
    shutil.copy(here, tmp_path / "profshim.py")
    shutil.copy(os.environ["PROFSHIM_LIBRARY"], tmp_path / "libprofshim.so.1")
    env = {k: v for k, v in os.environ.items() if k not in ("PROFSHIM_LIBRARY", "LD_LIBRARY_PATH")}
    env["PYTHONPATH"] = str(tmp_path)
    r = _import_in_child(env, tmp_path, tmp_path)
    assert r.returncode == 0, r.stderr
    path, ver = r.stdout.split()
    assert path == str(tmp_path / "libprofshim.so.1") and ver == "10100"


@pytest.mark.skipif(sys.platform == "win32", reason="LD_LIBRARY_PATH is Linux's")
def test_finds_the_library_on_the_system_path(tmp_path):
    here = os.path.join(os.path.dirname(__file__), "..", "profshim.py")
    shutil.copy(here, tmp_path / "profshim.py")
    libdir = tmp_path / "lib"
    libdir.mkdir()
    shutil.copy(os.environ["PROFSHIM_LIBRARY"], libdir / "libprofshim.so.1")
    env = {k: v for k, v in os.environ.items() if k != "PROFSHIM_LIBRARY"}
    env["PYTHONPATH"] = str(tmp_path)
    env["LD_LIBRARY_PATH"] = str(libdir)
    r = _import_in_child(env, tmp_path, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[1] == "10100"


def test_a_missing_library_is_an_import_error(tmp_path):
    env = dict(os.environ, PROFSHIM_LIBRARY=str(tmp_path / "no-such-library.so"))
    env["PYTHONPATH"] = os.path.join(os.path.dirname(__file__), "..")
    r = _import_in_child(env, tmp_path, tmp_path)
    assert r.returncode != 0
    assert "ImportError" in r.stderr and "PROFSHIM_LIBRARY" in r.stderr


# ---- status codes ----------------------------------------------------------------------

HEADER_VALUES = {
    "PSH_OK": 0x00000000, "PSH_E_POINTER": 0x80004003, "PSH_E_INVALIDARG": 0x80070057,
    "PSH_E_UNEXPECTED": 0x8000FFFF, "PSH_E_INSUFFICIENT_BUFFER": 0x8007007A,
    "PSH_E_TOO_LONG": 0x80040105, "PSH_E_UNKNOWN_FLAGS": 0x80040106,
    "PSH_E_BAD_CHAR": 0x80040201, "PSH_E_NO_SEPARATOR": 0x80040202,
    "PSH_E_SYNTAX": 0x80040203, "PSH_E_EMPTY_SERVER": 0x80040204,
    "PSH_E_BAD_SERVER": 0x80040205, "PSH_E_EMPTY_MAILBOX": 0x80040206,
    "PSH_E_BAD_MAILBOX": 0x80040207, "PSH_E_BAD_DN": 0x80040208,
    "PSH_E_UNSAFE_CHAR": 0x80040209, "PSH_E_RESERVED_NAME": 0x8004020A,
}


def test_every_status_has_the_contracts_value():
    assert {s.name: s.value & 0xFFFFFFFF for s in Status} == HEADER_VALUES
    assert all(s.value < 0 for s in Status if s.name != "PSH_OK")
    assert profshim.PSH_E_UNSAFE_CHAR == -2147220983
    assert profshim.hex32(profshim.PSH_E_UNSAFE_CHAR) == "0x80040209"


# ---- check -----------------------------------------------------------------------------

def test_check_a_safe_alias():
    r = profshim.check("EXCH01\njdoe")
    assert r.ok and r.status == Status.PSH_OK and r.name == "PSH_OK"
    assert r.form is Form.ALIAS
    assert (r.server_offset, r.server_length, r.mailbox_offset, r.mailbox_length) == (0, 6, 7, 4)
    assert r.error_offset == -1 and r.error_index == -1 and r.rewritable is True
    assert (r.server, r.mailbox) == ("EXCH01", "jdoe")
    assert r.raise_for_status() is r


def test_check_the_kb_q271913_case():
    r = profshim.check(DN_INFO)
    assert r.status == profshim.PSH_E_UNSAFE_CHAR and not r.ok
    assert r.form is Form.DN
    assert r.error_offset == 7 and DN_INFO[r.error_index] == "/"
    assert r.mailbox == "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"
    assert r.rewritable is True
    assert r.text.startswith("PSH_E_UNSAFE_CHAR: ") and "Q271913" in r.text
    with pytest.raises(ProfShimError) as e:
        r.raise_for_status()
    assert e.value.status == profshim.PSH_E_UNSAFE_CHAR


def test_check_the_anonymous_form():
    r = profshim.check(ANON_INFO)
    assert r.ok and r.form is Form.ANONYMOUS
    assert r.mailbox == "ANON" and r.mailbox_offset == len(ANON_INFO) - 4


@pytest.mark.parametrize("info, status, offset", [
    ("EXCH01", Status.PSH_E_NO_SEPARATOR, -1),
    ("EXCH01\r\njdoe", Status.PSH_E_BAD_CHAR, 6),
    ("EXCH01\njdoe\n", Status.PSH_E_SYNTAX, 11),
    ("\njdoe", Status.PSH_E_EMPTY_SERVER, 0),
    ("EXCH 01\njdoe", Status.PSH_E_BAD_SERVER, 4),
    ("EXCH01\n", Status.PSH_E_EMPTY_MAILBOX, 7),
    ("EXCH01\n jdoe", Status.PSH_E_BAD_MAILBOX, 7),
    ("EXCH01\n/o=Contoso/cn=jdoe", Status.PSH_E_BAD_DN, 18),  # at the c of /cn, where /ou is due
    ("EXCH01\nj:doe", Status.PSH_E_UNSAFE_CHAR, 8),
    ("EXCH01\nnul.txt", Status.PSH_E_RESERVED_NAME, 7),
    ("", Status.PSH_E_NO_SEPARATOR, -1),
])
def test_check_finds_each_fault_where_it_is(info, status, offset):
    r = profshim.check(info)
    assert (r.status, r.error_offset) == (status, offset)


def test_an_embedded_nul_is_an_ordinary_bad_character():
    r = profshim.check("EXCH01\nj\0doe")
    assert r.status == profshim.PSH_E_BAD_CHAR and r.error_offset == 8


def test_lengths_count_utf16_units_a_non_bmp_character_is_two():
    # 2048 emoji are 4096 units: at the limit, judged (bad character at 0) ...
    assert profshim.check(EMOJI * 2048).status == profshim.PSH_E_BAD_CHAR
    # ... and 2049 are 4098 units: too long, though only 2049 str characters.
    assert profshim.check(EMOJI * 2049).status == profshim.PSH_E_TOO_LONG
    assert profshim.check("a" * 4096).status == profshim.PSH_E_NO_SEPARATOR
    assert profshim.check("a" * 4097).status == profshim.PSH_E_TOO_LONG


def test_error_offsets_are_units_and_error_index_is_the_str_index():
    info = "EXCH01\njdoe" + EMOJI
    r = profshim.check(info)
    assert r.status == profshim.PSH_E_BAD_CHAR
    assert r.error_offset == 11 and info[r.error_index] == EMOJI
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
    assert r.status == profshim.PSH_E_BAD_CHAR and r.error_offset == 9


def test_non_ascii_is_a_bad_character():
    r = profshim.check("EXCH01\nj\u00e9r\u00f4me")
    assert r.status == profshim.PSH_E_BAD_CHAR and r.error_offset == 8
    assert not r.rewritable


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
    assert err.status == profshim.PSH_E_UNSAFE_CHAR and err.name == "PSH_E_UNSAFE_CHAR"
    assert err.text == profshim.describe(profshim.PSH_E_UNSAFE_CHAR) == str(err)
    assert "MAPI_E_NOT_FOUND" in err.text


@pytest.mark.parametrize("info, status", [
    ("EXCH01", Status.PSH_E_NO_SEPARATOR),
    ("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe", Status.PSH_E_UNSAFE_CHAR),
    ("EXCH01\nj\u00e9r\u00f4me", Status.PSH_E_BAD_CHAR),
    ("x" * 4097, Status.PSH_E_TOO_LONG),
])
def test_rewrite_failures_raise(info, status):
    with pytest.raises(ProfShimError) as e:
        profshim.rewrite(info)
    assert e.value.status == status
    assert e.value.text.startswith(Status(status).name + ": ")


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
    assert len(name) == 15 + 1 + 31 + 1 + 16 <= profshim.PSH_PROFILE_NAME_MAX
    assert re.fullmatch(r"[a-z0-9_]+", name)


def test_profile_name_failures_raise():
    with pytest.raises(ProfShimError) as e:
        profshim.profile_name("EXCH01")
    assert e.value.status == profshim.PSH_E_NO_SEPARATOR


# ---- describe ---------------------------------------------------------------------------

def test_describe_every_code():
    for s in Status:
        text = profshim.describe(s)
        assert text.startswith(s.name + ": ") and "\n" not in text


def test_describe_takes_signed_and_unsigned_values():
    assert profshim.describe(0x80040209) == profshim.describe(-2147220983)
    assert profshim.describe(0x12345678) == "unknown status 0x12345678"
    assert profshim.describe(-1) == "unknown status 0xFFFFFFFF"
    with pytest.raises(ValueError):
        profshim.describe(1 << 32)


def test_profshim_error_made_from_a_status_alone():
    e = ProfShimError(profshim.PSH_E_BAD_DN)
    assert e.text.startswith("PSH_E_BAD_DN: ") and e.name == "PSH_E_BAD_DN"
    assert ProfShimError(0x1234).name == "0x00001234"
    assert isinstance(e, Exception)


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


def test_the_readme_example_runs_as_written(capsys):
    code = _readme_example()
    exec(compile(code, "README.md (Calling from Python)", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    # Each print's comment is what it prints ("..." ends a shortened one), in order.
    expected = [m.group(1) for m in re.finditer(r"^\s*print\(.*#\s*(.+?)\s*$", code, re.M)]
    assert len(expected) == len(out) == 5, out
    for want, got in zip(expected, out):
        if want.endswith("..."):
            assert got.startswith(want[:-3].rstrip()), (want, got)
        else:
            assert got == want, (want, got)
