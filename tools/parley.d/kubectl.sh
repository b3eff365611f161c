# shellcheck shell=bash
# kubectl.sh: kubectl, which the k8s module's tests render the Kustomize overlays with (`kubectl kustomize`).
#
# Offers:
#   ensure_kubectl   a kubectl whose built-in Kustomize is v4 or newer, installed with apt-get when a configured
#                    source has the kubectl package; otherwise stops with how to get one

# Debian's own kubernetes-client (kubectl 1.20) carries Kustomize v2, too old for the overlays' `patches:`.
ensure_kubectl() {
  if ! command -v kubectl >/dev/null && can_apt_install \
    && apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt_install kubectl
  fi
  command -v kubectl >/dev/null \
    || die "kubectl is missing: the k8s module renders k8s/kustomize with 'kubectl kustomize'. Install kubectl 1.21 or \
newer (https://kubernetes.io/docs/tasks/tools/) and run again."
  local version
  version="$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p')"
  [[ "$version" =~ ^[0-9]+$ ]] && ((version >= 4)) \
    || die "kubectl's Kustomize is v${version:-?}; the overlays in k8s/kustomize need v4 or newer (kubectl 1.21+)"
}
