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
