/**
 * Child process of the crash test: opens the store and saves in a loop, printing each write
 * once it is acknowledged (the promise resolved), until the parent kills it with SIGKILL.
 *   ack save <version> <sha256>   a save of convention « crash »
 *   ack new <id>                  a new convention
 * Usage: node crash-child.mjs <dataDir> <runNumber>
 */
import { openStore } from '../../../main/storage/index';
import { sampleConvention } from '../../unit/main/storage/sample-convention';

const [dataDir, run] = process.argv.slice(2) as [string, string];
const say = (line: string) => process.stdout.write(`${line}\n`); // synchronous on a pipe

const store = await openStore(dataDir, { compactAfter: 8 });
say('ready');
let current = (await store.list()).some((s) => s.id === 'crash')
  ? (await store.get('crash')).convention
  : (await store.create(sampleConvention({ id: 'crash', articles: 6, paragraphs: 4 }))).convention;
for (let k = 1; ; k += 1) {
  if (k % 15 === 0) {
    const made = await store.create(sampleConvention({ id: `n${run}-${k}`, title: `Nouvelle ${run}-${k}`, articles: 2, paragraphs: 1 }));
    say(`ack new ${made.summary.id}`);
    continue;
  }
  const article = (k % 3) + 1;
  const next = {
    ...current,
    title: `Essai ${run}-${k}`,
    articles: current.articles.map((a, i) => (i === article - 1 ? { ...a, body: [{ kind: 'paragraph' as const, runs: [{ text: `Rédaction ${run}-${k}` }] }] } : a)),
  };
  const saved = await store.save(next);
  current = saved.convention;
  const info = (await store.versions('crash'))[0]!;
  say(`ack save ${saved.summary.version} ${info.contentSha256}`);
}
