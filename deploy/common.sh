# Shared by deploy/run.sh and deploy/test.sh: install what is missing (Debian
# 12 packages only), then build. Sourced, not run.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO/build}

PACKAGES=(
  g++ cmake ninja-build pkg-config ccache git jq openssl tzdata
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  grpc-proto librocksdb-dev libabsl-dev libssl-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev clang clang-format
  libclang-rt-14-dev nodejs
  prometheus-cpp-dev prometheus curl dpkg-dev adduser systemd
  libkainjow-mustache-dev libcpp-httplib-dev chromium poppler-utils
  fonts-dejavu-core libgoogle-perftools-dev
)
# From the npm registry, pinned, in $BUILD_DIR/tools: buf, the protobuf
# linter and breaking-change detector (the package ships its binary); and
# the Kubernetes schemas with a YAML parser, that validate deploy/k8s.
BUF_VERSION=1.47.2
KUBERNETES_MODELS_VERSION=4.5.1
YAML_VERSION=2.9.1
BUF="$BUILD_DIR/tools/node_modules/.bin/buf"

install_missing_packages() {
  local missing=()
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  echo "Installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages need root: run as root, or install them first." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# npm comes with some Node.js builds and is Debian's package "npm" otherwise.
install_node_tools() {
  local models="$BUILD_DIR/tools/node_modules/kubernetes-models/package.json"
  if [ -x "$BUF" ] && [ "$("$BUF" --version)" = "$BUF_VERSION" ] &&
    [ -f "$models" ] &&
    grep -q "\"version\": \"$KUBERNETES_MODELS_VERSION\"" "$models"; then
    return
  fi
  if ! command -v npm >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends npm
  fi
  mkdir -p "$BUILD_DIR/tools"
  npm install --prefix "$BUILD_DIR/tools" --no-audit --no-fund --silent \
    "@bufbuild/buf@$BUF_VERSION" \
    "kubernetes-models@$KUBERNETES_MODELS_VERSION" "yaml@$YAML_VERSION"
}

build() {
  # An existing build directory is reused as it is configured (its build
  # re-runs CMake by itself when a CMakeLists changes); a new one is
  # configured for a release build with debug information.
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    cmake -S "$REPO" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  # Two cores: two compile jobs.
  cmake --build "$BUILD_DIR" --parallel 2
}
