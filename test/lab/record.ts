// `npx tsx test/lab/record.ts` (as root, after scripts/build-busybox.sh): runs every lab
// case's busybox commands, one by one as the probes of old ran them, and the product's
// probe script for all of them, in the probe lab, and writes what busybox printed to
// test/lab/recordings.json. The unit tests of the classifier and the checks of the
// cluster double's shims read that file; lab.test.ts proves it is still what busybox prints.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LAB_CASES } from './cases.ts';
import { recordCommands, recordScripts, type Recordings } from './recordings.ts';
import { busyboxPath, startLab } from './lab.ts';

const OUT = resolve(import.meta.dirname, 'recordings.json');

const main = await startLab();
const dnsDropped = await startLab({ dnsDropped: true });
try {
  const labs = { main, dnsDropped };
  const [commands, scripts] = await Promise.all([
    recordCommands(labs, LAB_CASES),
    recordScripts(labs, LAB_CASES),
  ]);
  const banner = spawnSync(busyboxPath(), [], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '';
  const recordings: Recordings = {
    busybox: banner.replace(/ \(.*\)/, ''),
    commands,
    scripts,
  };
  writeFileSync(OUT, `${JSON.stringify(recordings, null, 2)}\n`);
  console.log(`wrote ${commands.length} commands and ${scripts.length} scripts to ${OUT}`);
} finally {
  await main.close();
  await dnsDropped.close();
}
