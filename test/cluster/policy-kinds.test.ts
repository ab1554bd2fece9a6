// Reading `kubectl api-resources -o wide` for the policy kinds a cluster serves.
import { describe, expect, it } from 'vitest';
import { parseApiResources, policyKindsOf } from '../../src/cluster/policy-kinds.ts';

// as kubectl 1.32 prints it for a cluster with Calico, Cilium and the admin-tier CRDs
const TABLE = [
  'NAME                               SHORTNAMES   APIVERSION                           NAMESPACED   KIND                             VERBS                                                        CATEGORIES',
  'pods                               po           v1                                   true         Pod                              create,delete,deletecollection,get,list,patch,update,watch   all',
  'ciliumclusterwidenetworkpolicies   ccnp         cilium.io/v2                         false        CiliumClusterwideNetworkPolicy   delete,deletecollection,get,list,patch,create,update,watch   cilium,ciliumpolicy',
  'ciliumnetworkpolicies              cnp,ciliumnp cilium.io/v2                         true         CiliumNetworkPolicy              delete,deletecollection,get,list,patch,create,update,watch   cilium,ciliumpolicy',
  'networkpolicies                                 crd.projectcalico.org/v1             true         NetworkPolicy                    delete,deletecollection,get,list,patch,create,update,watch   ',
  'networkpolicies                    netpol       networking.k8s.io/v1                 true         NetworkPolicy                    create,delete,deletecollection,get,list,patch,update,watch   ',
  'clusternetworkpolicies                          policy.networking.k8s.io/v1alpha2    false        ClusterNetworkPolicy             delete,deletecollection,get,list,patch,create,update,watch   ',
  'egressfirewalls                                 k8s.ovn.org/v1                       true         EgressFirewall                   delete,deletecollection,get,list,patch,create,update,watch   ',
  '',
].join('\n');

describe('policy kinds from api-resources', () => {
  it('reads the table by its header, with empty short names', () => {
    const served = parseApiResources(TABLE);
    expect(served).toHaveLength(7);
    expect(served[3]).toEqual({
      resource: 'networkpolicies.crd.projectcalico.org',
      apiVersion: 'crd.projectcalico.org/v1',
      kind: 'NetworkPolicy',
      namespaced: true,
    });
  });

  it('models the admin tier, names the others, and leaves NetworkPolicy to the usual read', () => {
    const kinds = policyKindsOf(parseApiResources(TABLE));
    expect(kinds.admin.map((k) => k.resource)).toEqual(['clusternetworkpolicies.policy.networking.k8s.io']);
    expect(kinds.other.map((k) => k.resource)).toEqual([
      'ciliumclusterwidenetworkpolicies.cilium.io',
      'ciliumnetworkpolicies.cilium.io',
      'networkpolicies.crd.projectcalico.org',
      'egressfirewalls.k8s.ovn.org',
    ]);
  });

  it('reads nothing from text that is not the table', () => {
    expect(parseApiResources('error: the server could not be reached')).toEqual([]);
    expect(parseApiResources('')).toEqual([]);
  });
});
