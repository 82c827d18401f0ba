#!/bin/bash
# readme_example.sh README DRIVER SOURCE_DIR: runs the README's resolve example (section
# "From a DN to the ProfileInfo that logs on") with the built driver, from SOURCE_DIR, and
# compares its output with the lines printed under the command.
set -euo pipefail
readme=$1 driver=$2
cd "$3"
expected=$(awk '/^    \$ build\/default\/tests\/directory\/profshim_resolve_driver/ { on = 1; getline; next }
                on && /^$/ { exit }
                on { print substr($0, 5) }' "$readme")
[ -n "$expected" ] || { echo "readme_example: no example in $readme" >&2; exit 1; }
actual=$("$driver" --server personalized --ldif tests/directory/data/mailboxes.ldif \
  < tests/directory/data/readme-inputs.txt || true)
if [ "$actual" != "$expected" ]; then
  echo "readme_example: the README's output differs from the driver's:" >&2
  diff <(echo "$expected") <(echo "$actual") >&2 || true
  exit 1
fi
echo "README resolve example: $(echo "$actual" | wc -l) lines as printed"
