// What the network did, read from the TEXT a busybox probe printed (see
// /work/shared/busybox-probes.md): exit codes alone cannot tell a dropped packet from a
// 404, a closed port or a mistyped host. Order matters: a server's answer proves the
// connection was made even if a later message mentions a reset or a timeout.
import type { Observation, Target } from '../core/types.ts';

const MAX_QUOTE = 200;

/**
 * The busybox message that matched, quoted from its "wget:"/"nc:"/"ssl_client:" start
 * (or from the start of the output when it has none), cut to a readable length.
 */
function quote(output: string, at: number): string {
  const starts = [...output.slice(0, at).matchAll(/(?:^|\s)(?=(?:wget|nc|ssl_client): )/g)];
  const last = starts[starts.length - 1];
  const from = last ? (last.index ?? 0) + last[0].length : 0;
  const text = output.slice(from).trim();
  return `"${text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text}"`;
}

function find(output: string, re: RegExp): number {
  const m = re.exec(output);
  return m ? m.index : -1;
}

export function classify(target: Target, exitCode: number, output: string): Observation {
  const tool = target.scheme === 'tcp' ? 'nc' : 'wget';
  const text = output.trim();
  const seen = text === '' ? 'printed nothing' : `printed ${quote(text, 0)}`;

  // The probe could not run as intended: no tool, an option it lacks, or a crash.
  if (exitCode === 127 || /\b(wget|nc): (applet )?not found|applet not found/.test(text)) {
    return {
      actual: 'error',
      detail: `the canary image has no ${tool} (exit ${exitCode}, ${seen}); use an image that provides sh, wget and nc as busybox does (input "image")`,
    };
  }
  let i = find(
    text,
    /invalid option|unrecognized option|unknown option|Usage: (wget|nc)\b|multi-call binary/i,
  );
  if (i >= 0) {
    return {
      actual: 'error',
      detail: `the canary image's ${tool} does not accept the probe's options (${quote(text, i)}); use busybox:1.36, or an image whose ${tool} supports them (input "image")`,
    };
  }
  if (exitCode >= 128) {
    return {
      actual: 'error',
      detail: `${tool} was killed by signal ${exitCode - 128} (exit ${exitCode}, ${seen}), so the probe tells nothing`,
    };
  }

  // A server answered: the network let the connection through.
  const http = /server returned error: HTTP\/[\d.]+ (\d{3})/.exec(text);
  if (http) {
    return {
      actual: 'allowed',
      detail: `the server answered with HTTP ${http[1]} (${quote(text, http.index)}): the network let the connection through`,
    };
  }
  if (tool === 'wget' && exitCode === 0) {
    const exists = find(text, /remote file exists/);
    const said = text === '' ? '' : ` (${quote(text, Math.max(0, exists))})`;
    return { actual: 'allowed', detail: `connected and the server answered${said}` };
  }
  i = find(
    text,
    /error getting response|no response from server|TLS error|ssl_client: |short read|unexpected EOF/i,
  );
  if (i >= 0) {
    return {
      actual: 'allowed',
      detail: `the connection was made, then the answer could not be read (${quote(text, i)}): the network let the connection through`,
    };
  }
  if (tool === 'nc' && exitCode === 0) {
    const open = find(text, /\bopen\b/);
    return { actual: 'allowed', detail: `connected${open >= 0 ? ` (${quote(text, open)})` : ''}` };
  }

  // No connection.
  i = find(text, /timed out/i);
  if (i >= 0) {
    return {
      actual: 'blocked',
      detail: `no answer within the timeout (${quote(text, i)}): the packets were dropped`,
    };
  }
  i = find(
    text,
    /Connection refused|Connection reset by peer|No route to host|Network is unreachable|Host is unreachable/i,
  );
  if (i >= 0) {
    return {
      actual: 'refused',
      detail: `the connection was rejected (${quote(text, i)}): nothing listens there, or a policy rejects instead of dropping`,
    };
  }
  i = find(text, /bad address/);
  if (i >= 0) {
    return {
      actual: 'dns-error',
      detail: `the host name did not resolve (${quote(text, i)}): check the name, and that the canary may reach DNS`,
    };
  }
  return {
    actual: 'error',
    detail: `${tool} exited with ${exitCode} and ${seen}, which netpol-canary cannot read as allowed or denied`,
  };
}
