// Validation and Pod Security wording, as a real apiserver prints it.
import { describe, expect, it } from 'vitest';
import { podSecurityViolations } from './podsecurity.ts';
import { qualifiedName, dns1123Label, labelValue } from './validation.ts';

const restrictedOk = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    {
      name: 'c',
      image: 'busybox',
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
      },
    },
  ],
};

describe('Pod Security', () => {
  it('admits a pod that meets restricted', () => {
    expect(podSecurityViolations('restricted', restrictedOk)).toEqual([]);
  });

  it('names every container, uses plurals and reports explicit bad values before unset ones', () => {
    const spec = {
      containers: [
        { name: 'a', image: 'x', securityContext: { runAsUser: 0, capabilities: { add: ['SYS_ADMIN'] } } },
        {
          name: 'b',
          image: 'x',
          securityContext: { runAsNonRoot: false, seccompProfile: { type: 'Unconfined' } },
        },
      ],
      volumes: [{ name: 'host', hostPath: { path: '/' } }],
    };
    expect(podSecurityViolations('restricted', spec)).toEqual([
      'allowPrivilegeEscalation != false (containers "a", "b" must set securityContext.allowPrivilegeEscalation=false)',
      'unrestricted capabilities (containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; container "a" must not include "SYS_ADMIN" in securityContext.capabilities.add)',
      'restricted volume types (volume "host" uses restricted volume type "hostPath")',
      'runAsNonRoot != true (container "b" must not set securityContext.runAsNonRoot=false)',
      'runAsUser=0 (container "a" must not set runAsUser=0)',
      'seccompProfile (container "b" must not set securityContext.seccompProfile.type to "Unconfined")',
    ]);
  });

  it('checks only host access and privileges at baseline', () => {
    const spec = {
      hostPID: true,
      containers: [
        {
          name: 'c',
          image: 'x',
          ports: [{ containerPort: 80, hostPort: 8080 }],
          securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN', 'CHOWN'] } },
        },
      ],
    };
    expect(podSecurityViolations('baseline', spec)).toEqual([
      'non-default capabilities (container "c" must not include "NET_ADMIN" in securityContext.capabilities.add)',
      'host namespaces (hostPID=true)',
      'hostPort (container "c" uses hostPort 8080)',
      'privileged (container "c" must not set securityContext.privileged=true)',
    ]);
    expect(podSecurityViolations('privileged', spec)).toEqual([]);
  });

  it('joins the pod and containers that set a bad value with "and"', () => {
    const spec = {
      securityContext: { runAsUser: 0, runAsNonRoot: false },
      containers: [{ name: 'c', image: 'x', securityContext: { runAsUser: 0 } }],
    };
    const v = podSecurityViolations('restricted', spec);
    expect(v).toContain('runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)');
    expect(v).toContain('runAsUser=0 (pod and container "c" must not set runAsUser=0)');
  });
});

describe('names and labels', () => {
  it('explains DNS-1123 labels, qualified names and label values', () => {
    expect(dns1123Label('ok-name')).toEqual([]);
    expect(dns1123Label('x'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(qualifiedName('example.com/app')).toEqual([]);
    expect(qualifiedName('Bad_Prefix/app')[0]).toMatch(
      /^prefix part a lowercase RFC 1123 subdomain must consist of/,
    );
    expect(qualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of/);
    expect(qualifiedName('/app')).toEqual(['prefix part must be non-empty']);
    expect(labelValue('')).toEqual([]);
    expect(labelValue('-x')[0]).toMatch(/^a valid label must be an empty string or consist of/);
  });
});
