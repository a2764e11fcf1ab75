/**
 * The worker thread (main/ipc/worker): what main's event loop feels while a 106-page
 * convention renders (`pdf:preview` through dispatch) and while a 50 MB PDF is signed, with
 * the work in main's own thread against the same work in the worker, in the same run. Lag is
 * the longest delay of a 1 ms interval timer past its due time, and the longest and median
 * latency of `convention:list` dispatched every few milliseconds meanwhile. Then the price of
 * the worker: the same render timed in this thread and through the worker (warm), medians.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAppDispatch, openServices } from '../main/ipc/handler-table';
import { trustedSender, type Dispatch } from '../main/ipc/register';
import { inProcessRunner, type TaskRunner } from '../main/ipc/worker/runner';
import { openPkcs12 } from '../main/signing/crypto/pkcs12';
import type { SignOptions } from '../main/signing/service';
import { syntheticConvention } from '../test/fixtures/conventions';
import { makeFieldsPdf } from '../test/helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD } from '../test/helpers/signing/pki';

const APP = 'file:///app/out/renderer/index.html';
const DATE = '2024-03-26';

interface Felt {
  readonly workMs: number;
  readonly maxTimerLag: number;
  readonly maxIpc: number;
  readonly medianIpc: number;
  readonly calls: number;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Runs `work` while a 1 ms timer and a `convention:list` prober watch main's event loop. */
async function felt(dispatch: Dispatch, work: () => Promise<unknown>): Promise<Felt> {
  let last = performance.now();
  let maxTimerLag = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxTimerLag = Math.max(maxTimerLag, now - last - 1);
    last = now;
  }, 1);
  let done = false;
  const ipc: number[] = [];
  const prober = (async () => {
    while (!done) {
      const t = performance.now();
      await dispatch('convention:list', undefined, APP);
      ipc.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const started = performance.now();
  await work();
  const workMs = performance.now() - started;
  done = true;
  await prober;
  clearInterval(timer);
  return { workMs, maxTimerLag, maxIpc: Math.max(...ipc), medianIpc: median(ipc), calls: ipc.length };
}

/** The median of `runs` results of `felt` (each figure its own median), after one warm-up; `before` runs untimed. */
async function feltMedian(runs: number, dispatch: Dispatch, work: () => Promise<unknown>, before: () => void = () => undefined): Promise<Felt> {
  before();
  await work();
  const all: Felt[] = [];
  for (let i = 0; i < runs; i += 1) {
    before();
    // Settle first: the garbage of the previous run must not be collected inside this one.
    await new Promise((r) => setTimeout(r, 50));
    all.push(await felt(dispatch, work));
  }
  const pick = (k: keyof Felt) => median(all.map((f) => f[k]));
  return { workMs: pick('workMs'), maxTimerLag: pick('maxTimerLag'), maxIpc: pick('maxIpc'), medianIpc: pick('medianIpc'), calls: pick('calls') };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0).padStart(5)} ms`;

function line(label: string, f: Felt): string {
  return `  ${label.padEnd(16)} travail ${ms(f.workMs)} | retard max du minuteur 1 ms ${ms(f.maxTimerLag)} | convention:list max ${ms(f.maxIpc)}, médiane ${ms(f.medianIpc)} (${f.calls} appels)`;
}

/** Prints the figures. */
export async function run(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'paraphe-bench-worker-'));
  const services = await openServices({
    dialog: { chooseSavePath: async () => null, chooseOpenPath: async () => null },
    paths: { dataDir: join(root, 'data'), appName: 'Paraphe', version: 'bench' },
    shell: { openPath: async () => undefined, showItemInFolder: () => undefined },
  });
  const pki = makeTestPki();
  try {
    const here: TaskRunner = inProcessRunner();
    const worker = services.tasks!;
    const viaWorker = createAppDispatch(services, { isTrustedSender: trustedSender({ fileUrl: APP }) }).dispatch;
    const inProcess = createAppDispatch({ ...services, tasks: here }, { isTrustedSender: trustedSender({ fileUrl: APP }) }).dispatch;
    // convention:list answers over 50 conventions, as a busy user's home screen does.
    for (let i = 0; i < 50; i += 1) await inProcess('convention:create', { templateId: 'delegation-de-gestion', title: `Convention ${i}` }, APP);
    const big = syntheticConvention(200, 300);
    const pages = (await here.renderConvention(big, { date: DATE })).pageCount;

    const preview = (dispatch: Dispatch) => async () => {
      const r = await dispatch('pdf:preview', { convention: big, date: DATE }, APP, () => undefined, 'bench-1');
      if (!r.ok) throw new Error(r.error.message);
    };
    console.log(`Rendu de ${pages} pages (pdf:preview par dispatch, progression envoyée), médianes sur 5 :`);
    const renderHere = await feltMedian(5, inProcess, preview(inProcess));
    const renderWorker = await feltMedian(5, viaWorker, preview(viaWorker));
    console.log(line('dans main', renderHere));
    console.log(line('dans le worker', renderWorker));

    const pdf = await makeFieldsPdf({ padding: 50 * 1024 * 1024 });
    const opts: SignOptions = {
      identity: openPkcs12(await readFile(pki.rsa.p12), TEST_PASSWORD),
      trustAnchors: [new X509Certificate(await readFile(pki.caPem))],
      onProgress: () => undefined,
    };
    // The worker takes the buffer's memory: each run signs its own copy, made before timing.
    const signWith = (runner: TaskRunner) => {
      let copy: Buffer | undefined;
      return {
        prepare: () => { copy = Buffer.from(pdf); },
        work: async () => runner.signBytes(copy!, { ...opts, now: new Date() }),
      };
    };
    console.log(`Signature d'un PDF de ${Math.round(pdf.length / 1024 / 1024)} Mo (signBytes, progression suivie), médianes sur 5 :`);
    const a = signWith(here);
    const signHere = await feltMedian(5, inProcess, a.work, a.prepare);
    const b = signWith(worker);
    const signWorker = await feltMedian(5, viaWorker, b.work, b.prepare);
    console.log(line('dans main', signHere));
    console.log(line('dans le worker', signWorker));

    // The worker's price: messages, structured cloning of the convention, moving the bytes back.
    const timeRender = async (runner: TaskRunner) => {
      const xs: number[] = [];
      await runner.renderConvention(big, { date: DATE });
      for (let i = 0; i < 7; i += 1) {
        const t = performance.now();
        await runner.renderConvention(big, { date: DATE });
        xs.push(performance.now() - t);
      }
      return median(xs);
    };
    const tHere = await timeRender(here);
    const tWorker = await timeRender(worker);
    console.log(`Coût du worker, rendu de ${pages} pages (médianes sur 7, à chaud) : dans main ${ms(tHere)}, par le worker ${ms(tWorker)} (${tWorker >= tHere ? '+' : ''}${(tWorker - tHere).toFixed(0)} ms, ${(tWorker / tHere).toFixed(2)}×)`);
    const ratio = (x: number, y: number) => (y > 0 ? `${(x / Math.max(y, 0.1)).toFixed(0)}×` : '—');
    console.log(`Retard max du minuteur, main / worker : rendu ${ratio(renderHere.maxTimerLag, renderWorker.maxTimerLag)}, signature ${ratio(signHere.maxTimerLag, signWorker.maxTimerLag)}`);
  } finally {
    await services.close();
    await rm(root, { recursive: true, force: true });
    await rm(pki.dir, { recursive: true, force: true });
  }
}
