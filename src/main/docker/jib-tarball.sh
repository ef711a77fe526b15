#!/bin/sh
# Stands in for the docker CLI that Quarkus' Jib extension hands a finished image to: instead of
# `docker load` into an engine, the image (a docker-archive tarball: manifest.json, config, gzipped
# layers) is written to $IMAGE_TARBALL. Quarkus has no tarball target of its own; with this file as
# quarkus.jib.docker-executable-name the image is built with no Docker engine and no registry
# (docs/operations.md "Container image"; ContainerImageIT reads what it writes).
# Jib runs only two commands: `info` (the platform to pick from a multi-platform base) and `load`.
set -eu
case "${1:-}" in
  info)
    printf '{"OSType":"linux","Architecture":"%s"}\n' "${IMAGE_ARCHITECTURE:-amd64}"
    ;;
  load)
    : "${IMAGE_TARBALL:?set IMAGE_TARBALL (quarkus.jib.docker-environment.IMAGE_TARBALL) to the file to write}"
    mkdir -p "$(dirname "$IMAGE_TARBALL")"
    cat > "$IMAGE_TARBALL.part"
    mv "$IMAGE_TARBALL.part" "$IMAGE_TARBALL"
    echo "Wrote $IMAGE_TARBALL"
    ;;
  *)
    echo "jib-tarball.sh: only 'info' and 'load' are supported, not: $*" >&2
    exit 1
    ;;
esac
