// Step 1 of a run: what exists, and is the plan possible? Nothing in the cluster is
// changed here. The permission review is asked at the same time as the namespaces are
// read, for every namespace the run might create or share; only what the plan turns out
// to need is held against it.
import {
  describePermission,
  missingPermissions,
  requiredPermissions,
  type Permission,
} from '../cluster/access.ts';
import type { Kubectl } from '../cluster/kubectl.ts';
import { getNamespaces } from '../cluster/namespaces.ts';
import { isManaged, type NamespaceObject } from '../core/ownership.ts';
import type { CanaryGroup, Matrix, Settings } from '../core/types.ts';
import { checkNamespaces, groupIntoCanaries, sharedLabelsConflict } from '../matrix/plan.ts';
import { splitForScript } from '../probe/canary-script.ts';

export interface PreparedRun {
  /** the canaries, each a label set in a namespace, split where one script would be too large */
  groups: CanaryGroup[];
  /** the source namespaces that exist, as read */
  existing: Map<string, NamespaceObject>;
  /** existing namespaces this run does not manage: their objects are the user's */
  foreign: Set<string>;
  /** shared namespaces whose labels are not the matrix's, with why: their tests cannot tell */
  mislabelled: Map<string, string>;
  /** shared namespaces this run joins (adds its lease to) */
  joined: NamespaceObject[];
  /** namespaces this run creates */
  toCreate: string[];
  /** toCreate and joined: what post releases */
  managed: string[];
}

export async function prepareRun(
  k: Kubectl,
  matrix: Matrix,
  settings: Settings,
  sources: string[],
  warn: (line: string) => void,
): Promise<{ ok: true; value: PreparedRun } | { ok: false; error: string }> {
  const mayManage = sources.filter(
    (name) => settings.namespacePrefix && name.startsWith(settings.namespacePrefix),
  );
  const review = missingPermissions(k, requiredPermissions(sources, mayManage, mayManage.length > 0));
  const exists = getNamespaces(k, sources);
  // built while kubectl asks: a canary's script is one argument of its pod, and one too
  // large for it is split (MAX_ARG_STRLEN)
  let groups: CanaryGroup[];
  try {
    groups = splitForScript(groupIntoCanaries(matrix.tests), settings);
  } catch (e) {
    await Promise.allSettled([review, exists]); // no kubectl process outlives the run
    throw e;
  }
  let existing: Map<string, NamespaceObject>;
  try {
    existing = await exists;
  } catch (e) {
    await review;
    return { ok: false, error: `${(e as Error).message}; nothing was created.` };
  }
  // a prefixed namespace another run of this action created is ours to share, labels and all
  const shared = [...existing.values()].filter(
    (ns) => isManaged(ns) && ns.metadata.name.startsWith(settings.namespacePrefix),
  );
  const sharedNames = new Set(shared.map((ns) => ns.metadata.name));
  const foreign = new Set([...existing.keys()].filter((name) => !sharedNames.has(name)));
  const plan = checkNamespaces(matrix, foreign, settings.namespacePrefix);
  if (!plan.ok) {
    await review; // no kubectl process outlives the run
    return { ok: false, error: `${plan.errors.join('\n')}\nNothing was created.` };
  }
  // ...but only with the labels this matrix declares; otherwise its tests cannot tell
  const mislabelled = new Map<string, string>();
  for (const ns of shared) {
    const name = ns.metadata.name;
    const why = sharedLabelsConflict(name, ns.metadata.labels ?? {}, matrix.namespaces[name]?.labels ?? {});
    if (why) mislabelled.set(name, why);
  }
  const joined = shared.filter((ns) => !mislabelled.has(ns.metadata.name));
  const toCreate = plan.value.create.filter((name) => !sharedNames.has(name));
  const managed = [...toCreate, ...joined.map((ns) => ns.metadata.name)];

  const access = neededOf(await review, requiredPermissions(sources, managed, toCreate.length > 0));
  if ('unknown' in access) {
    warn(`Permissions could not be checked in advance (${access.unknown}); going on.`);
  } else if (access.missing.length > 0) {
    return {
      ok: false,
      error:
        `The kubeconfig's identity lacks permissions this run needs; nothing was created. Grant:\n` +
        access.missing.map((p) => `  - ${describePermission(p)}`).join('\n') +
        `\nexamples/rbac.yaml has a minimal Role and ClusterRole.`,
    };
  }
  return { ok: true, value: { groups, existing, foreign, mislabelled, joined, toCreate, managed } };
}

/** the review's answer, narrowed to the permissions the plan needs */
function neededOf(
  answer: Awaited<ReturnType<typeof missingPermissions>>,
  needed: Permission[],
): Awaited<ReturnType<typeof missingPermissions>> {
  if ('unknown' in answer) return answer;
  const keys = new Set(needed.map(describePermission));
  return { missing: answer.missing.filter((p) => keys.has(describePermission(p))) };
}
