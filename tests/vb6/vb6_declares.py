#!/usr/bin/env python3
"""Reads the Declares and the psh_report Type of bindings/vb/ProfShim.bas and writes a C
header for tests/vb6/vb6_calls.c: for each branch of the module (VB6, the `#Else` one;
VBA7, the `#If VBA7` one, as 32-bit Office runs it) a C function per Declare that passes
its arguments exactly as VB does on 32-bit Windows, one 4-byte stack slot each:

    ByVal Long / LongPtr  the value          ByVal String  a pointer to VB's ANSI copy
    ByRef Long            its address        ByRef <Type>  the record's address

and calls the export through vb_stdcall (vb6_call.S), which checks the stack pointer the
way VB6 does (error 49, "Bad DLL calling convention"). Nothing of the .bas is written
again by hand: a Declare that changes changes the header.

    vb6_declares.py --bas ProfShim.bas --exports exports.def --out vb6_declares.h

Fails when a public export of exports.def has no Declare in a branch, when a Declare names
no export, or when a Declare uses a type this mapping does not know.
"""
import argparse
import re
import sys

DECLARE = re.compile(
    r'^Public Declare (?:PtrSafe )?Function (\w+) Lib "profshim\.dll" Alias "(\w+)" '
    r"\(([^)]*)\) As (\w+)\s*$")
PARAM = re.compile(r"^(ByVal|ByRef) (\w+) As (\w+)$")

# (passing, VB type) -> (C parameter type, expression that makes the 4-byte slot)
SCALAR = {
    ("ByVal", "Long"): ("int32_t", "(uint32_t){name}"),
    ("ByVal", "LongPtr"): ("intptr_t", "(uint32_t){name}"),     # 4 bytes in 32-bit Office
    ("ByVal", "String"): ("char *", "(uint32_t)(uintptr_t){name}"),
    ("ByRef", "Long"): ("int32_t *", "(uint32_t)(uintptr_t){name}"),
}
RETURNS = {"Long": "int32_t"}
C_FIELD = {"Long": "int32_t"}


def parse(bas):
    """{"VB6": [decl...], "VBA7": [decl...]}, types {name: [(field, C type)]}"""
    branches = {"VB6": [], "VBA7": []}
    types = {}
    branch = None
    current_type = None
    for number, raw in enumerate(bas.splitlines(), 1):
        line = raw.split("'", 1)[0].rstrip() if not raw.lstrip().startswith("Public Declare") else raw.rstrip()
        if line.startswith("#If VBA7"):
            branch = "VBA7"
            continue
        if line.startswith("#Else"):
            branch = "VB6"
            continue
        if line.startswith("#End If"):
            branch = None
            continue
        m = re.match(r"^Public Type (\w+)$", line)
        if m:
            current_type = m.group(1)
            types[current_type] = []
            continue
        if current_type:
            if line.strip() == "End Type":
                current_type = None
                continue
            if not line.strip():
                continue
            f = re.match(r"^\s+(\w+) As (\w+)$", line)
            if not f or f.group(2) not in C_FIELD:
                sys.exit(f"vb6_declares.py: line {number}: field not understood: {raw.strip()}")
            types[current_type].append((f.group(1), C_FIELD[f.group(2)]))
            continue
        if line.startswith("Public Declare"):
            m = DECLARE.match(line)
            if not m:
                sys.exit(f"vb6_declares.py: line {number}: Declare not understood: {raw.strip()}")
            if branch is None:
                sys.exit(f"vb6_declares.py: line {number}: Declare outside #If VBA7 / #Else")
            name, alias, params, ret = m.groups()
            args = []
            for p in filter(None, (x.strip() for x in params.split(","))):
                pm = PARAM.match(p)
                if not pm:
                    sys.exit(f"vb6_declares.py: line {number}: parameter not understood: {p}")
                args.append(pm.groups())
            if ret not in RETURNS:
                sys.exit(f"vb6_declares.py: line {number}: return type {ret} not known")
            branches[branch].append((name, alias, args, ret, number))
    return branches, types


def c_param(passing, name, vbtype, types):
    if (passing, vbtype) in SCALAR:
        ctype, slot = SCALAR[(passing, vbtype)]
        return f"{ctype} {name}", slot.format(name=name)
    if passing == "ByRef" and vbtype in types:
        return f"vb_{vbtype} *{name}", f"(uint32_t)(uintptr_t){name}"
    sys.exit(f"vb6_declares.py: {passing} {vbtype} is not a type this test can pass")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bas", required=True)
    ap.add_argument("--exports", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    with open(a.bas, encoding="utf-8") as f:
        branches, types = parse(f.read())
    exports = []
    with open(a.exports, encoding="utf-8") as f:
        in_exports = False
        for line in f:
            line = line.split(";", 1)[0].strip()
            if line == "EXPORTS":
                in_exports = True
            elif in_exports and line and "PRIVATE" not in line.split():
                exports.append(line.split()[0])

    out = [f"/* Made by tests/vb6/vb6_declares.py from {a.bas.split('/')[-1]}: do not edit. */",
           "#include <stdint.h>", ""]
    for tname, fields in types.items():
        out.append(f"typedef struct vb_{tname} {{   /* Public Type {tname} */")
        out += [f"    {ctype} {field};" for field, ctype in fields]
        out.append(f"}} vb_{tname};")
        out.append("")
    for branch in ("VB6", "VBA7"):
        decls = branches[branch]
        aliases = [d[1] for d in decls]
        for e in exports:
            if e not in aliases:
                sys.exit(f"vb6_declares.py: the {branch} branch has no Declare for the export {e}")
        for d in decls:
            if d[1] not in exports:
                sys.exit(f"vb6_declares.py: line {d[4]}: Declare of {d[1]}, which exports.def does not export")
        prefix = branch.lower()
        out.append(f"/* ---- the {branch} branch ({'#If VBA7' if branch == 'VBA7' else '#Else'}) ---- */")
        for name, alias, args, ret, number in decls:
            params, slots = [], []
            for passing, pname, vbtype in args:
                p, s = c_param(passing, pname, vbtype, types)
                params.append(p)
                slots.append(s)
            out.append(f"/* ProfShim.bas line {number}: {name}"
                       f"({', '.join(f'{p} {n} As {t}' for p, n, t in args)}) As {ret} */")
            out.append(f"static {RETURNS[ret]} {prefix}_{name}({', '.join(params) or 'void'})")
            out.append("{")
            if slots:
                out.append(f"    const uint32_t slots[{len(slots)}] = {{ {', '.join(slots)} }};")
                out.append(f'    return ({RETURNS[ret]})vb_declare_call("{branch}", "{alias}", slots, {len(slots)});')
            else:
                out.append(f'    return ({RETURNS[ret]})vb_declare_call("{branch}", "{alias}", 0, 0);')
            out.append("}")
        out.append(f"#define {branch}_DECLARES {len(decls)}")
        out.append("")
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
