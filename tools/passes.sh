# Sourced by tools/work.sh and tools/samples.sh, from the source tree's root: the program to run
# (BUILD_DIR, default build, or BIN) and the documents of corpus/ and ../shared, once in
# "$dir/once.list" and PASSES times over in "$dir/many.list", in a folder removed on exit.
# The sourcing script sets `tool` (its name, for messages), `default_passes` and `least_passes`.
build=${BUILD_DIR:-build}
bin=${BIN:-$build/budgetlens}
passes=${PASSES:-$default_passes}
[ -x "$bin" ] || { echo "$tool: $bin is missing; run: cmake --build $build --target budgetlens" >&2; exit 1; }
((passes >= least_passes)) || { echo "$tool: PASSES must be $least_passes or more" >&2; exit 1; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for d in corpus ../shared/seeds ../shared/corpus; do
  [ -d "$d" ] && find "$d" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.htm' -o -name '*.html' \)
done | sort > "$dir/once.list"
[ -s "$dir/once.list" ] || { echo "$tool: no documents (corpus/ or ../shared)" >&2; exit 1; }
for ((k = 0; k < passes; k++)); do cat "$dir/once.list"; done > "$dir/many.list"
