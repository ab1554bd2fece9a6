// The fields of the served types, small enough to write by hand. One description feeds
// both the OpenAPI documents kubectl reads and the server's Strict field validation.

/** 'map': an object with free keys; 'any': not checked; [S] a list, [S, key] one merged by key. */
export type S =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'map'
  | 'any'
  | 'intstr'
  | 'time'
  | [S]
  | [S, string]
  | { [field: string]: S };

const META: S = {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  selfLink: 'string',
  uid: 'string',
  resourceVersion: 'string',
  generation: 'integer',
  creationTimestamp: 'time',
  deletionTimestamp: 'time',
  deletionGracePeriodSeconds: 'integer',
  labels: 'map',
  annotations: 'map',
  ownerReferences: ['any', 'uid'],
  finalizers: ['string'],
  managedFields: ['any'],
};

const SECCOMP: S = { type: 'string', localhostProfile: 'string' };
const SECURITY_CONTEXT: S = {
  capabilities: { add: ['string'], drop: ['string'] },
  privileged: 'boolean',
  seLinuxOptions: 'any',
  windowsOptions: 'any',
  runAsUser: 'integer',
  runAsGroup: 'integer',
  runAsNonRoot: 'boolean',
  readOnlyRootFilesystem: 'boolean',
  allowPrivilegeEscalation: 'boolean',
  procMount: 'string',
  seccompProfile: SECCOMP,
  appArmorProfile: 'any',
};
const CONTAINER: S = {
  name: 'string',
  image: 'string',
  command: ['string'],
  args: ['string'],
  workingDir: 'string',
  ports: [
    { name: 'string', hostPort: 'integer', containerPort: 'integer', protocol: 'string', hostIP: 'string' },
    'containerPort',
  ],
  envFrom: ['any'],
  env: [{ name: 'string', value: 'string', valueFrom: 'any' }, 'name'],
  resources: { limits: 'map', requests: 'map', claims: ['any'] },
  resizePolicy: ['any'],
  restartPolicy: 'string',
  volumeMounts: [
    {
      name: 'string',
      readOnly: 'boolean',
      recursiveReadOnly: 'string',
      mountPath: 'string',
      subPath: 'string',
      mountPropagation: 'string',
      subPathExpr: 'string',
    },
    'mountPath',
  ],
  volumeDevices: ['any'],
  livenessProbe: 'any',
  readinessProbe: 'any',
  startupProbe: 'any',
  lifecycle: 'any',
  terminationMessagePath: 'string',
  terminationMessagePolicy: 'string',
  imagePullPolicy: 'string',
  securityContext: SECURITY_CONTEXT,
  stdin: 'boolean',
  stdinOnce: 'boolean',
  tty: 'boolean',
};
const POD_SPEC: S = {
  volumes: ['any', 'name'],
  initContainers: [CONTAINER, 'name'],
  containers: [CONTAINER, 'name'],
  ephemeralContainers: ['any', 'name'],
  restartPolicy: 'string',
  terminationGracePeriodSeconds: 'integer',
  activeDeadlineSeconds: 'integer',
  dnsPolicy: 'string',
  nodeSelector: 'map',
  serviceAccountName: 'string',
  serviceAccount: 'string',
  automountServiceAccountToken: 'boolean',
  nodeName: 'string',
  hostNetwork: 'boolean',
  hostPID: 'boolean',
  hostIPC: 'boolean',
  shareProcessNamespace: 'boolean',
  securityContext: {
    seLinuxOptions: 'any',
    windowsOptions: 'any',
    runAsUser: 'integer',
    runAsGroup: 'integer',
    runAsNonRoot: 'boolean',
    supplementalGroups: ['integer'],
    supplementalGroupsPolicy: 'string',
    fsGroup: 'integer',
    sysctls: ['any'],
    fsGroupChangePolicy: 'string',
    seccompProfile: SECCOMP,
    appArmorProfile: 'any',
    seLinuxChangePolicy: 'string',
  },
  imagePullSecrets: [{ name: 'string' }, 'name'],
  hostname: 'string',
  subdomain: 'string',
  affinity: 'any',
  schedulerName: 'string',
  tolerations: [
    { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'integer' },
  ],
  hostAliases: ['any'],
  priorityClassName: 'string',
  priority: 'integer',
  dnsConfig: 'any',
  readinessGates: ['any'],
  runtimeClassName: 'string',
  enableServiceLinks: 'boolean',
  preemptionPolicy: 'string',
  overhead: 'map',
  topologySpreadConstraints: ['any'],
  setHostnameAsFQDN: 'boolean',
  os: 'any',
  hostUsers: 'boolean',
  schedulingGates: ['any'],
  resourceClaims: ['any'],
  resources: 'any',
};
const LABEL_SELECTOR: S = {
  matchLabels: 'map',
  matchExpressions: [{ key: 'string', operator: 'string', values: ['string'] }],
};
const PEER: S = {
  podSelector: LABEL_SELECTOR,
  namespaceSelector: LABEL_SELECTOR,
  ipBlock: { cidr: 'string', except: ['string'] },
};
const NP_PORT: S = { protocol: 'string', port: 'intstr', endPort: 'integer' };

