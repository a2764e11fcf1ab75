/**
 * Child process of the lock race test: in each round, at the same instant as its twin (both
 * wait for a shared wall-clock time), it opens the data folder, and when it gets it, creates
 * the round's convention, holds the folder a little, then closes it. One line per round:
 *   <round> got <acquiredAt> <releasedAt>
 *   <round> refused <code>
 * Before a round's instant, child 0 may leave a stale lock behind (round kinds: see the test),
 * once both children have closed the folder of the round before (each leaves a marker beside
 * the data folder): a stale lock written over a live one would put two writers in the folder
 * by the test's own doing. When the previous round is not over in time, it says `<round> late`
 * and leaves nothing.
 * Usage: node lock-race-child.mjs <dataDir> <child> <t0> <rounds> <periodMs> <deadPid>
 */
import { existsSync, linkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../shared/errors';
import { LOCK_FILE, openStore } from '../../../main/storage/index';
import { sampleConvention } from '../../unit/main/storage/sample-convention';

const [dataDir, child, t0, rounds, period, deadPid] = process.argv.slice(2) as [string, string, string, string, string, string];
const say = (line: string) => process.stdout.write(`${line}\n`);
const convention = sampleConvention({ articles: 2, paragraphs: 1 });

/** Sleeps until `at` (epoch ms), spinning for the last few milliseconds so both children start together. */
async function until(at: number): Promise<void> {
  const wait = at - Date.now() - 3;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  while (Date.now() < at) {
    // spin
  }
}

/**
 * What child 0 leaves in the folder before round `r`: nothing, a dead process's lock, or an old
 * empty one. It is linked into place, never written over: if child 1 (started early, child 0
 * being late) already holds the folder, that live lock stays and the round is reported `late`.
 */
function leaveStale(r: number): void {
  if (r % 3 === 0) return;
  const done = (c: number) => existsSync(`${dataDir}.done-${r - 1}-${c}`);
  if (r > 0 && !(done(0) && done(1))) {
    say(`${r} late`);
    return;
  }
  const staged = `${dataDir}.stale`;
  writeFileSync(staged, r % 3 === 1 ? JSON.stringify({ pid: Number(deadPid), host: hostname(), since: '' }) : '');
  if (r % 3 === 2) {
    const old = new Date(Date.now() - 60_000);
    utimesSync(staged, old, old);
  }
  try {
    linkSync(staged, join(dataDir, LOCK_FILE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    say(`${r} late`);
  } finally {
    unlinkSync(staged);
  }
}

for (let r = 0; r < Number(rounds); r += 1) {
  const start = Number(t0) + r * Number(period);
  if (child === '0') {
    await until(start + 30);
    leaveStale(r);
  }
  await until(start + 40);
  try {
    const store = await openStore(dataDir, { fullCheckUpTo: 0 });
    const acquiredAt = performance.timeOrigin + performance.now();
    await store.create({ ...convention, id: `r${r}`, title: `Tour ${r}` });
    await until(start + 40 + Number(period) / 2);
    const releasedAt = performance.timeOrigin + performance.now();
    await store.close();
    say(`${r} got ${acquiredAt} ${releasedAt}`);
  } catch (e) {
    say(`${r} refused ${e instanceof UserError ? `${e.code} ${e.message}` : String(e)}`);
  }
  writeFileSync(`${dataDir}.done-${r}-${child}`, '');
}
