#!/usr/bin/env python3
"""The exception firewall check: no C++ exception can leave profshim.

In the manner of ONNX Runtime's tools/ci_build/check_capi_exception_boundary.py: every
function named in exports.def must be defined in shim/boundary.cpp, once, with a body that
is exactly one statement, `return guarded(...);`, and guarded() itself (shim/guarded.hpp)
must be noexcept and catch everything (`catch (...)`). No other file of shim/ may define an exported name. An
exception unwinding into a VB6, VBScript or .NET frame takes the host process down, so a
new export written without guarded() fails this check (and ctest).

    python3 tools/check_boundary.py [--exports exports.def] [--boundary shim/boundary.cpp]
                                    [--guarded shim/guarded.hpp] [--shim shim] [--self-test]
                                    [--private-exports fail|warn]

The PRIVATE names (the COM entry points of the Windows build) may be defined anywhere in
shim/, with the same `return guarded(...);` body; --private-exports=warn only reports them.

--self-test applies mutations to the real files in memory (a body that does the work
outside guarded(), a statement before the return, an export missing, guarded() without
noexcept or without catch (...)) and fails unless the check rejects every one of them.
Exit status 0: every export is guarded; 1: a violation (each one printed).
"""
import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def read_exports(text, private=False):
    """The public names of exports.def, or (private=True) those marked PRIVATE: the COM
    entry points of the Windows build."""
    names = []
    in_exports = False
    for line in text.splitlines():
        line = line.split(";", 1)[0].strip()
        if not line:
            continue
        if line == "EXPORTS":
            in_exports = True
        elif in_exports:
            words = line.split()
            if ("PRIVATE" in words[1:]) == private:
                names.append(words[0])
    return names


def strip_comments(source):
    """Blanks out comments and the contents of string and character literals, keeping
    offsets, so braces and names inside them are not taken for code."""
    out = list(source)
    i = 0
    n = len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            j = source.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and source[j] != c:
                j += 2 if source[j] == "\\" else 1
            for k in range(i + 1, min(j, n)):
                out[k] = " "
            i = j + 1
        else:
            i += 1
    return "".join(out)


def matching(code, open_index, open_char, close_char):
    depth = 0
    for i in range(open_index, len(code)):
        if code[i] == open_char:
            depth += 1
        elif code[i] == close_char:
            depth -= 1
            if depth == 0:
                return i
    return -1


def definitions(code, name):
    """(parameters, body) of each definition of function `name` in `code`."""
    found = []
    for m in re.finditer(r"\b%s\s*\(" % re.escape(name), code):
        close = matching(code, m.end() - 1, "(", ")")
        if close < 0:
            continue
        rest = code[close + 1:]
        brace = re.match(r"\s*(noexcept\s*)?\{", rest)
        if not brace:
            continue   # a call or a declaration
        open_index = close + 1 + brace.end() - 1
        end = matching(code, open_index, "{", "}")
        found.append((code[m.end():close], code[open_index + 1:end]))
    return found


GUARDED_BODY = re.compile(r"^\s*return\s+guarded\s*\((?P<arg>.*)\)\s*;\s*$", re.S)


def check(exports_text, boundary_text, guarded_text, other_sources):
    """Returns the list of violations (empty: all good)."""
    problems = []
    names = read_exports(exports_text)
    if not names:
        problems.append("exports.def: no exported names found")
    code = strip_comments(boundary_text)

    # guarded(): noexcept, and catches everything.
    guarded_code = strip_comments(guarded_text)
    guarded = [m for m in re.finditer(r"\bguarded\s*\([^;{)]*\)\s*noexcept\s*\{", guarded_code)]
    if len(guarded) != 1:
        problems.append("shim/guarded.hpp: expected exactly one definition of guarded(...) noexcept")
    else:
        open_index = guarded[0].end() - 1
        body = guarded_code[open_index:matching(guarded_code, open_index, "{", "}") + 1]
        if not re.search(r"\btry\s*\{", body) or not re.search(r"catch\s*\(\s*\.\.\.\s*\)", body):
            problems.append("shim/guarded.hpp: guarded() must be try { ... } catch (...) { ... }")

    for name in names:
        defs = definitions(code, name)
        if len(defs) != 1:
            problems.append(f"{name}: {len(defs)} definitions in shim/boundary.cpp (expected exactly 1)")
            continue
        _, body = defs[0]
        m = GUARDED_BODY.match(body)
        if not m:
            compact = " ".join(body.split())
            problems.append(f"{name}: body is not exactly `return guarded(...);`: {{ {compact} }}")
            continue
        # The one statement: guarded's argument is a lambda whose whole work is inside it
        # (no second statement hidden after the call, e.g. `return guarded(f), g();`).
        arg = m.group("arg").strip()
        if not re.match(r"^\[[^\]]*\]\s*(\(\s*\)\s*)?\{", arg) or matching(arg, arg.index("{"), "{", "}") != len(arg) - 1:
            problems.append(f"{name}: guarded(...) must take one lambda, [..] {{ ... }}, and nothing else")

    for path, text in other_sources:
        other = strip_comments(text)
        for name in names:
            if definitions(other, name):
                problems.append(f"{path}: defines the export {name}; exports live in shim/boundary.cpp only")
    return problems


