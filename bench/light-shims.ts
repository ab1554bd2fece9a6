// Light busybox stand-ins for the bench's cluster double.
//
// The double's own `wget` and `nc` (test/cluster/shims) are node programs: each probe
// costs a node start, ~0.1–0.2 s of CPU on the runner. In a real cluster busybox
// starts in a millisecond on a cluster node and costs the runner nothing, so with
// 200 probes the double's stand-ins alone would keep both of this machine's cores
// busy for seconds and the bench would time the double, not the action. These sh
// scripts take the fast path the bench needs (wget --spider [-q] -T SEC URL and
// nc -z [-v] -w SEC HOST PORT, against an allowed 2xx or a dropped connection),
// take the double network's answer from what the exec service decided when the
// exec started (answerInAdvance) or else ask for it as the node stand-ins do, and
// print the same texts; anything else is handed to the double's own stand-in, unchanged.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DOUBLE_SHIMS = resolve(import.meta.dirname, '../test/cluster/shims');

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

// busybox's wget costs a third of curl's CPU per call, and there are a thousand calls
const FETCH = existsSync('/usr/bin/busybox') ? '/usr/bin/busybox wget -q -O -' : 'curl -s';

/** sets `ans` to the double's JSON answer for $1=host $2=port $3=scheme, then `kind`, `ip`, `status` */
const ASK = `ask() {
  # names that need no URL encoding, or the double's own stand-in handles it
  case "$1$NETPOL_DOUBLE_NAMESPACE$NETPOL_DOUBLE_POD" in *[!A-Za-z0-9.-]*) return 1 ;; esac
  # decided when the exec started (the exec service's answerInAdvance): no request, no process
  case $NETPOL_DOUBLE_ANSWERS in
    *"|$3 $1 $2 "*)
      ans=\${NETPOL_DOUBLE_ANSWERS#*"|$3 $1 $2 "}
      kind=\${ans%% *}
      ans=\${ans#* }
      ip=\${ans%% *}
      status=\${ans#* }
      status=\${status%%'|'*}
      case $ip in '' | *:*) return 1 ;; esac
      return 0
      ;;
  esac
  ans=$(${FETCH} "$NETPOL_DOUBLE_URL/__double/network?namespace=$NETPOL_DOUBLE_NAMESPACE&pod=$NETPOL_DOUBLE_POD&host=$1&port=$2&scheme=$3") || return 1
  case $ans in *'"outcome":{"kind":"'*'"ip":"'*) ;; *) return 1 ;; esac
  kind=\${ans#*'"kind":"'}
  kind=\${kind%%'"'*}
  ip=\${ans#*'"ip":"'}
  ip=\${ip%%'"'*}
  status=200
  case $ans in *'"status":'*) status=\${ans#*'"status":'}; status=\${status%%[!0-9]*} ;; esac
  case $ip in '' | *:*) return 1 ;; esac
}
`;

function wget(): string {
  return `#!/bin/sh
full() { exec "\${NETPOL_DOUBLE_NODE:-node}" ${q(join(DOUBLE_SHIMS, 'wget.mjs'))} "$@"; }
${ASK}
spider=0 quiet=0 secs= url= next=
for a in "$@"; do
  if [ "$next" = T ]; then secs=$a; next=; continue; fi
  case $a in
    --spider) spider=1 ;;
    -q) quiet=1 ;;
    -T) next=T ;;
    -*) full "$@" ;;
    *) [ -z "$url" ] || full "$@"; url=$a ;;
  esac
done
[ "$spider" = 1 ] && [ -n "$url" ] && [ -z "$next" ] || full "$@"
case $secs in '' | *[!0-9]*) full "$@" ;; esac
[ "$secs" -gt 0 ] && [ "$secs" -lt 127 ] || full "$@"
case $url in
  http://*) scheme=http; rest=\${url#http://}; port=80 ;;
  https://*) scheme=https; rest=\${url#https://}; port=443 ;;
  *) full "$@" ;;
esac
hostpart=\${rest%%[/?#]*}
case $hostpart in '' | *[@\\[\\]]*) full "$@" ;; esac
host=\${hostpart%%:*}
case $hostpart in *:*) port=\${hostpart#*:} ;; esac
case $port in '' | *[!0-9]*) full "$@" ;; esac
ask "$host" "$port" "$scheme" || full "$@"
case $kind in
  allowed)
    case $status in 2??) ;; *) full "$@" ;; esac
    [ "$quiet" = 1 ] || echo "Connecting to $hostpart ($ip:$port)" >&2
    [ "$scheme" = https ] && echo 'wget: note: TLS certificate validation not implemented' >&2
    [ "$quiet" = 1 ] || echo 'remote file exists' >&2
    exit 0
    ;;
  timeout)
    [ "$quiet" = 1 ] || echo "Connecting to $hostpart ($ip:$port)" >&2
    sleep "$secs"
    echo 'wget: download timed out' >&2
    exit 1
    ;;
esac
full "$@"
`;
}

function nc(): string {
  return `#!/bin/sh
full() { exec "\${NETPOL_DOUBLE_NODE:-node}" ${q(join(DOUBLE_SHIMS, 'nc.mjs'))} "$@"; }
${ASK}
zero=0 verbose=0 secs= next= host= port=
for a in "$@"; do
  if [ "$next" = w ]; then secs=$a; next=; continue; fi
  case $a in
    -z) zero=1 ;;
    -v) verbose=$((verbose + 1)) ;;
    -w) next=w ;;
    -*) full "$@" ;;
    *)
      if [ -z "$host" ]; then host=$a
      elif [ -z "$port" ]; then port=$a
      else full "$@"
      fi
      ;;
  esac
done
[ "$zero" = 1 ] && [ -z "$next" ] && [ -n "$host" ] || full "$@"
case $secs in '' | *[!0-9]*) full "$@" ;; esac
[ "$secs" -gt 0 ] && [ "$secs" -lt 127 ] || full "$@"
case $port in '' | *[!0-9]*) full "$@" ;; esac
[ "$port" -gt 0 ] && [ "$port" -le 65535 ] || full "$@"
case $host in *[:\\[\\]]*) full "$@" ;; esac
ask "$host" "$port" tcp || full "$@"
# nc_bloaty: one -v names the connection's fate, a second adds the byte counts
case $kind in
  allowed)
    [ "$verbose" -ge 1 ] && echo "$host ($ip:$port) open" >&2
    [ "$verbose" -ge 2 ] && echo 'sent 0, rcvd 0' >&2
    exit 0
    ;;
  timeout)
    sleep "$secs"
    [ "$verbose" -ge 1 ] && echo "nc: $host ($ip:$port): Connection timed out" >&2
    [ "$verbose" -ge 2 ] && echo 'sent 0, rcvd 0' >&2
    exit 1
    ;;
esac
full "$@"
`;
}

function busybox(): string {
  return `#!/bin/sh
case "$1" in
  wget | nc)
    applet=$1
    shift
    exec "\${0%/*}/$applet" "$@"
    ;;
esac
exec ${q(join(DOUBLE_SHIMS, 'busybox'))} "$@"
`;
}

/** Writes the stand-ins into a fresh folder: the double's exec service puts it first on PATH. */
export function lightShims(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-bench-shims-'));
  for (const [name, text] of Object.entries({ wget: wget(), nc: nc(), busybox: busybox() })) {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o755);
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
