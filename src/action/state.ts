// What main leaves for post (GitHub's step state). Post must also work with
// none of it: the run identity and the inputs are enough to find everything.
import * as core from '@actions/core';
import type { RunRecord } from '../run/run-matrix.ts';

export const state = {
  saveRun: (run: string): void => core.saveState('run', run),
  run: (): string => core.getState('run'),
  saveRecord: (r: RunRecord): void => core.saveState('record', JSON.stringify(r)),
  record(): RunRecord | undefined {
    const text = core.getState('record');
    if (!text) return undefined;
    try {
      return JSON.parse(text) as RunRecord;
    } catch {
      return undefined;
    }
  },
  saveKubectl: (path: string): void => core.saveState('kubectl', path),
  kubectl: (): string => core.getState('kubectl'),
};
