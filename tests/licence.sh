#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# licence.sh SOURCE BUILD — rollout is MIT-licensed, and says so everywhere
# it must: LICENSE, an SPDX line at the top of every source file (C, shell,
# CMake, the page's JavaScript and HTML), the Debian copyright file and the
# AppStream metainfo.
set -euo pipefail
src=$1
build=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
head -1 "$src/LICENSE" | grep -qx 'MIT License' || fail "LICENSE is not the MIT licence"
missing=()
while IFS= read -r f; do
    head -3 "$f" | grep -q 'SPDX-License-Identifier: MIT' || missing+=("${f#"$src"/}")
done < <(find "$src/src" "$src/tests" "$src/bench" "$src/scripts" "$src/completion" "$src/cmake" \
    "$src/.ci" -type f \( -name '*.[ch]' -o -name '*.cpp' -o -name '*.sh' -o -name '*.py' \
    -o -name '*.cmake' -o -name 'CMakeLists.txt' -o -name '*.bash' -o -name '*.fish' \
    -o -name '*.js' -o -name '*.mjs' -o -name '*.html' \
    -o -perm -u+x \) -not -path '*/corpus/*' | sort)
((${#missing[@]} == 0)) || fail "no SPDX line in: ${missing[*]}"
grep -q '^License: MIT$' "$build/doc/copyright" 2>/dev/null ||
    grep -rq '^License: MIT$' "$build" --include=copyright || fail "the package's copyright does not say MIT"
grep -q '<project_license>MIT</project_license>' "$build"/data/*.metainfo.xml ||
    fail "the metainfo does not name MIT: $(grep project_license "$build"/data/*.metainfo.xml)"
echo "MIT, said in LICENSE, every source file, the copyright file and the metainfo"