def check_private(exports_text, sources):
    """The PRIVATE exports (COM entry points, Windows only) may live anywhere in shim/, but
    each must be defined once with the same one-statement `return guarded(...);` body."""
    problems = []
    for name in read_exports(exports_text, private=True):
        defs = [(path, body) for path, text in sources for _, body in definitions(strip_comments(text), name)]
        if len(defs) != 1:
            problems.append(f"{name} (PRIVATE): {len(defs)} definitions in shim/ (expected exactly 1)")
        elif not GUARDED_BODY.match(defs[0][1]):
            problems.append(f"{name} (PRIVATE, {defs[0][0]}): body is not `return guarded(...);`, "
                            "so an exception thrown inside it would reach the COM caller")
    return problems


MUTATIONS = [
    ("work outside guarded()",
     "return guarded([&] { return profshim::check(info, len, report); });",
     "return profshim::check(info, len, report);"),
    ("a statement before the return",
     "return guarded([&] { return profshim::rewrite(info, len, flags, out, cap, out_len); });",
     "if (cap < 0) return PSH_E_INVALIDARG;\n    return guarded([&] { return profshim::rewrite(info, len, flags, out, cap, out_len); });"),
    ("a second expression after guarded()",
     "return guarded([] { return int32_t{PSH_VERSION_NUMBER}; });",
     "return guarded([] { return int32_t{PSH_VERSION_NUMBER}; }), psh_version_helper();"),
    ("guarded() without noexcept",
     "int32_t guarded(Body&& body) noexcept {",
     "int32_t guarded(Body&& body) {"),
    ("guarded() catching only std::exception",
     "} catch (...) {",
     "} catch (const std::exception&) {"),
]


def self_test(exports_text, boundary_text, guarded_text, other_sources):
    failures = 0
    if check(exports_text, boundary_text, guarded_text, other_sources):
        print("self-test: the real files must pass first")
        return 1
    cases = list(MUTATIONS)
    for label, old, new in cases:
        # A mutation applies to whichever of the two files holds its text.
        in_boundary = old in boundary_text
        if not in_boundary and old not in guarded_text:
            print(f"self-test: cannot apply mutation '{label}': text not found")
            failures += 1
            continue
        mutated_boundary = boundary_text.replace(old, new, 1) if in_boundary else boundary_text
        mutated_guarded = guarded_text if in_boundary else guarded_text.replace(old, new, 1)
        problems = check(exports_text, mutated_boundary, mutated_guarded, other_sources)
        verdict = "rejected" if problems else "NOT REJECTED"
        print(f"self-test: {label}: {verdict}" + (f" ({problems[0]})" if problems else ""))
        failures += 0 if problems else 1
    # An export added to exports.def with no guarded definition.
    problems = check(exports_text + "    psh_new_function\n", boundary_text, guarded_text, other_sources)
    print("self-test: an export with no definition: " + ("rejected" if problems else "NOT REJECTED"))
    failures += 0 if problems else 1
    # An export defined in another engine file.
    problems = check(exports_text, boundary_text, guarded_text, other_sources + [(
        "shim/extra.cpp", 'extern "C" int32_t PSH_CALL psh_version(void) { return 1; }')])
    print("self-test: an export defined outside boundary.cpp: " + ("rejected" if problems else "NOT REJECTED"))
    failures += 0 if problems else 1
    print(f"self-test: {'ok' if failures == 0 else str(failures) + ' mutation(s) not caught'}")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exports", default=str(ROOT / "exports.def"))
    parser.add_argument("--boundary", default=str(ROOT / "shim" / "boundary.cpp"))
    parser.add_argument("--guarded", default=str(ROOT / "shim" / "guarded.hpp"))
    parser.add_argument("--shim", default=str(ROOT / "shim"))
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--private-exports", choices=("fail", "warn"), default="fail",
                        help="what an unguarded PRIVATE (COM) export does: fail (default) or "
                             "only print a warning")
    args = parser.parse_args()

    exports_text = pathlib.Path(args.exports).read_text()
    boundary_path = pathlib.Path(args.boundary).resolve()
    boundary_text = boundary_path.read_text()
    guarded_text = pathlib.Path(args.guarded).read_text()
    others = []
    for path in sorted(pathlib.Path(args.shim).rglob("*")):
        # The boundary file given stands in for shim/boundary.cpp (a mutated copy, say).
        stand_in = path.resolve() == (pathlib.Path(args.shim) / "boundary.cpp").resolve()
        if path.suffix in (".cpp", ".hpp", ".h", ".cc") and path.resolve() != boundary_path and not stand_in:
            others.append((str(path), path.read_text()))

    if args.self_test:
        return self_test(exports_text, boundary_text, guarded_text, others)
    problems = check(exports_text, boundary_text, guarded_text, others)
    private_problems = check_private(exports_text, others + [(str(boundary_path), boundary_text)])
    if args.private_exports == "fail":
        problems += private_problems
    else:
        for p in private_problems:
            print("check_boundary: WARNING: " + p)
    for p in problems:
        print("check_boundary: " + p)
    names = read_exports(exports_text)
    if problems:
        print(f"check_boundary: FAILED, {len(problems)} violation(s)")
        return 1
    print(f"check_boundary: all {len(names)} exports of exports.def are `return guarded(...);` "
          "in shim/boundary.cpp, and guarded() (shim/guarded.hpp) is noexcept with catch (...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
