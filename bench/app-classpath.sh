# Sourced by the benchmark scripts (from the project's root): builds the app if
# target/quarkus-app/quarkus-run.jar is missing, and sets $cp to the packaged app's jars, which
# the benchmarks need for the sandbox, Jackson and the app's own classes.
if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "== Building the app (./mvnw -q -B package -DskipTests)" >&2
  ./mvnw -q -B package -DskipTests
fi
cp="target/quarkus-app/app/*"
for jar in target/quarkus-app/lib/main/*.jar; do
  cp="$cp:$jar"
done

# The benchmarks are compiled together before they run (Java 17 launches a single source file alone, and they share
# files: bench/AppProcess.java, Bench's parts, Charts' Svg). bench_compile [file ...] compiles every bench/*.java but
# WorklogBench.java (it needs the test classes: worklogs.sh adds them to $cp and names it) into $classes, a directory
# removed when the script ends.
bench_compile() {
  classes=$(mktemp -d)
  trap 'rm -rf "$classes"' EXIT
  local sources=()
  for f in bench/*.java; do
    [ "$f" = bench/WorklogBench.java ] || sources+=("$f")
  done
  javac -nowarn -d "$classes" -cp "$cp" "${sources[@]}" "$@"
}