const top = (spec: S, status: S = 'any'): S => ({
  apiVersion: 'string',
  kind: 'string',
  metadata: META,
  spec,
  status,
});

export const SCHEMAS: Record<string, { name: string; schema: S }> = {
  Namespace: { name: 'io.k8s.api.core.v1.Namespace', schema: top({ finalizers: ['string'] }) },
  Pod: { name: 'io.k8s.api.core.v1.Pod', schema: top(POD_SPEC) },
  Service: {
    name: 'io.k8s.api.core.v1.Service',
    schema: top({
      ports: [
        {
          name: 'string',
          protocol: 'string',
          appProtocol: 'string',
          port: 'integer',
          targetPort: 'intstr',
          nodePort: 'integer',
        },
        'port',
      ],
      selector: 'map',
      clusterIP: 'string',
      clusterIPs: ['string'],
      type: 'string',
      externalIPs: ['string'],
      sessionAffinity: 'string',
      loadBalancerIP: 'string',
      loadBalancerSourceRanges: ['string'],
      externalName: 'string',
      externalTrafficPolicy: 'string',
      healthCheckNodePort: 'integer',
      publishNotReadyAddresses: 'boolean',
      sessionAffinityConfig: 'any',
      ipFamilies: ['string'],
      ipFamilyPolicy: 'string',
      allocateLoadBalancerNodePorts: 'boolean',
      loadBalancerClass: 'string',
      internalTrafficPolicy: 'string',
      trafficDistribution: 'string',
    }),
  },
  NetworkPolicy: {
    name: 'io.k8s.api.networking.v1.NetworkPolicy',
    schema: top({
      podSelector: LABEL_SELECTOR,
      ingress: [{ ports: [NP_PORT], from: [PEER] }],
      egress: [{ ports: [NP_PORT], to: [PEER] }],
      policyTypes: ['string'],
    }),
  },
  Node: { name: 'io.k8s.api.core.v1.Node', schema: top('any') },
  Event: {
    name: 'io.k8s.api.core.v1.Event',
    schema: {
      apiVersion: 'string',
      kind: 'string',
      metadata: META,
      involvedObject: 'any',
      reason: 'string',
      message: 'string',
      source: 'any',
      firstTimestamp: 'time',
      lastTimestamp: 'time',
      count: 'integer',
      type: 'string',
      eventTime: 'any',
      series: 'any',
      action: 'string',
      related: 'any',
      reportingComponent: 'string',
      reportingInstance: 'string',
    },
  },
  SelfSubjectAccessReview: {
    name: 'io.k8s.api.authorization.v1.SelfSubjectAccessReview',
    schema: top({
      resourceAttributes: {
        namespace: 'string',
        verb: 'string',
        group: 'string',
        version: 'string',
        resource: 'string',
        subresource: 'string',
        name: 'string',
        fieldSelector: 'any',
        labelSelector: 'any',
      },
      nonResourceAttributes: { path: 'string', verb: 'string' },
    }),
  },
  SelfSubjectRulesReview: {
    name: 'io.k8s.api.authorization.v1.SelfSubjectRulesReview',
    schema: top({ namespace: 'string' }),
  },
};

const isFields = (s: S): s is { [field: string]: S } => typeof s === 'object' && !Array.isArray(s);

/** Paths of fields the schema does not know, as strict decoding names them. */
export const unknownFields = (value: unknown, schema: S, path = ''): string[] => {
  if (value === null || value === undefined) return [];
  if (Array.isArray(schema)) {
    if (!Array.isArray(value)) return [];
    return value.flatMap((v, i) => unknownFields(v, schema[0], `${path}[${i}]`));
  }
  if (!isFields(schema) || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = schema[k];
    const p = path ? `${path}.${k}` : k;
    if (sub === undefined) out.push(p);
    else out.push(...unknownFields(v, sub, p));
  }
  return out;
};
