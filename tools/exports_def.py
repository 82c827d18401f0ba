#!/usr/bin/env python3
"""exports.def, the one list of profshim's exported names, read for the Python tools.

Its grammar: ';' starts a comment; the line EXPORTS starts the list; each line after it is
one name (a C identifier, with an optional @N ordinal), optionally followed by PRIVATE: the
COM entry points of the Windows DLL, which the Linux build and the import libraries leave
out. Lines before EXPORTS (LIBRARY) are the linker's.

As a module (bindings/vb/check_bas.py, tests/windows/check_binaries.py,
tools/check_boundary.py):  read(path) -> Exports(public, private)
As a program:
    exports_def.py names [--private] DEF
        one name a line; ctest abi.exports_def_readers_agree compares it with the reading of
        cmake/ExportsDef.cmake, which reads the file itself so that the build needs no Python
    exports_def.py check-header DEF HEADER
        the header declares (PSH_API ... PSH_CALL name) exactly the public names; exit 1 if not
"""
import re
import sys
from typing import List, NamedTuple

LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(@[0-9]+)?(\s+PRIVATE)?")


class Exports(NamedTuple):
    public: List[str]
    private: List[str]


def parse(text: str, where: str = "exports.def") -> Exports:
    public: List[str] = []
    private: List[str] = []
    in_exports = False
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split(";", 1)[0].strip()
        if not line:
            continue
        if line == "EXPORTS":
            in_exports = True
        elif in_exports:
            m = LINE.fullmatch(line)
            if not m:
                raise ValueError("%s:%d: cannot read export line %r" % (where, number, line))
            (private if m.group(3) else public).append(m.group(1))
    if not public:
        raise ValueError("%s: no exported names" % where)
    return Exports(public, private)


def read(path: str) -> Exports:
    with open(path, encoding="utf-8") as f:
        return parse(f.read(), path)


def header_declarations(header_text: str) -> List[str]:
    """The names the header declares as exported functions: PSH_API <type> PSH_CALL name(."""
    code = re.sub(r"/\*.*?\*/", " ", header_text, flags=re.S)
    return re.findall(r"\bPSH_API\s+\w+\s+PSH_CALL\s+(\w+)\s*\(", code)


def main(argv: List[str]) -> int:
    if len(argv) >= 2 and argv[0] == "names":
        private = "--private" in argv
        path = [a for a in argv[1:] if a != "--private"][0]
        exports = read(path)
        print("\n".join(exports.private if private else exports.public))
        return 0
    if len(argv) == 3 and argv[0] == "check-header":
        exports = read(argv[1])
        with open(argv[2], encoding="utf-8") as f:
            declared = header_declarations(f.read())
        missing = sorted(set(exports.public) - set(declared))
        extra = sorted(set(declared) - set(exports.public))
        twice = sorted({n for n in declared if declared.count(n) > 1})
        for name in missing:
            print("exports_def: %s is in exports.def but not declared PSH_API in %s" % (name, argv[2]))
        for name in extra:
            print("exports_def: %s is declared PSH_API in %s but not in exports.def" % (name, argv[2]))
        for name in twice:
            print("exports_def: %s is declared more than once" % name)
        if missing or extra or twice:
            return 1
        print("exports_def: the header declares exactly the %d names of exports.def" % len(declared))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (OSError, ValueError) as error:
        print("exports_def: %s" % error, file=sys.stderr)
        sys.exit(2)
