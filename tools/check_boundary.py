#!/usr/bin/env python3
"""The exception firewall check: no C++ exception can leave profshim.

In the manner of ONNX Runtime's tools/ci_build/check_capi_exception_boundary.py: every
function named in exports.def must be defined in shim/boundary.cpp, once, with a body that
is exactly one statement, `return guarded(...);`. guarded() itself is defined once in all
of shim/, in shim/guarded.hpp, noexcept and catching everything (`catch (...)`). No other
file of shim/ may define an exported name. An exception unwinding into a VB6, VBScript or
.NET frame takes the host process down, so a new export written without guarded() fails
this check (and ctest).

    python3 tools/check_boundary.py [--exports exports.def] [--boundary shim/boundary.cpp]
                                    [--guard shim/guarded.hpp] [--shim shim] [--self-test]

The PRIVATE names (the COM entry points of the Windows build: DllGetClassObject,
DllCanUnloadNow, DllRegisterServer, DllUnregisterServer, DllInstall) may be defined
anywhere in shim/, once each, with the same one-statement `return guarded(...);` body and
the same single-lambda argument; they are checked as strictly as the C exports.

--self-test applies mutations to the real files in memory (a body that does the work
outside guarded(), a statement before the return, an export missing, guarded() without
noexcept or without catch (...), a COM entry point outside guarded(), a second guarded())
and fails unless the check rejects every one of them.
Exit status 0: every export is guarded; 1: a violation (each one printed).
"""
import argparse
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import exports_def  # noqa: E402  (tools/exports_def.py reads exports.def)

ROOT = pathlib.Path(__file__).resolve().parents[1]


def read_exports(text, private=False):
    """The public names of exports.def, or (private=True) those marked PRIVATE: the COM
    entry points of the Windows build (tools/exports_def.py reads the file)."""
    try:
        exports = exports_def.parse(text)
    except ValueError:
        return []   # reported by the caller as "no exported names found"
    return exports.private if private else exports.public


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


def guarded_definitions(code):
    return list(re.finditer(r"\bguarded\s*\([^;{)]*\)\s*noexcept\s*\{", code))


def guarded_call_problem(name, body):
    """None if `body` is exactly `return guarded(<one lambda>);`, else what is wrong."""
    m = GUARDED_BODY.match(body)
    if not m:
        compact = " ".join(body.split())
        return f"{name}: body is not exactly `return guarded(...);`: {{ {compact} }}"
    # The one statement: guarded's argument is a lambda whose whole work is inside it
    # (no second statement hidden after the call, e.g. `return guarded(f), g();`).
    arg = m.group("arg").strip()
    if not re.match(r"^\[[^\]]*\]\s*(\(\s*\)\s*)?\{", arg) or matching(arg, arg.index("{"), "{", "}") != len(arg) - 1:
        return f"{name}: guarded(...) must take one lambda, [..] {{ ... }}, and nothing else"
    return None


def check(exports_text, boundary_text, other_sources, guard_path="shim/guarded.hpp"):
    """Returns the list of violations (empty: all good). `other_sources` are (path, text)
    of every other file of shim/, the guard header among them."""
    problems = []
    names = read_exports(exports_text)
    if not names:
        problems.append("exports.def: no exported names found")
    code = strip_comments(boundary_text)

    # guarded(): defined once in all of shim/, in the guard header; noexcept, catches everything.
    everywhere = [(path, strip_comments(text)) for path, text in other_sources] + [("shim/boundary.cpp", code)]
    found = [(path, text, m) for path, text in everywhere for m in guarded_definitions(text)]
    if len(found) != 1 or pathlib.PurePath(found[0][0]).name != pathlib.PurePath(guard_path).name:
        where = ", ".join(path for path, _, _ in found) or "nowhere"
        problems.append(f"guarded(...) noexcept must be defined exactly once, in {guard_path} (found: {where})")
    else:
        _, text, m = found[0]
        open_index = m.end() - 1
        body = text[open_index:matching(text, open_index, "{", "}") + 1]
        if not re.search(r"\btry\s*\{", body) or not re.search(r"catch\s*\(\s*\.\.\.\s*\)", body):
            problems.append(f"{guard_path}: guarded() must be try {{ ... }} catch (...) {{ ... }}")

    for name in names:
        defs = definitions(code, name)
        if len(defs) != 1:
            problems.append(f"{name}: {len(defs)} definitions in shim/boundary.cpp (expected exactly 1)")
            continue
        problem = guarded_call_problem(name, defs[0][1])
        if problem:
            problems.append(problem)

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
            continue
        problem = guarded_call_problem(f"{name} (PRIVATE, {defs[0][0]})", defs[0][1])
        if problem:
            problems.append(problem + "; an exception thrown inside it would reach the COM caller")
    return problems


