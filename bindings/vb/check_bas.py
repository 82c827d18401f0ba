#!/usr/bin/env python3
"""Checks bindings/vb/ProfShim.bas against include/profshim.h and exports.def.

No VB6 or VBA runs here, so the module is checked as text, against the header it must
match:
  - a Declare for every export, in both branches (#If VBA7: PtrSafe and LongPtr;
    #Else, VB6: neither), with Lib "profshim.dll", Alias = the export's exact name, the
    header's parameter count, and for each parameter the passing and type the C type
    needs: int32_t/uint32_t ByVal Long; int32_t* ByRef Long; psh_report* ByRef psh_report;
    psh_wchar* ByVal LongPtr (VBA7) or ByVal Long (VB6), called through StrPtr; char*
    ByVal String (VB's ANSI conversion) or a ByVal pointer; the result As Long;
  - Type psh_report: the struct's fields in order, each As Long, PSH_REPORT_V1_SIZE bytes;
  - a Public Const for every #define of the header, of the same value (hex literals with
    the & suffix, so that none can turn into a 16-bit Integer);
  - the helpers: each call of a _w function passes StrPtr(s) with Len(s) of the same
    String for every buffer, and failures go to Err.Raise with the status and a text
    (PshDescribe's, or PshRewriteText's for PshRewrite);
  - the texts: PshDescribe has a Case for every status of the header, whose text starts
    with the status's name; no text in the module names a C function (psh_...), the
    header or a buffer's cap, and none says to remove a character;
  - the README's VB example calls only what the module defines, with as many arguments as
    it takes.
Prints one line per failure and "N passed, N failed"; exits 1 if anything failed.
`--self-test` also checks that broken copies of the module are caught.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import exports_def  # noqa: E402  (tools/exports_def.py reads exports.def)

# ---- the header ------------------------------------------------------------------------


def strip_c_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def c_value(expr: str, known: dict):
    """The value of a #define's replacement text: an integer (as the signed int32 a
    (int32_t) cast makes it), a string literal, or None for what is not a constant."""
    expr = expr.strip()
    if re.fullmatch(r'"[^"]*"', expr):
        return expr[1:-1]
    signed = "(int32_t)" in expr.replace(" ", "")
    e = re.sub(r"\(\s*u?int32_t\s*\)", "", expr)
    e = re.sub(r"\b(0[xX][0-9A-Fa-f]+|\d+)[uUlL]*\b", r"\1", e)
    for name, value in known.items():
        if isinstance(value, int):
            e = re.sub(r"\b%s\b" % re.escape(name), str(value), e)
    if not re.fullmatch(r"[\s0-9a-fA-FxX()+*\-]+", e):
        return None
    value = eval(e, {"__builtins__": {}})  # digits, parentheses, + - * only
    value &= 0xFFFFFFFF
    if signed or value & 0x80000000:
        value = value - (1 << 32) if value & 0x80000000 else value
    return value


def parse_header(text: str):
    code = strip_c_comments(text)
    defines = {}
    for m in re.finditer(r"^\s*#\s*define\s+(\w+)(?:[ \t]+([^\n]*))?$", code, re.M):
        name, body = m.group(1), (m.group(2) or "").strip()
        if name in ("PROFSHIM_H", "PSH_CALL", "PSH_API"):
            continue
        value = c_value(body, defines)
        if value is None:
            raise SystemExit("check_bas.py: cannot read #define %s %s" % (name, body))
        defines[name] = value
    prototypes = {}
    for m in re.finditer(r"(\w+)\s+PSH_CALL\s+(\w+)\s*\(([^)]*)\)\s*;", code):
        ret, name, params = m.group(1), m.group(2), m.group(3).strip()
        plist = []
        if params not in ("", "void"):
            for p in params.split(","):
                p = " ".join(p.split())
                pm = re.fullmatch(r"(.*?)\s*(\w+)", p)
                ctype = pm.group(1).replace(" *", "*").strip()
                plist.append((ctype, pm.group(2)))
        prototypes[name] = (ret, plist)
    sm = re.search(r"typedef\s+struct\s+psh_report\s*\{(.*?)\}\s*psh_report\s*;", code, re.S)
    fields = re.findall(r"(\w+)\s+(\w+)\s*;", sm.group(1)) if sm else []
    return defines, prototypes, fields


def parse_exports(text: str):
    """The public names of exports.def, read by tools/exports_def.py."""
    return exports_def.parse(text).public


# ---- the module ------------------------------------------------------------------------

def vb_logical_lines(text: str):
    """Lines with comments removed and `_` continuations joined, as (number, line)."""
    out, pending, start = [], "", 0
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        # a comment starts at a ' outside a string literal
        code, in_str = [], False
        for ch in line:
            if ch == '"':
                in_str = not in_str
            if ch == "'" and not in_str:
                break
            code.append(ch)
        line = "".join(code).rstrip()
        if not pending:
            start = number
        if line.endswith(" _"):
            pending += line[:-1] + " "
            continue
        out.append((start, pending + line))
        pending = ""
    return out


def vb_number(literal: str):
    """A VB integer literal as the value a Long holds: &H80040209& is -2147220983."""
    literal = literal.strip()
    m = re.fullmatch(r"&H([0-9A-Fa-f]+)(&?)", literal)
    if m:
        value = int(m.group(1), 16)
        if value > 0xFFFFFFFF:
            return None
        if not m.group(2) and len(m.group(1)) <= 4 and value & 0x8000:
            value -= 0x10000  # an Integer literal: sign-extended
        return value - (1 << 32) if value & 0x80000000 else value
    m = re.fullmatch(r"(-?\d+)&?", literal)
    return int(m.group(1)) if m else None


DECLARE_RE = re.compile(
    r"^(Public|Private)?\s*Declare\s+(PtrSafe\s+)?(Function|Sub)\s+(\w+)\s+Lib\s+\"([^\"]+)\""
    r"(?:\s+Alias\s+\"([^\"]+)\")?\s*\((.*)\)\s*(?:As\s+(\w+))?$", re.I)


def parse_params(text: str):
    params = []
    text = text.strip()
    if not text:
        return params
    for p in split_args(text):
        m = re.fullmatch(r"(?:(Optional)\s+)?(?:(ByVal|ByRef)\s+)?(\w+)(\(\))?\s+As\s+(\w+)", p.strip(), re.I)
        if not m:
            params.append(("?", p.strip(), "?"))
            continue
        passing = (m.group(2) or "ByRef").capitalize()  # VB passes ByRef unless told
        passing = "ByVal" if passing.lower() == "byval" else "ByRef"
        params.append((passing, m.group(3), m.group(5)))
    return params


def split_args(text: str):
    """Split at the top-level commas (not inside parentheses or strings)."""
    args, depth, cur, in_str = [], 0, [], False
    for ch in text:
        if ch == '"':
            in_str = not in_str
        if not in_str:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif ch == "," and depth == 0:
                args.append("".join(cur).strip())
                cur = []
                continue
        cur.append(ch)
    if cur or args:
        args.append("".join(cur).strip())
    return args


def parse_bas(text: str):
    lines = vb_logical_lines(text)
    branch = None  # None (outside #If), "VBA7", "VB6"
    declares = {"VBA7": [], "VB6": [], None: []}
    consts, types, current_type, procs = {}, {}, None, {}
    directive_stack, problems = [], []
    current_proc = None
    for number, line in lines:
        s = line.strip()
        if not s:
            continue
        low = s.lower()
        if low.startswith("#if "):
            directive_stack.append(s)
            if re.fullmatch(r"#If\s+VBA7\s+Then", s, re.I):
                branch = "VBA7"
            continue
        if low == "#else":
            if branch == "VBA7":
                branch = "VB6"
            continue
        if low == "#end if":
            if not directive_stack:
                problems.append("line %d: #End If without #If" % number)
            else:
                directive_stack.pop()
            branch = None
            continue
        if current_type is not None:
            if re.fullmatch(r"End\s+Type", s, re.I):
                current_type = None
            else:
                fm = re.fullmatch(r"(\w+)\s+As\s+(\w+)", s, re.I)
                types[current_type].append((fm.group(1), fm.group(2)) if fm else ("?", s))
            continue
        tm = re.fullmatch(r"(?:Public\s+|Private\s+)?Type\s+(\w+)", s, re.I)
        if tm:
            current_type = tm.group(1)
            types[current_type] = []
            continue
        cm = re.fullmatch(r"(Public|Private)?\s*Const\s+(\w+)\s+As\s+(\w+)\s*=\s*(.+)", s, re.I)
        if cm:
            consts[cm.group(2)] = (cm.group(3), cm.group(4).strip(), number, cm.group(1) or "")
            continue
        dm = DECLARE_RE.match(s)
        if dm:
            declares[branch].append({
                "line": number, "ptrsafe": bool(dm.group(2)), "kind": dm.group(3),
                "name": dm.group(4), "lib": dm.group(5), "alias": dm.group(6),
                "params": parse_params(dm.group(7)), "ret": dm.group(8), "text": s})
            continue
        if re.match(r"(Public\s+|Private\s+)?Declare\b", s, re.I):
            problems.append("line %d: cannot read the Declare: %s" % (number, s))
            continue
        pm = re.fullmatch(r"(Public\s+|Private\s+)?(Function|Sub)\s+(\w+)\s*\((.*)\)\s*(?:As\s+(\w+))?", s, re.I)
        if pm:
            if current_proc:
                problems.append("line %d: %s inside %s" % (number, pm.group(3), current_proc))
            current_proc = pm.group(3)
            procs[current_proc] = {"public": (pm.group(1) or "Public ").strip().lower() == "public",
                                   "kind": pm.group(2), "params": parse_params(pm.group(4)),
                                   "ret": pm.group(5), "body": [], "line": number}
            continue
        if re.fullmatch(r"End\s+(Function|Sub)", s, re.I):
            if not current_proc:
                problems.append("line %d: End without Function/Sub" % number)
            current_proc = None
            continue
        if current_proc:
            procs[current_proc]["body"].append((number, s))
    if directive_stack:
        problems.append("#If without #End If")
    if current_proc:
        problems.append("%s has no End" % current_proc)
    return {"declares": declares, "consts": consts, "types": types, "procs": procs,
            "problems": problems}


# ---- the checks ------------------------------------------------------------------------

class Checker:
    def __init__(self, quiet=False):
        self.passed = 0
        self.failed = 0
        self.quiet = quiet

    def expect(self, ok: bool, what: str):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            if not self.quiet:
                print("FAILED: " + what)


def expected_vb(ctype: str, branch: str):
    """The (passing, type) choices that carry a C parameter type, per branch."""
    ptr = "LongPtr" if branch == "VBA7" else "Long"
    table = {
        "int32_t": [("ByVal", "Long")],
        "uint32_t": [("ByVal", "Long")],
        "int32_t*": [("ByRef", "Long")],
        "psh_report*": [("ByRef", "psh_report")],
        "const psh_wchar*": [("ByVal", ptr)],
        "psh_wchar*": [("ByVal", ptr)],
        "const char*": [("ByVal", "String"), ("ByVal", ptr)],
        "char*": [("ByVal", "String"), ("ByVal", ptr)],
    }
    return table.get(ctype)


def check_module(bas_text, header_text, exports_text, readme_text=None, c=None):
    c = c or Checker()
    defines, prototypes, fields = parse_header(header_text)
    exports = parse_exports(exports_text)
    bas = parse_bas(bas_text)

    c.expect(bool(prototypes) and bool(fields) and bool(defines), "the header was read")
    c.expect(sorted(exports) == sorted(prototypes),
             "exports.def and the header's prototypes name the same functions: %s / %s"
             % (sorted(exports), sorted(prototypes)))
    for problem in bas["problems"]:
        c.expect(False, problem)

    # layout of the file
    c.expect(bas_text.startswith('Attribute VB_Name = "ProfShim"'), "the module starts with Attribute VB_Name")
    c.expect("\n" not in bas_text.replace("\r\n", ""), "every line ends with CRLF (VB6 reads no other)")
    c.expect(re.search(r"^Option Explicit\r?$", bas_text, re.M) is not None, "Option Explicit")
    c.expect(bas_text.isascii(), "the module is ASCII (the IDE reads it in the ANSI code page)")

    # Declares
    c.expect(not bas["declares"][None], "every Declare is inside #If VBA7 / #Else: %s"
             % [d["name"] for d in bas["declares"][None]])
    for branch in ("VBA7", "VB6"):
        decls = bas["declares"][branch]
        by_alias = {}
        for d in decls:
            by_alias.setdefault(d["alias"] or d["name"], []).append(d)
        c.expect(sorted(by_alias) == sorted(exports),
                 "%s: one Declare per export: declared %s, exported %s" % (branch, sorted(by_alias), sorted(exports)))
        for name in exports:
            ds = by_alias.get(name, [])
            c.expect(len(ds) == 1, "%s: %s declared once (%d)" % (branch, name, len(ds)))
            if not ds:
                continue
            d = ds[0]
            where = "%s line %d: %s" % (branch, d["line"], name)
            c.expect(d["alias"] == name, where + ": Alias \"%s\" is the export's exact name" % name)
            c.expect(d["name"] == name, where + ": the VB name is the export's")
            c.expect(d["lib"].lower() == "profshim.dll", where + ": Lib \"profshim.dll\"")
            c.expect(d["ptrsafe"] == (branch == "VBA7"),
                     where + (": PtrSafe" if branch == "VBA7" else ": no PtrSafe in VB6"))
            if branch == "VB6":
                c.expect("longptr" not in d["text"].lower(), where + ": no LongPtr in VB6")
            ret, cparams = prototypes[name]
            c.expect(d["kind"].lower() == "function" and (d["ret"] or "").lower() == "long"
                     and ret == "int32_t", where + ": a Function ... As Long (int32_t)")
            c.expect(len(d["params"]) == len(cparams),
                     where + ": %d parameters, the header has %d" % (len(d["params"]), len(cparams)))
            for i, (cp, vp) in enumerate(zip(cparams, d["params"])):
                ctype, cname = cp
                passing, vname, vtype = vp
                choices = expected_vb(ctype, branch)
                c.expect(choices is not None, where + ": the C type %s has a VB mapping" % ctype)
                if choices:
                    c.expect((passing, vtype) in [(p, t) for p, t in choices] or
                             (passing, vtype.lower()) in [(p, t.lower()) for p, t in choices],
                             where + ": parameter %d (%s %s) is %s %s As %s; expected %s"
                             % (i + 1, ctype, cname, passing, vname, vtype,
                                " or ".join("%s As %s" % ch for ch in choices)))
                if ctype.endswith("psh_wchar*"):
                    c.expect(vtype.lower() != "string",
                             where + ": a UTF-16 parameter is never As String (VB would pass ANSI)")

    # the report
    vb_fields = bas["types"].get("psh_report")
    c.expect(vb_fields is not None, "Type psh_report is defined")
    if vb_fields is not None:
        c.expect([f[0] for f in vb_fields] == [f[1] for f in fields],
                 "Type psh_report has the struct's fields in order: %s / %s"
                 % ([f[0] for f in vb_fields], [f[1] for f in fields]))
        c.expect(all(ct == "int32_t" for ct, _ in fields) and all(vt.lower() == "long" for _, vt in vb_fields),
                 "every psh_report field is int32_t in C and As Long in VB")
        c.expect(4 * len(vb_fields) == defines.get("PSH_REPORT_V1_SIZE"),
                 "Type psh_report is PSH_REPORT_V1_SIZE (%s) bytes: %d" % (defines.get("PSH_REPORT_V1_SIZE"), 4 * len(vb_fields)))

    # constants
    for name, value in defines.items():
        const = bas["consts"].get(name)
        c.expect(const is not None, "Public Const %s" % name)
        if const is None:
            continue
        vbtype, literal, line, scope = const
        c.expect(scope.lower() == "public", "line %d: %s is Public" % (line, name))
        if isinstance(value, str):
            c.expect(vbtype.lower() == "string" and literal == '"%s"' % value,
                     "line %d: %s As String = \"%s\"" % (line, name, value))
            continue
        c.expect(vbtype.lower() == "long", "line %d: %s As Long" % (line, name))
        if literal.upper().startswith("&H"):
            c.expect(literal.endswith("&"), "line %d: %s: the hex literal %s has the & suffix" % (line, name, literal))
        got = vb_number(literal)
        c.expect(got == value, "line %d: %s = %s is %s; the header says %s"
                 % (line, name, literal, got, value))
    for name, const in bas["consts"].items():
        if name.startswith("PSH_"):
            c.expect(name in defines, "line %d: %s is a constant of the header" % (const[2], name))

    # helpers
    procs = bas["procs"]
    helpers = {"PshCheck": 1, "PshCheckReport": 2, "PshRewrite": 2, "PshProfileName": 1,
               "PshDescribe": 1, "PshVersion": 0}
    for name, nparams in helpers.items():
        p = procs.get(name)
        c.expect(p is not None and p["public"] and p["kind"].lower() == "function",
                 "Public Function %s" % name)
        if p:
            c.expect(len(p["params"]) == nparams, "%s takes %d parameters" % (name, nparams))
    for name in ("PshRewrite", "PshProfileName"):
        p = procs.get(name)
        if p:
            c.expect((p["ret"] or "").lower() == "string", "%s returns a String" % name)
            body = " ".join(s for _, s in p["body"])
            c.expect(re.search(r"PshRaise\s+status", body) is not None, "%s raises the status on failure" % name)
    raiser = procs.get("PshRaise")
    c.expect(raiser is not None and any(re.match(r"Err\.Raise\s+status\s*,.*,\s*text$", s, re.I)
                                        for _, s in raiser["body"]),
             "PshRaise: Err.Raise status, ..., text")
    for name, text in (("PshRewrite", r"PshRewriteText\(status, info, flags\)"),
                       ("PshProfileName", r"PshFailedText\(status\)")):
        body = " ".join(s for _, s in procs.get(name, {"body": []})["body"])
        c.expect(re.search(r"PshRaise\s+status\s*,\s*\"%s\"\s*,\s*%s" % (name, text), body) is not None,
                 "%s raises with %s" % (name, text.replace("\\", "")))
    check_texts(procs, defines, bas_text, c)

    # every call of a _w function: StrPtr(s) with Len(s) of the same String
    wide = {n: p for n, p in prototypes.items() if n.endswith("_w")}
    calls = 0
    for pname, p in procs.items():
        for line, s in p["body"]:
            for fname, (ret, cparams) in wide.items():
                for m in re.finditer(r"\b%s\(" % fname, s):
                    calls += 1
                    args = split_args(_balanced(s, m.end() - 1))
                    where = "%s line %d: %s" % (pname, line, fname)
                    c.expect(len(args) == len(cparams), where + ": %d arguments" % len(args))
                    if len(args) != len(cparams):
                        continue
                    for i, (ctype, cname) in enumerate(cparams):
                        if not ctype.endswith("psh_wchar*"):
                            continue
                        sm = re.fullmatch(r"StrPtr\((\w+)\)", args[i])
                        c.expect(sm is not None, where + ": %s is passed as StrPtr(...), got %s" % (cname, args[i]))
                        if sm and i + 1 < len(cparams):
                            c.expect(re.fullmatch(r"Len\(%s\)" % sm.group(1), args[i + 1]) is not None,
                                     where + ": the count after StrPtr(%s) is Len(%s), got %s"
                                     % (sm.group(1), sm.group(1), args[i + 1]))
    c.expect(calls >= 5, "the helpers call the _w functions (%d calls)" % calls)
    for name, p in procs.items():
        body = " ".join(s for _, s in p["body"])
        for fname in prototypes:
            if not fname.endswith("_w") and fname != "psh_version":
                c.expect(re.search(r"\b%s\(" % fname, body) is None,
                         "%s calls no byte (ANSI) function: %s" % (name, fname))

    # the README's example
    if readme_text is not None:
        check_readme(readme_text, bas, c)
    return c


# What a VB caller cannot act on: the C functions, the header, a C buffer's cap.
C_WORDS = re.compile(r"psh_|header|\bcap\b|out_len|sizeof|NULL\b|remove it")


def check_texts(procs, defines, bas_text: str, c: Checker):
    """PshDescribe: a Case for every status of the header, its text starting with the
    status's name; no string literal in PshDescribe or PshRewriteText in C's words."""
    describe = procs.get("PshDescribe")
    cases = {}
    for _, s in (describe or {"body": []})["body"]:
        m = re.match(r'Case\s+(PSH_\w+)\s*:\s*s\s*=\s*"([^"]*)', s)
        if m:
            cases[m.group(1)] = m.group(2)
    statuses = [n for n in defines if re.fullmatch(r"PSH_(OK|E_\w+)", n)]
    for name in statuses:
        c.expect(cases.get(name, "").startswith(name + ": "), "PshDescribe: Case %s says \"%s: ...\"" % (name, name))
    # A newcomer's final trial: PshRewrite takes a tab off either end of a line, not only its end.
    c.expect("a tab at a line's start or end" in cases.get("PSH_E_BAD_CHAR", ""),
             "PshDescribe: PSH_E_BAD_CHAR says a tab at a line's start or end is rewritten away")
    # A newcomer's final trial: a failed call on BAD_CHAR was told the text that names
    # PshRewrite and PshProfileName as the remedy; and a check's spaces are trimmed by PshRewrite.
    failed = procs.get("PshFailedText")
    failed_text = " ".join(s for _, s in (failed or {"body": []})["body"])
    c.expect("no rewrite takes it out" in failed_text and "do not take it out by hand" in failed_text
             and "PshRewrite" not in failed_text.split("PSH_E_BAD_CHAR:", 1)[-1].split('"')[0],
             "PshFailedText: PSH_E_BAD_CHAR of a failed call says no rewrite takes it out, never PshRewrite")
    c.expect(re.search(r"PshRewriteText\s*=\s*PshFailedText\(status\)", " ".join(
        s for _, s in procs.get("PshRewriteText", {"body": []})["body"])) is not None,
             "PshRewriteText starts from PshFailedText(status)")
    for name in ("PSH_E_BAD_SERVER", "PSH_E_BAD_MAILBOX"):
        line = next((s for _, s in (describe or {"body": []})["body"] if re.match(r"Case\s+%s\s*:" % name, s)), "")
        c.expect(line.rstrip().endswith("& PshTrimmed"), "PshDescribe: Case %s adds PshTrimmed (PshRewrite trims)" % name)
    c.expect('PshTrimmed As String = " Where report.rewritable is 1' in bas_text and
             "PshRewrite trims" in bas_text, "PshTrimmed says PshRewrite trims the spaces")
    for pname in ("PshDescribe", "PshRewriteText", "PshFailedText"):
        for line, s in procs.get(pname, {"body": []})["body"]:
            for literal in re.findall(r'"((?:[^"]|"")*)"', s):
                c.expect(C_WORDS.search(literal) is None,
                         "%s line %d: a text in VB's words, not C's: %s" % (pname, line, literal[:60]))


def _balanced(s: str, open_at: int) -> str:
    depth, in_str = 0, False
    for i in range(open_at, len(s)):
        ch = s[i]
        if ch == '"':
            in_str = not in_str
        elif not in_str and ch == "(":
            depth += 1
        elif not in_str and ch == ")":
            depth -= 1
            if depth == 0:
                return s[open_at + 1:i]
    return s[open_at + 1:]


def check_readme(readme_text: str, bas, c: Checker):
    parts = readme_text.split("\n## Calling from VB6 / VBA\n", 1)
    c.expect(len(parts) == 2, "README.md has a '## Calling from VB6 / VBA' section")
    if len(parts) != 2:
        return
    section = parts[1].split("\n## ", 1)[0]
    m = re.search(r"```vb\n(.*?)```", section, re.S)
    c.expect(m is not None, "the README's VB section has a ```vb block")
    if not m:
        return
    code = m.group(1)
    known = set(bas["procs"]) | set(bas["consts"]) | set(bas["types"])
    for d in bas["declares"]["VB6"]:
        known.add(d["name"])
    used = set(re.findall(r"\b(Psh\w+|PSH_\w+|psh_\w+)\b", code))
    c.expect(bool(used), "the README's VB example uses the module")
    for name in sorted(used):
        c.expect(name in known, "README VB example: %s is defined by ProfShim.bas" % name)
    for name, p in bas["procs"].items():
        for call in re.finditer(r"\b%s\(" % name, code):
            args = split_args(_balanced(code, call.end() - 1))
            required = sum(1 for _ in p["params"])  # all but Optional ones
            c.expect(len(args) <= len(p["params"]) and len(args) >= 1 if p["params"] else not args,
                     "README VB example: %s(%s) has %d of its %d parameters" % (name, ", ".join(args), len(args), required))


# ---- self-test: broken copies must fail ------------------------------------------------

MUTATIONS = [
    ("a ByRef turned ByVal", "ByRef outLen As Long) As Long\r\nPublic Declare PtrSafe Function psh_rewrite_w",
     "ByVal outLen As Long) As Long\r\nPublic Declare PtrSafe Function psh_rewrite_w"),
    ("a wrong constant", "&H80040209&", "&H80040208&"),
    ("a hex literal without &", "PSH_REWRITE_KEEP_DN As Long = &H1&", "PSH_REWRITE_KEEP_DN As Long = &H1"),
    ("a parameter dropped", "(ByVal status As Long, ByVal outBuf As Long, ByVal cap As Long, ByRef outLen As Long)",
     "(ByVal status As Long, ByVal outBuf As Long, ByVal cap As Long)"),
    ("a wide pointer as String", "Alias \"psh_check_w\" (ByVal info As LongPtr",
     "Alias \"psh_check_w\" (ByVal info As String"),
    ("LongPtr in VB6", "Alias \"psh_describe_w\" (ByVal status As Long, ByVal outBuf As Long,",
     "Alias \"psh_describe_w\" (ByVal status As Long, ByVal outBuf As LongPtr,"),
    ("an Alias misspelt", "#Else\r\nPublic Declare Function psh_version Lib \"profshim.dll\" Alias \"psh_version\"",
     "#Else\r\nPublic Declare Function psh_version Lib \"profshim.dll\" Alias \"Psh_Version\""),
    ("a report field dropped", "    rewritable As Long", ""),
    ("the wrong Len", "StrPtr(buffer), Len(buffer), n)\r\n    If status = PSH_E_INSUFFICIENT_BUFFER Then\r\n        buffer = String$(n + 1, vbNullChar)\r\n        status = psh_rewrite_w",
     "StrPtr(buffer), Len(info), n)\r\n    If status = PSH_E_INSUFFICIENT_BUFFER Then\r\n        buffer = String$(n + 1, vbNullChar)\r\n        status = psh_rewrite_w"),
    ("PtrSafe missing", "Public Declare PtrSafe Function psh_version", "Public Declare Function psh_version"),
    ("a status without its text", "    Case PSH_E_SYNTAX:", "    Case PSH_E_SYNTAX + 0:"),
    ("a text in C's words", "give CDO PshRewrite(info)", "give CDO psh_rewrite's result"),
    ("LF line ends", "\r\n", "\n"),
]


def self_test(bas_text, header_text, exports_text, c: Checker):
    for what, old, new in MUTATIONS:
        c.expect(old in bas_text, "self-test: the text to break for '%s' is in the module" % what)
        if old not in bas_text:
            continue
        broken = bas_text.replace(old, new, 1) if what != "LF line ends" else bas_text.replace(old, new)
        inner = check_module(broken, header_text, exports_text, None, Checker(quiet=True))
        c.expect(inner.failed > 0, "self-test: a module with %s is caught" % what)
    # and a constant missing from the header side is caught too
    extra = header_text.replace("#define PSH_MAX_INPUT 4096", "#define PSH_MAX_INPUT 4096\n#define PSH_NEW_THING 7")
    inner = check_module(bas_text, extra, exports_text, None, Checker(quiet=True))
    c.expect(inner.failed > 0, "self-test: a header constant missing from the module is caught")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bas", required=True)
    ap.add_argument("--header", required=True)
    ap.add_argument("--exports", required=True)
    ap.add_argument("--readme")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args(argv)
    read = lambda p: open(p, encoding="latin-1", newline="").read()  # noqa: E731
    bas, header, exports = read(args.bas), read(args.header), read(args.exports)
    readme = open(args.readme, encoding="utf-8").read() if args.readme else None
    c = check_module(bas, header, exports, readme)
    if args.self_test:
        self_test(bas, header, exports, c)
    print("%d passed, %d failed" % (c.passed, c.failed))
    return 0 if c.failed == 0 and c.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
