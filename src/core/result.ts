// Success or a list of messages a user reads. Validation collects every problem it can
// find, so a user fixes them all in one go instead of one per run.

export type Result<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(...errors: string[]): { ok: false; errors: string[] } {
  return { ok: false, errors };
}
