#!/usr/bin/env bash
# Makes a fresh kind cluster ready for probing, for one CNI leg of e2e.yml (and for
# running the same locally, see CONTRIBUTING.md): installs the CNI unless it is kind's
# own kindnet, then waits until every node is Ready and CoreDNS answers.
#   .github/e2e/prepare-cluster.sh kindnet|calico|cilium
set -euo pipefail

CALICO_VERSION=v3.31.6 # https://github.com/projectcalico/calico/releases
CILIUM_VERSION=1.19.5  # https://github.com/cilium/cilium/releases

cni="${1:-}"
case "$cni" in
  kindnet)
    echo "kindnet is kind's default CNI and enforces NetworkPolicy (kind >= v0.24.0): nothing to install"
    ;;
  calico)
    kubectl apply -f "https://raw.githubusercontent.com/projectcalico/calico/${CALICO_VERSION}/manifests/calico.yaml"
    kubectl -n kube-system rollout status daemonset/calico-node --timeout=300s
    ;;
  cilium)
    helm install cilium cilium --repo https://helm.cilium.io --version "$CILIUM_VERSION" \
      --namespace kube-system --set image.pullPolicy=IfNotPresent --set ipam.mode=kubernetes
    kubectl -n kube-system rollout status daemonset/cilium --timeout=300s
    ;;
  *)
    echo "usage: $0 kindnet|calico|cilium (got '${cni}')" >&2
    exit 2
    ;;
esac

kubectl wait --for=condition=Ready nodes --all --timeout=300s
# Canaries reach their targets by Service name: probing before CoreDNS answers would
# make every test inconclusive (dns-error).
kubectl -n kube-system rollout status deployment/coredns --timeout=300s
