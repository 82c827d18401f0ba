#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets, tests/fuzz/corpus/<target>/seed-*.

Seeds come from the ProfileInfo strings of examples/profileinfo-samples.txt (the INFO
column, C escapes decoded) and from the cases of include/profshim.h listed below, each
wrapped in the input layout its target decodes (targets.hpp, fuzz_api.cpp). Run it again
after the samples change; it replaces only the seed-* files, so inputs the fuzzers found
and were merged in (other names) stay.

    python3 tests/fuzz/make_corpus.py
"""
import hashlib
import pathlib
import re
import struct

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
SAMPLES = ROOT / "examples" / "profileinfo-samples.txt"

DN = "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"
SERVER_DN = "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01"

# The contract's own cases (sections 4-7): every rule, its edges, and the slips of VB code.
CONTRACT_CASES = [
    "EXCH01\n" + DN,                          # KB Q271913
    "EXCH01\njdoe",
    "mail.contoso.com\njdoe",
    SERVER_DN + "\n\nanon",
    SERVER_DN + "\n\nANON",
    SERVER_DN + "\n\nanonymous",
    "EXCH01\r\njdoe\r\n",                     # vbCrLf, trailing vbNewLine
    "  EXCH01 \t\n\t jdoe  \n\n",
    "\n\nEXCH01\rjdoe\r",
    "EXCH01\n\n\njdoe",
    "EXCH01jdoe",
    "\njdoe",
    "EXCH01\n",
    "EXCH01\n jdoe",
    "EXCH01\njdoe ",
    "EXCH01\njdoe.",
    "EXCH01\nj:doe",
    "EXCH01\nj\"d<o>e|?*\\",
    "EXCH01\nnul.txt",
    "EXCH01\nCOM1",
    "CON\njdoe",
    "clock$.contoso\njdoe",
    "EXCH01\nLPT0",
    "ex ch01\njdoe",
    ".exch01\njdoe",
    "exch01.\njdoe",
    "exch01..contoso\njdoe",
    "-exch01\njdoe",
    "exch01-.contoso\njdoe",
    "exch01.-contoso\njdoe",
    "a" * 63 + ".com\njdoe",
    "a" * 64 + ".com\njdoe",
    ".".join(["a" * 63] * 4) + "\njdoe",      # 255 units
    "EXCH01\n" + "j" * 64,
    "EXCH01\n" + "j" * 65,
    "EXCH01\n" + "j" * 65 + ":",
    "EXCH01\n/o=Contoso/cn=Recipients/cn=jdoe",
    "EXCH01\n/O=Contoso/OU=NYC/CN=Recipients/CN=JDoe",
    "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe:old",
    "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=o'brien",
    "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn= jdoe",
    "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe ",
    "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=",
    "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn",
    "EXCH01\n/o=Contoso/ou=NYC",
    "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/",
    "EXCH01\n/o=" + "x" * 65 + "/ou=NYC/cn=jdoe",
    "EXCH01\n/o=Contoso/ou=NYC" + "/cn=x" * 14,
    "EXCH01\n/o=Contoso/ou=NYC" + "/cn=x" * 15,
    "EXCH01\n/o=" + "/cn=".join(["y" * 60] * 5),
    "EXCH01\n/o=a/ou=b/cn=" + "/cn=".join(["z" * 64] * 4),   # 258 RDN units
    "/o=Contoso/ou=NYC/cn=Servers\n\nanon",
    "/o=Contoso/cn=Servers\n\nanon",
    "EXCH01\n\nanon",
    "\n\nanon",
    "EXCH01\njd\x00oe",
    "EXCH01\njd\x7foe",
    "EXCH01\njd\xfcoe",
    "",
    "\n",
    "EXCH01\n" + "j" * (4096 - 7),            # PSH_MAX_INPUT units
    "EXCH01\n" + "j" * (4097 - 7),            # one too many
]


def decode_c_escapes(text):
    out = bytearray()
    i = 0
    simple = {"n": 10, "r": 13, "t": 9, "\\": 92, '"': 34, "'": 39, "0": 0, "a": 7,
              "b": 8, "f": 12, "v": 11}
    while i < len(text):
        c = text[i]
        if c != "\\" or i + 1 == len(text):
            out += c.encode("latin-1")
            i += 1
            continue
        n = text[i + 1]
        if n == "x" and re.match(r"[0-9A-Fa-f]{2}", text[i + 2:i + 4]):
            out.append(int(text[i + 2:i + 4], 16))
            i += 4
        elif n in "01234567" and re.match(r"[0-7]{1,3}", text[i + 1:]):
            digits = re.match(r"[0-7]{1,3}", text[i + 1:]).group(0)
            out.append(int(digits, 8) & 0xFF)
            i += 1 + len(digits)
        elif n in simple:
            out.append(simple[n])
            i += 2
        else:
            out += n.encode("latin-1")
            i += 2
    return bytes(out)


def sample_infos():
    if not SAMPLES.exists():
        return []
    infos = []
    for line in SAMPLES.read_text(encoding="latin-1").splitlines():
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f for f in line.split("\t") if f != ""]
        info = fields[1] if len(fields) >= 2 else fields[0]
        infos.append(decode_c_escapes(info))
    return infos


def header(mode, flags, cap):
    return bytes([mode, flags]) + struct.pack("<H", cap)


def as_units(text, wide):
    """Bytes are units as they are (widened one to one for the _w targets); a str is
    characters, given as UTF-8 or as UTF-16 (profshim.h section 11.1); a tuple ("utf-16", b)
    is UTF-16 units already, ill-formed ones among them."""
    if isinstance(text, tuple):
        return text[1]
    if isinstance(text, str):
        return text.encode("utf-16-le" if wide else "utf-8")
    if not wide:
        return text
    return b"".join(struct.pack("<H", b) for b in text)


def string_seeds(texts, wide, with_flags):
    seeds = []
    for text in texts:
        units = as_units(text, wide)
        seeds.append(header(0x00, 0x00, 0xFFFF) + units)
        seeds.append(header(0x0B, 0x01 if with_flags else 0x00, 0x0000) + units)
    if wide:
        # UTF-16 units whose low byte is LF, '/' or a letter: never the same as that ASCII.
        for unit in (0x010A, 0x012F, 0x0141, 0xFF0A):
            text = as_units(b"EXCH01\njdoe", True)
            seeds.append(header(0x00, 0x00, 0x0005) + text[:8] + struct.pack("<H", unit) + text[8:])
    return seeds


# ---- fuzz_api ------------------------------------------------------------------------------

CHECK, REWRITE, PROFILE_NAME, DESCRIBE, VERSION = 5, 6, 7, 8, 9   # op codes (low nibble)


def api_fill(slot, text, wide=False):
    units = list(text)
    if not units:   # an empty slot
        return bytes([0x80 if wide else 0x00, slot, 0x7F, 0x00]) + (b"\x00\x00" if wide else b"\x00") + b"\xff\xff"
    assert len(units) <= 256
    body = b"".join(struct.pack("<H", u) for u in units) if wide else bytes(units)
    return bytes([0x80 if wide else 0x00, slot, 0x00, len(units) - 1]) + body + b"\xff\xff"


def api_fill_repeat(slot, unit, size, wide=False):
    body = struct.pack("<H", unit) if wide else bytes([unit])
    return bytes([0x80 if wide else 0x00, slot, 0x80, 0x00]) + body + struct.pack("<H", size) + b"\xff\xff"


def api_convert(from_slot, to_slot, from_wide=False):
    return bytes([0x82 if from_wide else 0x02, from_slot, to_slot])


def api_call(op, wide, info_slot, len_byte, out_byte, cap_byte, flag_byte, report_byte,
             cap16=None, extra=b""):
    b = bytes([op | (0x80 if wide else 0), info_slot, len_byte, out_byte, cap_byte])
    if cap_byte % 8 >= 4:
        b += struct.pack("<H", cap16 if cap16 is not None else 0xFFFF)
    return b + bytes([flag_byte, report_byte]) + extra


def api_seeds(texts):
    seeds = []
    for text in texts:
        if len(text) > 256:
            continue
        s = api_fill(0, text) + api_convert(0, 0)
        for wide in (False, True):
            s += api_fill_repeat(1, ord("x"), 300, wide) + api_fill_repeat(2, ord("y"), 300, wide)
        for wide in (False, True):
            s += api_call(CHECK, wide, 0, 2, 0, 0, 0, 0)                     # explicit length, report 36
            s += api_call(CHECK, wide, 0, 0, 0, 0, 0, 1)                     # -1, sizeof report
            s += api_call(REWRITE, wide, 0, 2, 2, 4, 0, 7)                   # into slot 1, cap = all
            s += api_call(REWRITE, wide, 1, 0, 1, 4, 1, 7)                   # its result, in place
            s += api_call(PROFILE_NAME, wide, 0, 2, 6, 4, 0, 7)              # into slot 2
            s += api_call(PROFILE_NAME, wide, 0, 2, 0, 0, 0, 7)              # size query
            s += api_call(REWRITE, wide, 0, 2, 1, 3, 0, 7)                   # in place, cap 1
        seeds.append(s)
    # Argument errors and describe.
    s = api_fill(0, b"EXCH01\njdoe") + api_fill_repeat(2, ord("x"), 300)
    s += api_call(CHECK, False, 0xF0, 0, 0, 0, 0, 0)                         # info NULL
    s += api_call(CHECK, False, 0, 2, 0, 0, 0, 3)                            # report size 35
    s += api_call(REWRITE, False, 0, 2, 0, 3, 0, 7)                          # out NULL, cap 1
    s += api_call(REWRITE, False, 0, 2, 2, 1, 0, 7)                          # cap -1
    s += api_call(REWRITE, False, 0, 2, 2, 4, 0xC4, 7)                       # unknown flag
    s += api_call(PROFILE_NAME, False, 0, 2, 2, 4, 1, 7)                     # flags must be 0
    s += api_call(REWRITE, False, 0, 4, 2, 4, 0, 7)                          # len > PSH_MAX_INPUT
    s += api_call(CHECK, False, 0, 0x82, 0, 0, 0, 0)                         # len INT32_MAX
    s += api_call(VERSION, False, 0, 0, 0, 0, 0, 0)
    for pick in (b"\x00", b"\x0f", b"\x80\x01\x02\x03\x84"):
        s += api_call(DESCRIBE, False, 0, 0, 2, 4, 0, 7, extra=pick)
        s += api_call(DESCRIBE, True, 0, 0, 2, 3, 0, 7, extra=pick)
    seeds.append(s)
    # A slot of 4200 units with no NUL, read with len = -1: PSH_E_TOO_LONG.
    s = bytes([0x00, 0, 0x80, 0]) + b"j" + struct.pack("<H", 4200 - 1) + b"\xff\xff"
    s += api_call(CHECK, False, 0, 0, 0, 0, 0, 0) + api_call(REWRITE, False, 0, 0, 1, 4, 0, 7)
    seeds.append(s)
    return seeds


def write(target, seeds):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("seed-*"):
        old.unlink()
    for seed in seeds:
        name = "seed-" + hashlib.sha1(seed).hexdigest()[:16]
        (folder / name).write_bytes(seed)
    print(f"{target}: {len(seeds)} seeds")


# Tokens of the grammar for libFuzzer's -dict: bytes, and UTF-16LE for the _w targets.
DICTIONARY_TOKENS = [
    "\n", "\r\n", "\r", "\t", " ", "\n\nanon", "anon", "ANON", "/o=", "/ou=", "/cn=", "/O=",
    "/OU=", "/CN=", "/", "=", ".", "..", "-", "_", ":", "?", "*", "<", ">", "|", "\\", "\"",
    "'", "#", "$", "~", "CON", "PRN", "AUX", "NUL", "nul.txt", "CLOCK$", "CONIN$", "CONOUT$",
    "COM0", "COM1", "COM9", "LPT0", "LPT1", "LPT9", "EXCH01", "mail.contoso.com", "jdoe",
    "Recipients", "Configuration", "Servers",
]
# Section 11: characters outside ASCII, as UTF-8 and UTF-16 (the C1 control U+0085 too).
UNICODE_TOKENS = ["\u00fc", "\u00dc", "\u0141", "\u5f20", "\U0001F600", "\u00a0", "\ufeff", "\u0085",
                  "COM\u00b9", "LPT\u00b3", "\u00b2"]

# Section 11's cases, as characters: each target gets them in its own encoding, and a few
# ill-formed ones in raw units.
UNICODE_CASES = [
    "EXCH01\nJ\u00fcrgen M\u00fcller",
    "EXCH01\r\n\u0141ukasz \u017b\u00f3\u0142ty\r\n",
    "EXCH01\n\u5f20\u4f1f",
    "EXCH01\n\U0001F600" * 1 + "a" * 62,
    "EXCH01\n" + "a" * 63 + "\U0001F600",
    "EXCH01\n" + "\u00fc" * 64,
    "EXCH01\n" + "\u00fc" * 64 + "x",
    "EXCH01\nCOM\u00b9",
    "EXCH01\nlpt\u00b2.txt",
    "EXCH01\njdoe\u00a0",
    "EXCH01\n\ufeffjdoe",
    "EXCH01\nj\u0085doe",
    "EXCH\u00fc\njdoe",
    "3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@cont\u00f6so.com\njdoe",
    "EXCH01\n" + DN + "\u00fc",
    SERVER_DN + "\u00fc\n\nanon",
    "\u00fcber\n",
    "\n\u00fcber",
    "EXCH01\n" + "\u5f20" * 4089,            # PSH_MAX_INPUT UTF-16 units, 12,267 bytes
]
ILL_FORMED = [   # (bytes for the byte targets, UTF-16 units for the _w ones)
    (b"EXCH01\nj\xc3", [0xD800]),
    (b"EXCH01\nj\xe9doe", [0xDC00, ord("d")]),
    (b"EXCH01\nj\xed\xa0\x80", [0xDE00, 0xD83D]),
    (b"EXCH01\nj\xc0\xaf", [0xD83D, 0xD83D, 0xDE00]),
    (b"EXCH01\nj\xf4\x90\x80\x80", [0xD83D, 0xDE00, 0xDC00]),
]


def write_dictionaries():
    def escape(data):
        return "".join(chr(b) if 0x20 <= b < 0x7F and chr(b) not in '"\\' else f"\\x{b:02x}" for b in data)
    for name, wide in (("profileinfo.dict", False), ("profileinfo_w.dict", True)):
        lines = ["# libFuzzer dictionary, written by make_corpus.py"]
        for i, token in enumerate(DICTIONARY_TOKENS):
            lines.append(f'kw{i}="{escape(as_units(token.encode("latin-1"), wide))}"')
        for i, token in enumerate(UNICODE_TOKENS, len(DICTIONARY_TOKENS)):
            lines.append(f'kw{i}="{escape(as_units(token, wide))}"')
        (CORPUS.parent / name).write_text("\n".join(lines) + "\n")


def main():
    write_dictionaries()
    texts = [t.encode("latin-1") for t in CONTRACT_CASES] + sample_infos()
    texts = list(dict.fromkeys(texts))
    narrow_texts = texts + UNICODE_CASES + [raw for raw, _ in ILL_FORMED]
    wide_texts = texts + UNICODE_CASES + [
        ("utf-16", "EXCH01\nj".encode("utf-16-le") + b"".join(struct.pack("<H", u) for u in units))
        for _, units in ILL_FORMED]
    for function in ("check", "rewrite", "profile_name"):
        write(function, string_seeds(narrow_texts, False, function == "rewrite"))
        write(function + "_w", string_seeds(wide_texts, True, function == "rewrite"))
    write("api", api_seeds(texts))


if __name__ == "__main__":
    main()
