// One direction of a connection, walked through the tiers in the order the
// API sets: Admin (ClusterNetworkPolicy tier Admin, AdminNetworkPolicy), then
// NetworkPolicy, then Baseline (ClusterNetworkPolicy tier Baseline,
// BaselineAdminNetworkPolicy), then the default: allowed.
//
// In a tier, policies are checked by priority (lower first) and each policy's
// rules in order; the first rule that matches decides: Accept and Deny are
// final, Pass goes on to the next tier. A NetworkPolicy that selects the pod is
// final too. Two policies of one priority that match with different actions
// leave the answer to the implementation, so the model says it cannot tell.
import { adminPolicyText, adminRuleMatches, adminRuleText, subjectSelects, tierWord } from './admin-rules.ts';
import type { Connection, PodParty } from './connection.ts';
import { checkNetworkPolicies } from './direction.ts';
import type { AdminAction, AdminPolicy, DirectionCheck, Snapshot, Tier } from './types.ts';

type Direction = 'egress' | 'ingress';

type TierOutcome =
  | { kind: 'matched'; action: AdminAction; text: string }
  | { kind: 'unknown'; why: string }
  | { kind: 'none'; text: string };

export function checkDirection(snapshot: Snapshot, direction: Direction, conn: Connection): DirectionCheck {
  const subject = direction === 'egress' ? conn.from : (conn.to as PodParty);
  const policies = (snapshot.adminPolicies ?? []).filter(
    (p) => subjectSelects(p.subject, subject) && p[direction].length > 0,
  );
  const np = checkNetworkPolicies(snapshot, direction, conn);
  if (policies.length === 0) return np;

  const inTier = (tier: Tier): AdminPolicy[] => policies.filter((p) => p.tier === tier);
  const selectedBy = [...np.selectedBy, ...policies.map(adminPolicyText)];
  const base = { ...np, selectedBy };
  const steps: string[] = [];
  const prep = direction === 'egress' ? 'from' : 'to';

  const admin = inTier('Admin');
  if (admin.length > 0) {
    const outcome = walkTier(snapshot, admin, direction, conn);
    const final = finalOf(base, 'Admin', outcome, `${direction} ${prep} ${subject.display}`);
    // an unknown is final too: what the tiers below say cannot settle it
    if (final) {
      return final.decision === 'unknown'
        ? final
        : { ...final, reason: `${final.reason}; NetworkPolicy tier not reached` };
    }
    steps.push(
      outcome.kind === 'matched' ? `admin tier: ${outcome.text}` : `admin tier: ${outcomeText(outcome)}`,
    );
  }

  const lead = (reason: string): string => [...steps, reason].join('; ');
  if (np.isolated) {
    return { ...base, reason: lead(`NetworkPolicy tier: ${np.reason}`) };
  }
  const baseline = inTier('Baseline');
  if (baseline.length === 0) {
    return { ...base, reason: steps.length > 0 ? lead(`NetworkPolicy tier: ${np.reason}`) : np.reason };
  }
  steps.push(`NetworkPolicy tier: ${np.reason}`);
  const outcome = walkTier(snapshot, baseline, direction, conn);
  const final = finalOf(base, 'Baseline', outcome, `${direction} ${prep} ${subject.display}`);
  if (final) return { ...final, reason: lead(final.reason) };
  // Pass in the baseline tier, or no rule: the default, allowed
  return {
    ...base,
    isolated: false,
    decision: 'allowed',
    reason: lead(`baseline tier: ${outcomeText(outcome)}, so it is allowed`),
  };
}

function outcomeText(outcome: TierOutcome): string {
  if (outcome.kind === 'matched') return outcome.text;
  return outcome.kind === 'none' ? outcome.text : outcome.why;
}

/** An Accept, Deny or unknown is final; Pass and no match are not (undefined). */
function finalOf(
  base: DirectionCheck,
  tier: Tier,
  outcome: TierOutcome,
  what: string,
): DirectionCheck | undefined {
  const word = tierWord(tier);
  if (outcome.kind === 'unknown') {
    return {
      ...base,
      isolated: true,
      decision: 'unknown',
      decidedBy: tier,
      reason: `${word} tier: cannot tell whether it applies to ${what}: ${outcome.why}`,
    };
  }
  if (outcome.kind !== 'matched' || outcome.action === 'Pass') return undefined;
  if (outcome.action === 'Accept') {
    return {
      ...base,
      isolated: true,
      decision: 'allowed',
      decidedBy: tier,
      allowedBy: `${outcome.text.replace(/ accepts$/, '')} (${word} tier)`,
      reason: `${word} tier: ${outcome.text}`,
    };
  }
  return {
    ...base,
    isolated: true,
    decision: 'denied',
    decidedBy: tier,
    reason: `${word} tier: ${outcome.text} ${what}`,
  };
}

const VERB: Record<AdminAction, string> = { Accept: 'accepts', Deny: 'denies', Pass: 'passes' };

function walkTier(
  snapshot: Snapshot,
  policies: AdminPolicy[],
  direction: Direction,
  conn: Connection,
): TierOutcome {
  const other = direction === 'egress' ? conn.to : conn.from;
  const sorted = [...policies].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  const priorities = [...new Set(sorted.map((p) => p.priority))];
  for (const priority of priorities) {
    const group = sorted.filter((p) => p.priority === priority);
    const hits: { policy: AdminPolicy; action: AdminAction; text: string }[] = [];
    for (const policy of group) {
      const rules = policy[direction];
      for (const [index, rule] of rules.entries()) {
        const m = adminRuleMatches(snapshot, rule, other, conn);
        const text = `${adminPolicyText(policy)} ${adminRuleText(rule, index, direction)}`;
        if (m.value === 'maybe')
          return { kind: 'unknown', why: `cannot tell whether ${text} matches: ${m.why}` };
        if (m.value === 'yes') {
          hits.push({ policy, action: rule.action, text: `${text} ${VERB[rule.action]}` });
          break;
        }
      }
    }
    const [first] = hits;
    if (!first) continue;
    const clash = hits.find((h) => h.action !== first.action);
    if (clash) {
      return {
        kind: 'unknown',
        why:
          `${first.text} and ${clash.text}: both have priority ${priority}, and the API leaves ` +
          `the choice between them to the implementation (give them different priorities)`,
      };
    }
    return { kind: 'matched', action: first.action, text: first.text };
  }
  const names = sorted.map(adminPolicyText).join(', ');
  return { kind: 'none', text: `no ${direction} rule of ${names} matches` };
}
