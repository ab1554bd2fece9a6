// predict: verdicts from manifests, no cluster needed.
export { loadManifests } from './load.ts';
export { parseManifests, type LoadedManifests, type ManifestFile } from './parse.ts';
export {
  namespaceFrom,
  objectName,
  podFrom,
  podsFromWorkload,
  policyFrom,
  readLabels,
  readStringMap,
  serviceFrom,
  WORKLOAD_KINDS,
} from './convert.ts';
export { predictMatrix, type PredictOptions } from './predict.ts';
export { adminPolicyFrom, isAdminKind, ADMIN_KINDS } from './convert-admin.ts';
export { isOtherPolicyKind, unmodelledFrom } from './parse.ts';
export {
  reachSources,
  reachTargets,
  reachCell,
  sourceText,
  type ReachSource,
  type ReachTarget,
  type ReachCell,
} from './reachability.ts';
export { diffReachability, type ReachDiff, type ReachChange, type PolicyChange } from './diff.ts';
export {
  renderDiffText,
  renderDiffMarkdown,
  diffFails,
  diffHeadline,
  FAIL_ON,
  type FailOn,
} from './diff-report.ts';
export {
  generateMatrix,
  DEFAULT_EXTERNAL,
  DEFAULT_OUTSIDER,
  type GenerateOptions,
  type Generated,
} from './generate.ts';
export { withKubeDns } from './predict.ts';
