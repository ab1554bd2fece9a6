// Decodes the protobuf request bodies kubectl's typed clients send
// (`kubectl create namespace`, `kubectl run`, `kubectl auth can-i`, `kubectl create service`):
// the `k8s\0` envelope, runtime.Unknown, then the object by a small hand-written schema.
// Fields the schemas do not name are skipped; the double answers in JSON.
import { badRequest } from './status.ts';
import type { Obj } from './store.ts';

/**
 * Field kinds. A trailing `?` marks a Go pointer field: proto encodes it only when set, so
 * its zero value is meaningful (runAsUser: 0). Plain scalars are always encoded, so their
 * zero values are dropped as JSON's omitempty would.
 */
type Kind =
  | 'string'
  | 'string?'
  | 'int'
  | 'int?'
  | 'bool'
  | 'bool?'
  | 'strings'
  | 'ints'
  | 'time'
  | 'quantity'
  | 'intOrString'
  | 'map'
  | 'quantityMap'
  | { msg: Schema }
  | { msgs: Schema }
  | { inline: Schema };
type Schema = Record<number, [string, Kind]>;

const TIME: Schema = { 1: ['seconds', 'int'], 2: ['nanos', 'int'] };
const META: Schema = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['generation', 'int'],
  8: ['creationTimestamp', 'time'],
  11: ['labels', 'map'],
  12: ['annotations', 'map'],
  14: ['finalizers', 'strings'],
};
const CAPS: Schema = { 1: ['add', 'strings'], 2: ['drop', 'strings'] };
const SECCOMP: Schema = { 1: ['type', 'string'], 2: ['localhostProfile', 'string?'] };
const SEC_CTX: Schema = {
  1: ['capabilities', { msg: CAPS }],
  2: ['privileged', 'bool?'],
  4: ['runAsUser', 'int?'],
  5: ['runAsNonRoot', 'bool?'],
  6: ['readOnlyRootFilesystem', 'bool?'],
  7: ['allowPrivilegeEscalation', 'bool?'],
  8: ['runAsGroup', 'int?'],
  9: ['procMount', 'string?'],
  11: ['seccompProfile', { msg: SECCOMP }],
};
const POD_SEC_CTX: Schema = {
  2: ['runAsUser', 'int?'],
  3: ['runAsNonRoot', 'bool?'],
  4: ['supplementalGroups', 'ints'],
  5: ['fsGroup', 'int?'],
  6: ['runAsGroup', 'int?'],
  10: ['seccompProfile', { msg: SECCOMP }],
};
const CONTAINER: Schema = {
  1: ['name', 'string'],
  2: ['image', 'string'],
  3: ['command', 'strings'],
  4: ['args', 'strings'],
  5: ['workingDir', 'string'],
  6: [
    'ports',
    {
      msgs: {
        1: ['name', 'string'],
        2: ['hostPort', 'int'],
        3: ['containerPort', 'int'],
        4: ['protocol', 'string'],
        5: ['hostIP', 'string'],
      },
    },
  ],
  7: ['env', { msgs: { 1: ['name', 'string'], 2: ['value', 'string'] } }],
  8: ['resources', { msg: { 1: ['limits', 'quantityMap'], 2: ['requests', 'quantityMap'] } }],
  9: [
    'volumeMounts',
    {
      msgs: {
        1: ['name', 'string'],
        2: ['readOnly', 'bool'],
        3: ['mountPath', 'string'],
        4: ['subPath', 'string'],
      },
    },
  ],
  13: ['terminationMessagePath', 'string'],
  14: ['imagePullPolicy', 'string'],
  15: ['securityContext', { msg: SEC_CTX }],
  16: ['stdin', 'bool'],
  17: ['stdinOnce', 'bool'],
  18: ['tty', 'bool'],
  20: ['terminationMessagePolicy', 'string'],
};
const VOLUME_SOURCE: Schema = {
  1: ['hostPath', { msg: { 1: ['path', 'string'], 2: ['type', 'string?'] } }],
  2: ['emptyDir', { msg: { 1: ['medium', 'string'], 2: ['sizeLimit', 'quantity'] } }],
};
const POD_SPEC: Schema = {
  1: ['volumes', { msgs: { 1: ['name', 'string'], 2: ['volumeSource', { inline: VOLUME_SOURCE }] } }],
  2: ['containers', { msgs: CONTAINER }],
  3: ['restartPolicy', 'string'],
  4: ['terminationGracePeriodSeconds', 'int?'],
  5: ['activeDeadlineSeconds', 'int?'],
  6: ['dnsPolicy', 'string'],
  7: ['nodeSelector', 'map'],
  8: ['serviceAccountName', 'string'],
  10: ['nodeName', 'string'],
  11: ['hostNetwork', 'bool'],
  12: ['hostPID', 'bool'],
  13: ['hostIPC', 'bool'],
  14: ['securityContext', { msg: POD_SEC_CTX }],
  15: ['imagePullSecrets', { msgs: { 1: ['name', 'string'] } }],
  16: ['hostname', 'string'],
  17: ['subdomain', 'string'],
  19: ['schedulerName', 'string'],
  20: ['initContainers', { msgs: CONTAINER }],
  21: ['automountServiceAccountToken', 'bool?'],
  22: [
    'tolerations',
    {
      msgs: {
        1: ['key', 'string'],
        2: ['operator', 'string'],
        3: ['value', 'string'],
        4: ['effect', 'string'],
        5: ['tolerationSeconds', 'int?'],
      },
    },
  ],
  24: ['priorityClassName', 'string'],
  25: ['priority', 'int?'],
  30: ['enableServiceLinks', 'bool?'],
};
const SERVICE_SPEC: Schema = {
  1: [
    'ports',
    {
      msgs: {
        1: ['name', 'string'],
        2: ['protocol', 'string'],
        3: ['port', 'int'],
        4: ['targetPort', 'intOrString'],
        5: ['nodePort', 'int'],
      },
    },
  ],
  2: ['selector', 'map'],
  3: ['clusterIP', 'string'],
  4: ['type', 'string'],
  7: ['sessionAffinity', 'string'],
  11: ['externalName', 'string'],
};
const RESOURCE_ATTRS: Schema = {
  1: ['namespace', 'string'],
  2: ['verb', 'string'],
  3: ['group', 'string'],
  4: ['version', 'string'],
  5: ['resource', 'string'],
  6: ['subresource', 'string'],
  7: ['name', 'string'],
};

