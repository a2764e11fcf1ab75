/**
 * Child process of the crash test: opens the store and saves in a loop, printing each write
 * once it is acknowledged (the promise resolved), until the parent kills it with SIGKILL.
 *   try <sha256>                          a save of convention « crash » is about to start
 *   ack save <version> <sha256> <how>     that save, acknowledged; <how> is `joined` when an
 *                                         autosave replaced the open version, else `new`
 *   ack new <id>                          a new convention
 *   finalizing                            a finalization of « crash » is about to start
 *   ack finalize <version> <sha256>       convention « crash » finalized at that version
 * Two saves in three are autosaves (they join the open version: the store's clock is the real
 * one and the loop is fast), the third is explicit (a new version): kills land in both. In every
 * other run, every sixth step (the second of the run) finalizes instead.
 * Usage: node crash-child.mjs <dataDir> <runNumber>
 */
import { contentSha256, openStore } from '../../../main/storage/index';
import { sampleConvention } from '../../unit/main/storage/sample-convention';

const [dataDir, run] = process.argv.slice(2) as [string, string];
const say = (line: string) => process.stdout.write(`${line}\n`); // synchronous on a pipe

const store = await openStore(dataDir, { compactAfter: 8 });
say('ready');
const first = (await store.list()).some((s) => s.id === 'crash')
  ? await store.get('crash')
  : await store.create(sampleConvention({ id: 'crash', articles: 6, paragraphs: 4 }));
let current = first.convention;
let version = first.summary.version;
for (let k = 1; ; k += 1) {
  if (k % 15 === 0) {
    const made = await store.create(sampleConvention({ id: `n${run}-${k}`, title: `Nouvelle ${run}-${k}`, articles: 2, paragraphs: 1 }));
    say(`ack new ${made.summary.id}`);
    continue;
  }
  if (k % 6 === 2 && Number(run) % 2 === 0) {
    // Early in each run (a run lasts a few steps): kills also land between finalize's record
    // and the flag it writes into the version file.
    say('finalizing');
    const done = await store.finalize('crash');
    say(`ack finalize ${done.finalized!.version} ${done.finalized!.contentSha256}`);
    continue;
  }
  const article = (k % 3) + 1;
  const next = {
    ...current,
    title: `Essai ${run}-${k}`,
    articles: current.articles.map((a, i) => (i === article - 1 ? { ...a, body: [{ kind: 'paragraph' as const, runs: [{ text: `Rédaction ${run}-${k}` }] }] } : a)),
  };
  say(`try ${contentSha256(next)}`);
  const saved = await store.save(next, { origin: k % 3 === 0 ? 'explicit' : 'autosave' });
  current = saved.convention;
  const info = (await store.versions('crash'))[0]!;
  say(`ack save ${saved.summary.version} ${info.contentSha256} ${saved.summary.version === version ? 'joined' : 'new'}`);
  version = saved.summary.version;
}
