#!/usr/bin/env bash
# The deployment files, checked without a cluster or a registry:
#  - the Kubernetes manifests validate against the Kubernetes OpenAPI schemas
#    (deploy/k8s/validate.js), and the validator does refuse a broken one;
#  - every configuration file (package, container, the ConfigMap's) is one
#    mediationd accepts (unknown settings and bad values are refused);
#  - the container recipe is multi-stage, on bookworm-slim, non-root with
#    the uid the StatefulSet runs as, the data directory a volume;
#  - the Grafana dashboard is valid JSON (its metrics are checked against a
#    live scrape by observability_test.sh).
# The image itself is not built here: its base image comes from a registry
# these machines do not reach (`docker build -f deploy/container/Dockerfile .`
# by hand, README "Operating it").
#
#   deploy_files_test.sh MEDIATIOND REPO NODE_MODULES
set -euo pipefail

MEDIATIOND=$1 REPO=$2 NODE_MODULES=$3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -d "$NODE_MODULES/kubernetes-models" ] || fail "kubernetes-models not in $NODE_MODULES (deploy/common.sh installs it)"
validate() { NODE_PATH="$NODE_MODULES" node "$REPO/deploy/k8s/validate.js" "$@"; }

# 1. Manifests.
out=$(validate "$REPO"/deploy/k8s/*.yaml) || fail "invalid manifests: $out"
echo "$out"
for kind in StatefulSet Service NetworkPolicy PodDisruptionBudget ConfigMap Secret; do
  grep -q " $kind " <<<"$out" || fail "no $kind among the manifests"
done
sed 's/replicas: 1/replicas: "one"/' "$REPO/deploy/k8s/mediation.yaml" >"$WORK/broken.yaml"
if validate "$WORK/broken.yaml" >"$WORK/broken.out"; then fail "the validator accepted replicas: \"one\""; fi
grep -q "replicas must be integer" "$WORK/broken.out" || fail "$(cat "$WORK/broken.out")"
sts=$(NODE_PATH="$NODE_MODULES" node -e '
  const YAML = require("yaml");
  const docs = YAML.parseAllDocuments(require("fs").readFileSync(process.argv[1], "utf8")).map(d => d.toJS());
  const sts = docs.find(d => d.kind === "StatefulSet");
  const cm = docs.find(d => d.kind === "ConfigMap");
  require("fs").writeFileSync(process.argv[2], cm.data["mediationd.conf"]);
  const c = sts.spec.template.spec.containers[0];
  console.log([sts.spec.replicas, sts.spec.template.spec.securityContext.runAsUser,
    c.startupProbe.grpc.port, c.livenessProbe.grpc.port, c.readinessProbe.grpc.port,
    c.securityContext.readOnlyRootFilesystem, sts.spec.volumeClaimTemplates.length].join(" "));
' "$REPO/deploy/k8s/mediation.yaml" "$WORK/configmap.conf")
[ "$sts" = "1 10001 50052 50052 50052 true 1" ] || fail "StatefulSet: $sts"

# 2. Configuration files mediationd accepts (--version exits after the
# file is applied; a bad file fails before).
for conf in "$REPO/deploy/mediationd.conf" "$REPO/deploy/container/mediationd.conf" "$WORK/configmap.conf"; do
  "$MEDIATIOND" --config="$conf" --version >/dev/null 2>"$WORK/conf.err" ||
    fail "$conf: $(cat "$WORK/conf.err")"
done
printf 'listen = 127.0.0.1:1\nno_such_setting = 3\n' >"$WORK/bad.conf"
if "$MEDIATIOND" --config="$WORK/bad.conf" --version >/dev/null 2>"$WORK/bad.err"; then
  fail "an unknown setting was accepted"
fi
grep -q "bad.conf:2: unknown setting 'no_such_setting'" "$WORK/bad.err" || fail "$(cat "$WORK/bad.err")"
grep -q "^health_listen = 0.0.0.0:50052" "$WORK/configmap.conf" || fail "the ConfigMap does not serve the probes' port"

# 3. The container recipe.
dockerfile="$REPO/deploy/container/Dockerfile"
[ "$(grep -c '^FROM ' "$dockerfile")" = 2 ] || fail "not a two-stage build"
[ "$(grep '^FROM ' "$dockerfile" | tail -1)" = "FROM debian:bookworm-slim" ] || fail "final stage is not bookworm-slim"
grep -qx 'USER 10001:10001' "$dockerfile" || fail "the container does not run as uid 10001"
grep -qx 'VOLUME \["/var/lib/mediation"\]' "$dockerfile" || fail "the data directory is not a volume"
grep -q 'rm -f /etc/mediation/cle-index-nir /etc/mediation/cle-ancrage.pem' "$dockerfile" ||
  fail "keys would be baked into the image"

# 4. The dashboard.
jq -e '.panels | length > 10' "$REPO/deploy/grafana/mediation.json" >/dev/null || fail "dashboard"
echo PASS