const OBJECTS: Record<string, Schema> = {
  'v1/Namespace': { 1: ['metadata', { msg: META }], 2: ['spec', { msg: { 1: ['finalizers', 'strings'] } }] },
  'v1/Pod': { 1: ['metadata', { msg: META }], 2: ['spec', { msg: POD_SPEC }] },
  'v1/Service': { 1: ['metadata', { msg: META }], 2: ['spec', { msg: SERVICE_SPEC }] },
  'authorization.k8s.io/v1/SelfSubjectAccessReview': {
    1: ['metadata', { msg: META }],
    2: [
      'spec',
      {
        msg: {
          1: ['resourceAttributes', { msg: RESOURCE_ATTRS }],
          2: ['nonResourceAttributes', { msg: { 1: ['path', 'string'], 2: ['verb', 'string'] } }],
        },
      },
    ],
  },
  'authorization.k8s.io/v1/SelfSubjectRulesReview': {
    1: ['metadata', { msg: META }],
    2: ['spec', { msg: { 1: ['namespace', 'string'] } }],
  },
  'v1/DeleteOptions': {
    1: ['gracePeriodSeconds', 'int?'],
    3: ['orphanDependents', 'bool?'],
    4: ['propagationPolicy', 'string?'],
  },
};

interface Reader {
  buf: Buffer;
  pos: number;
}

const varint = (r: Reader): number => {
  let result = 0;
  let mul = 1;
  for (;;) {
    if (r.pos >= r.buf.length) throw badRequest('protobuf body ends inside a varint');
    const b = r.buf[r.pos++]!;
    result += (b & 0x7f) * mul;
    if (b < 0x80) break;
    mul *= 128;
  }
  // int64 negatives arrive as 10-byte two's complement
  return result >= 2 ** 63 ? result - 2 ** 64 : result;
};