# (label, the file it applies to, text, replacement)
MUTATIONS = [
    ("work outside guarded()", "boundary.cpp",
     "return guarded([&] { return profshim::check(info, len, report); });",
     "return profshim::check(info, len, report);"),
    ("a statement before the return", "boundary.cpp",
     "return guarded([&] { return profshim::rewrite(info, len, flags, out, cap, out_len); });",
     "if (cap < 0) return PSH_E_INVALIDARG;\n    return guarded([&] { return profshim::rewrite(info, len, flags, out, cap, out_len); });"),
    ("a second expression after guarded()", "boundary.cpp",
     "return guarded([] { return int32_t{PSH_VERSION_NUMBER}; });",
     "return guarded([] { return int32_t{PSH_VERSION_NUMBER}; }), psh_version_helper();"),
    ("guarded() without noexcept", "guarded.hpp",
     "Result guarded(Body&& body) noexcept {",
     "Result guarded(Body&& body) {"),
    ("guarded() catching only std::exception", "guarded.hpp",
     "} catch (...) {",
     "} catch (const std::exception&) {"),
    ("a COM entry point doing its work outside guarded()", "com_register.cpp",
     "return guarded([] { return profshim::com::register_classes(HKEY_LOCAL_MACHINE); });",
     "return profshim::com::register_classes(HKEY_LOCAL_MACHINE);"),
    ("a COM entry point with a statement before guarded()", "com_module.cpp",
     "return guarded([&] { return profshim::com::get_class_object(clsid, riid, out); });",
     "if (out == nullptr) return E_POINTER;\n    return guarded([&] { return profshim::com::get_class_object(clsid, riid, out); });"),
    ("a second guarded() without catch (...), for the COM entry points", "com_module.cpp",
     "using profshim::guarded;",
     "template <class B> HRESULT guarded(B&& b) noexcept { return b(); }"),
]


def all_problems(exports_text, boundary_path, boundary_text, others):
    return (check(exports_text, boundary_text, others) +
            check_private(exports_text, others + [(boundary_path, boundary_text)]))


def self_test(exports_text, boundary_path, boundary_text, others):
    failures = 0
    if all_problems(exports_text, boundary_path, boundary_text, others):
        print("self-test: the real files must pass first")
        return 1
    for label, target, old, new in MUTATIONS:
        files = [(boundary_path, boundary_text)] + list(others)
        hits = [i for i, (path, text) in enumerate(files)
                if pathlib.PurePath(path).name == target and old in text]
        if len(hits) != 1:
            print(f"self-test: cannot apply mutation '{label}': text not found in {target}")
            failures += 1
            continue
        path, text = files[hits[0]]
        files[hits[0]] = (path, text.replace(old, new, 1))
        problems = all_problems(exports_text, files[0][0], files[0][1], files[1:])
        verdict = "rejected" if problems else "NOT REJECTED"
        print(f"self-test: {label}: {verdict}" + (f" ({problems[0]})" if problems else ""))
        failures += 0 if problems else 1
    # An export added to exports.def with no guarded definition, public or PRIVATE.
    for line, what in (("    psh_new_function\n", "an export"), ("    DllNewEntryPoint PRIVATE\n", "a COM entry point")):
        problems = all_problems(exports_text + line, boundary_path, boundary_text, others)
        print(f"self-test: {what} with no definition: " + ("rejected" if problems else "NOT REJECTED"))
        failures += 0 if problems else 1
    # An export defined in another engine file.
    problems = all_problems(exports_text, boundary_path, boundary_text, others + [(
        "shim/extra.cpp", 'extern "C" int32_t PSH_CALL psh_version(void) { return 1; }')])
    print("self-test: an export defined outside boundary.cpp: " + ("rejected" if problems else "NOT REJECTED"))
    failures += 0 if problems else 1
    print(f"self-test: {'ok' if failures == 0 else str(failures) + ' mutation(s) not caught'}")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exports", default=str(ROOT / "exports.def"))
    parser.add_argument("--boundary", default=str(ROOT / "shim" / "boundary.cpp"))
    parser.add_argument("--shim", default=str(ROOT / "shim"))
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()

    exports_text = pathlib.Path(args.exports).read_text()
    boundary_path = pathlib.Path(args.boundary).resolve()
    boundary_text = boundary_path.read_text()
    others = []
    for path in sorted(pathlib.Path(args.shim).rglob("*")):
        # The boundary file given stands in for shim/boundary.cpp (a mutated copy, say).
        stand_in = path.resolve() == (pathlib.Path(args.shim) / "boundary.cpp").resolve()
        if path.suffix in (".cpp", ".hpp", ".h", ".cc") and path.resolve() != boundary_path and not stand_in:
            others.append((str(path), path.read_text()))

    if args.self_test:
        return self_test(exports_text, str(boundary_path), boundary_text, others)
    problems = all_problems(exports_text, str(boundary_path), boundary_text, others)
    for p in problems:
        print("check_boundary: " + p)
    if problems:
        print(f"check_boundary: FAILED, {len(problems)} violation(s)")
        return 1
    names = read_exports(exports_text)
    private = read_exports(exports_text, private=True)
    print(f"check_boundary: all {len(names)} exports of exports.def are `return guarded(...);` "
          f"in shim/boundary.cpp, the {len(private)} PRIVATE (COM) ones in shim/, and guarded() "
          "(shim/guarded.hpp, the only one) is noexcept with catch (...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
