/**
 * What the one IPC helper costs: a call through `dispatch` (sender check, zod parse of the
 * input, Result envelope) against the same handler called directly, on a real store. The
 * heaviest input is `convention:save` with the full Camino 2020 convention.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { contract } from '../shared/ipc/contract';
import { createAppDispatch, openServices } from '../main/ipc/handler-table';
import { trustedSender } from '../main/ipc/register';

const APP = 'file:///app/out/renderer/index.html';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/** Prints median latencies with and without the dispatch layer, and the zod parse alone. */
export async function run(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'paraphe-bench-ipc-'));
  const services = await openServices({
    dialog: { chooseSavePath: async () => null, chooseOpenPath: async () => null },
    paths: { dataDir: join(root, 'data'), appName: 'Paraphe', version: 'bench' },
    shell: { openPath: async () => undefined, showItemInFolder: () => undefined },
  });
  try {
    const { dispatch, handlers } = createAppDispatch(services, { isTrustedSender: trustedSender({ fileUrl: APP }) });
    const created = await handlers['convention:create']({ templateId: 'exemple-camino-2020' });
    for (let i = 0; i < 200; i += 1) await handlers['convention:create']({ templateId: 'delegation-de-gestion' });
    const base = (await handlers['convention:get']({ id: created.id })).convention;
    const bytes = JSON.stringify(base).length;
    const edit = (i: number) => ({ convention: { ...base, place: `Paris ${i}` } });
    const N = 200;

    const parse = await time(N, async (i) => contract['convention:save'].input.parse(edit(i)));
    const direct = await time(N, (i) => handlers['convention:save'](contract['convention:save'].input.parse(edit(i + N))));
    const viaDispatch = await time(N, (i) => dispatch('convention:save', edit(i + 2 * N), APP));
    const listDirect = await time(50, () => handlers['convention:list']());
    const listDispatch = await time(50, () => dispatch('convention:list', undefined, APP));
    const bad = await time(N, () => dispatch('convention:save', { convention: { ...base, budget: 'x' } }, APP));

    console.log(`convention:save (Camino 2020, ${Math.round(bytes / 1024)} kio de JSON), médianes sur ${N} appels :`);
    console.log(`  analyse zod seule                 ${parse.toFixed(3)} ms`);
    console.log(`  gestionnaire direct (+ analyse)    ${direct.toFixed(3)} ms`);
    console.log(`  via dispatch                       ${viaDispatch.toFixed(3)} ms  (écart ${(viaDispatch - direct).toFixed(3)} ms : l'écriture durable domine)`);
    console.log(`  entrée refusée (invalid-input)     ${bad.toFixed(3)} ms`);
    console.log(`convention:list (201 conventions) : direct ${listDirect.toFixed(3)} ms, via dispatch ${listDispatch.toFixed(3)} ms`);
  } finally {
    await services.close();
    await rm(root, { recursive: true, force: true });
  }
}