const fields = (buf: Buffer): { no: number; wire: number; value: number | Buffer }[] => {
  const r: Reader = { buf, pos: 0 };
  const out: { no: number; wire: number; value: number | Buffer }[] = [];
  while (r.pos < buf.length) {
    const tag = varint(r);
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) out.push({ no, wire, value: varint(r) });
    else if (wire === 2) {
      const len = varint(r);
      if (r.pos + len > buf.length) throw badRequest('protobuf body ends inside a field');
      out.push({ no, wire, value: buf.subarray(r.pos, r.pos + len) });
      r.pos += len;
    } else if (wire === 1) r.pos += 8;
    else if (wire === 5) r.pos += 4;
    else throw badRequest(`protobuf body has an unsupported wire type ${wire}`);
  }
  return out;
};

const str = (v: number | Buffer): string => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

const decodeMap = (v: Buffer, quantity: boolean): [string, string] => {
  let key = '';
  let value = '';
  for (const f of fields(v)) {
    if (f.no === 1) key = str(f.value);
    if (f.no === 2)
      value = quantity && Buffer.isBuffer(f.value) ? str(fields(f.value)[0]?.value ?? 0) : str(f.value);
  }
  return [key, value];
};

const rfc3339 = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

export const decodeMessage = (buf: Buffer, schema: Schema): Obj => {
  const out: Obj = {};
  for (const f of fields(buf)) {
    const spec = schema[f.no];
    if (!spec) continue;
    const [name, kind] = spec;
    const v = f.value;
    if (typeof kind === 'object') {
      if (!Buffer.isBuffer(v)) continue;
      if ('msg' in kind) out[name] = decodeMessage(v, kind.msg);
      else if ('msgs' in kind) (out[name] ??= []).push(decodeMessage(v, kind.msgs));
      else Object.assign(out, decodeMessage(v, kind.inline));
      continue;
    }
    switch (kind) {
      case 'string':
        if (str(v) !== '') out[name] = str(v);
        break;
      case 'string?':
        out[name] = str(v);
        break;
      case 'int':
        if (v !== 0) out[name] = v;
        break;
      case 'int?':
        out[name] = v;
        break;
      case 'bool':
        if (v === 1) out[name] = true;
        break;
      case 'bool?':
        out[name] = v === 1;
        break;
      case 'strings':
        (out[name] ??= []).push(str(v));
        break;
      case 'ints':
        if (Buffer.isBuffer(v)) {
          // packed
          const r: Reader = { buf: v, pos: 0 };
          while (r.pos < v.length) (out[name] ??= []).push(varint(r));
        } else (out[name] ??= []).push(v);
        break;
      case 'time': {
        const t = Buffer.isBuffer(v) ? decodeMessage(v, TIME) : {};
        if (t.seconds) out[name] = rfc3339(t.seconds);
        break;
      }
      case 'quantity':
        if (Buffer.isBuffer(v)) {
          const q = fields(v)[0]?.value;
          out[name] = q === undefined ? '' : str(q);
        }
        break;
      case 'intOrString':
        if (Buffer.isBuffer(v)) {
          const t = decodeMessage(v, { 1: ['type', 'int'], 2: ['intVal', 'int'], 3: ['strVal', 'string'] });
          out[name] = t.type === 1 ? (t.strVal ?? '') : (t.intVal ?? 0);
        }
        break;
      case 'map':
      case 'quantityMap':
        if (Buffer.isBuffer(v)) {
          const [k, val] = decodeMap(v, kind === 'quantityMap');
          (out[name] ??= {})[k] = val;
        }
        break;
    }
  }
  return out;
};

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The object inside a `k8s\0` protobuf envelope, as JSON would carry it. */
export const decodeProtobufObject = (body: Buffer): Obj => {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw badRequest('protobuf body does not start with the k8s envelope');
  const unknown = decodeMessage(body.subarray(4), {
    1: ['typeMeta', { msg: { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] } }],
  });
  const raw = fields(body.subarray(4)).find((f) => f.no === 2)?.value;
  const apiVersion: string = unknown.typeMeta?.apiVersion ?? '';
  const kind: string = unknown.typeMeta?.kind ?? '';
  const schema = OBJECTS[`${apiVersion}/${kind}`];
  if (!schema)
    throw badRequest(
      `the API double cannot decode a protobuf ${kind || 'object'} (${apiVersion}); send JSON`,
    );
  const obj = decodeMessage(Buffer.isBuffer(raw) ? raw : Buffer.alloc(0), schema);
  return { apiVersion, kind, ...obj };
};
