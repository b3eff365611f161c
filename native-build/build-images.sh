#!/usr/bin/env bash
# Builds the images the Helm chart runs (ghcr.io/parley-chat/parley-<service>:<tag>) with docker or podman.
#   native-build/build-images.sh            JVM images of gateway, routing and bot (after ./mvnw package)
#   native-build/build-images.sh native     the JVM images, and native images of gateway and routing
#                                           (tag <tag>-native), compiled in the Mandrel builder image
# TAG (default: the project version) and REGISTRY (default ghcr.io/parley-chat) override the names; PUSH=1 pushes.
# Not run by this repository's CI: there is no container runtime there (see native-build/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

engine="$(command -v docker || command -v podman || true)"
[[ -n "$engine" ]] || { echo "build-images: needs docker or podman" >&2; exit 2; }
TAG="${TAG:-$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' pom.xml | head -1 | sed 's/-SNAPSHOT$//')}"
REGISTRY="${REGISTRY:-ghcr.io/parley-chat}"

./mvnw -B -q package -DskipTests
for service in gateway routing bot; do
  image="$REGISTRY/parley-$service:$TAG"
  "$engine" build -f "services/$service/src/main/docker/Dockerfile.jvm" -t "$image" "services/$service"
  [[ "${PUSH:-0}" == 1 ]] && "$engine" push "$image"
done
if [[ "${1:-}" == native ]]; then
  for service in gateway routing; do
    image="$REGISTRY/parley-$service:$TAG-native"
    "$engine" build -f native-build/Dockerfile.native-multistage --build-arg "SERVICE=$service" -t "$image" .
    [[ "${PUSH:-0}" == 1 ]] && "$engine" push "$image"
  done
fi
echo "built images tagged $TAG in $REGISTRY"
