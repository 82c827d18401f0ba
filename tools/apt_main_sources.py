#!/usr/bin/env python3
"""Writes, as one deb822 .sources file on stdout, the machine's own apt sources for its
release's main and updates suites only (<codename>, <codename>-updates): no security
suite unless asked for, no other repository. tools/setup resolves the 32-bit Wine install against these
when the security archive's i386 index cannot be had.

    apt_main_sources.py [--security] CODENAME [SOURCES_FILE...]

With --security, <codename>-security too: tools/fresh_root gives its minimal Debian root the
suites a fresh Debian 12 has.

Reads both formats: deb822 (*.sources) and one-line (sources.list, *.list). The mirror
hosts are the machine's own; none is named here.
"""
import re
import sys


def deb822_entries(text):
    for stanza in re.split(r"\n\s*\n", text):
        fields = {}
        key = None
        for line in stanza.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line[0].isspace() and key:        # a continuation line
                fields[key] += " " + line.strip()
                continue
            key, _, value = line.partition(":")
            key = key.strip().lower()
            fields[key] = value.strip()
        if "deb" not in fields.get("types", "").split():
            continue
        if fields.get("enabled", "yes").lower() == "no":
            continue
        yield (fields.get("uris", "").split(), fields.get("suites", "").split(),
               fields.get("components", "").split(), fields.get("signed-by", ""))


def one_line_entries(text):
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line.startswith("deb "):
            continue
        signed_by = ""
        options = re.match(r"deb\s+\[([^\]]*)\]\s*", line)
        if options:
            for option in options.group(1).split():
                if option.startswith("signed-by="):
                    signed_by = option.split("=", 1)[1]
            rest = line[options.end():].split()
        else:
            rest = line.split()[1:]
        if len(rest) >= 2:
            yield [rest[0]], [rest[1]], rest[2:], signed_by


def main(argv):
    security = len(argv) > 1 and argv[1] == "--security"
    if security:
        argv = argv[1:]
    codename, files = argv[1], argv[2:]
    wanted = {codename, codename + "-updates"} | ({codename + "-security"} if security else set())
    stanzas = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError:
            continue
        entries = deb822_entries(text) if path.endswith(".sources") else one_line_entries(text)
        for uris, suites, components, signed_by in entries:
            keep = [s for s in suites if s in wanted]
            if not uris or not keep or not components:
                continue
            stanza = ["Types: deb", "URIs: " + " ".join(uris), "Suites: " + " ".join(keep),
                      "Components: " + " ".join(components)]
            if signed_by:
                stanza.append("Signed-By: " + signed_by)
            stanzas.append("\n".join(stanza))
    if not stanzas:
        print(f"apt_main_sources.py: no {codename} or {codename}-updates source found", file=sys.stderr)
        return 1
    print("\n\n".join(stanzas))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
