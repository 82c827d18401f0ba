#!/usr/bin/env bash
# The README's C example, exactly as printed under "## Calling it from C": compiled as C99
# with the project's warnings against include/profshim.h and the built library, then run.
#   c_example.sh README CC INCLUDE_DIR LIBRARY_DIR WORK_DIR
set -euo pipefail
readme=$1 cc=$2 include=$3 libdir=$4 work=$5
mkdir -p "$work"
awk '/^## Calling it from C$/ {s=1; next} s && /^```c$/ {c=1; next} c && /^```$/ {exit} c {print}' \
  "$readme" > "$work/example.c"
[[ -s "$work/example.c" ]] || { echo "no C example under '## Calling it from C'"; exit 1; }
"$cc" -std=c99 -Wall -Wextra -Werror -I"$include" "$work/example.c" -L"$libdir" -lprofshim \
  -Wl,-rpath,"$libdir" -o "$work/example"
out="$("$work/example" 2>"$work/stderr")"
printf '%s\n' "$out"
cat "$work/stderr"
# It prints the exact rewrite and the profile name its comments give, and reports the CR.
expected=$'EXCH01\n=jdoe exch01_jdoe_79a53f4ad2d29daa'
[[ "$out" == "$expected" ]] || { echo "FAILED: expected <$expected>"; exit 1; }
grep -q '^PSH_E_BAD_CHAR: .* (at offset 6)$' "$work/stderr" || { echo "FAILED: no PSH_E_BAD_CHAR at offset 6"; exit 1; }
echo "README C example: ok"
