// kubectl's typed clients (create namespace, create service, auth can-i) send protobuf.
// The bodies below were captured from kubectl 1.32 talking to the double.
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject } from './protobuf.ts';

const body = (hex: string): Buffer => Buffer.from(hex, 'hex');

describe('protobuf request bodies', () => {
  it('decodes `kubectl create service clusterip web --tcp=80:8080`', () => {
    const svc = decodeProtobufObject(
      body(
        '6b3873000a0d0a02763112075365727669636512690a1f0a0377656212001a0022002a003200380042005a0a0a03617070120377656212420a1b0a0738302d38303830120354435018502207080010903f1a002800120a0a0361707012037765621a002209436c757374657249503a00420052005a00600068001a020a001a002200',
      ),
    );
    expect(svc).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }],
        selector: { app: 'web' },
        type: 'ClusterIP',
      },
    });
  });

  it('decodes `kubectl auth can-i create pods --subresource=exec -n shop`', () => {
    const review = decodeProtobufObject(
      body(
        '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a65637441636365737352657669657712400a100a0012001a0022002a0032003800420012220a200a0473686f7012066372656174651a0022002a04706f64733204657865633a001a08080012001a0020001a002200',
      ),
    );
    expect(review).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: {
        resourceAttributes: { namespace: 'shop', verb: 'create', resource: 'pods', subresource: 'exec' },
      },
    });
  });

  it('reads `kubectl auth can-i create pods/exec` as a question about the pod named "exec"', () => {
    const review = decodeProtobufObject(
      body(
        '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a65637441636365737352657669657712400a100a0012001a0022002a0032003800420012220a200a0473686f7012066372656174651a0022002a04706f647332003a04657865631a08080012001a0020001a002200',
      ),
    );
    expect(review.spec.resourceAttributes).toEqual({
      namespace: 'shop',
      verb: 'create',
      resource: 'pods',
      name: 'exec',
    });
  });

  it('names the kind it has no schema for, and a body that is not protobuf', () => {
    // `kubectl create deployment x --image=busybox`: the double has no protobuf schema for apps/v1
    const deployment = body(
      '6b3873000a150a07617070732f7631120a4465706c6f796d656e7412a7010a1b0a017812001a0022002a003200380042005a080a03617070120178127a0801120a0a080a036170701201781a620a1a0a0012001a0022002a003200380042005a080a03617070120178124412260a0762757379626f78120762757379626f782a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200',
    );
    expect(() => decodeProtobufObject(deployment)).toThrow(
      'the API double cannot decode a protobuf Deployment (apps/v1); send JSON',
    );
    expect(() => decodeProtobufObject(Buffer.from('plain text'))).toThrow(
      'protobuf body does not start with the k8s envelope',
    );
  });
});
