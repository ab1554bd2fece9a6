// What every pod that probes like a canary has: the canaries themselves
// (cluster/manifests.ts) and the throwaway pod of a reproduce command (repro.ts).
// Pod Security "restricted" admits it, and it lands where the canaries are told to.
import type { Labels, Settings } from '../core/types.ts';

/** the pod's security context: non-root as nobody (65534), the runtime's seccomp profile */
export const POD_SECURITY = {
  runAsNonRoot: true,
  runAsUser: 65534,
  runAsGroup: 65534,
  seccompProfile: { type: 'RuntimeDefault' },
};

/** the container's: no privilege escalation, a read-only root, no capabilities */
export const CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

/** The pod spec fields both share: no token, no service links, the security context, the placement. */
export function probingPodSpec(settings: Settings, node: string | undefined): Record<string, unknown> {
  const nodeSelector: Labels = { ...(settings.nodeSelector ?? {}) };
  if (node) nodeSelector['kubernetes.io/hostname'] = node;
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: POD_SECURITY,
    ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
    ...(settings.tolerations?.length ? { tolerations: settings.tolerations } : {}),
    ...(settings.imagePullSecret ? { imagePullSecrets: [{ name: settings.imagePullSecret }] } : {}),
  };
}
