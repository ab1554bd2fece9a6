// The NetworkPolicy tier of one direction of a connection: the source pod's
// egress, or the destination pod's ingress. A pod no policy selects for that
// direction is not isolated; an isolated pod lets through only what some rule
// of a selecting policy allows. (tiers.ts puts the admin tiers around it.)
import { policyName, policyNamespace, portText, type Connection, type PodParty } from './connection.ts';
import { peerText, policyTypes, portsText, ruleOutcome, type RuleOutcome } from './rules.ts';
import { matchesSelector } from './selectors.ts';
import type { DirectionCheck, Snapshot } from './types.ts';

export function checkNetworkPolicies(
  snapshot: Snapshot,
  direction: 'egress' | 'ingress',
  conn: Connection,
): DirectionCheck {
  const subject = direction === 'egress' ? conn.from : (conn.to as PodParty);
  const other = direction === 'egress' ? conn.to : conn.from;
  const type = direction === 'egress' ? 'Egress' : 'Ingress';
  const selecting = snapshot.policies.filter(
    (p) =>
      policyNamespace(p) === subject.namespace &&
      matchesSelector(p.spec.podSelector ?? {}, subject.labels) &&
      policyTypes(p).includes(type),
  );
  const base = {
    direction,
    subject: subject.display,
    namespace: subject.namespace,
    selectedBy: selecting.map(policyName),
  };
  if (selecting.length === 0) {
    return {
      ...base,
      isolated: false,
      decision: 'allowed',
      reason: `no NetworkPolicy in ${subject.namespace} selects ${subject.selectText} for ${direction}`,
    };
  }

  const outcomes: RuleOutcome[] = [];
  for (const policy of selecting) {
    const rules = direction === 'egress' ? (policy.spec.egress ?? []) : (policy.spec.ingress ?? []);
    rules.forEach((rule, index) => {
      const peers = direction === 'egress' ? (rule as { to?: [] }).to : (rule as { from?: [] }).from;
      outcomes.push(
        ruleOutcome(policy, index, { peers, ports: rule.ports }, policyNamespace(policy), other, conn),
      );
    });
  }

  const allowing = outcomes.find((o) => o.result.value === 'yes');
  if (allowing) {
    const allowedBy = ruleText(allowing, direction);
    return { ...base, isolated: true, decision: 'allowed', allowedBy, reason: `allowed by ${allowedBy}` };
  }
  const uncertain = outcomes.find((o) => o.result.value === 'maybe');
  if (uncertain && uncertain.result.value === 'maybe') {
    return {
      ...base,
      isolated: true,
      decision: 'unknown',
      reason: `cannot tell whether ${ruleText(uncertain, direction)} allows ${direction} ${preposition(direction)} ${subject.display}: ${uncertain.result.why}`,
    };
  }
  const names = selecting.map((p) =>
    policyNamespace(p) === subject.namespace ? p.metadata.name : policyName(p),
  );
  let why: string;
  if (outcomes.length === 0) why = `no ${direction} rule`;
  else if (outcomes.some((o) => o.peers.value === 'yes')) {
    why = `no ${direction} rule allows ${portText(conn.port, conn.protocol)}`;
  } else why = `no ${direction} rule allows ${other.display}`;
  return {
    ...base,
    isolated: true,
    decision: 'denied',
    reason: `${direction} ${preposition(direction)} ${subject.display} is isolated by ${names.join(', ')} (${why})`,
  };
}

function preposition(direction: 'egress' | 'ingress'): string {
  return direction === 'egress' ? 'from' : 'to';
}

function ruleText(outcome: RuleOutcome, direction: 'egress' | 'ingress'): string {
  const policy = outcome.policy;
  const rules = direction === 'egress' ? policy.spec.egress : policy.spec.ingress;
  const rule = rules?.[outcome.index];
  const where = direction === 'egress' ? 'to' : 'from';
  const who = outcome.peer
    ? `${where} ${peerText(outcome.peer, policyNamespace(policy))}`
    : `${where} anywhere`;
  const ports = rule?.ports && rule.ports.length > 0 ? `, ${portsText(rule.ports)}` : '';
  return `${policyName(policy)} ${direction} rule #${outcome.index + 1} (${who}${ports})`;
}
