/**
 * Runs rendering and signing away from main's event loop. One worker thread, started at the
 * first task and reused; tasks wait their turn in it (the thread does one at a time), each
 * with its own progress. A thread that dies (crash, out of memory, killed) fails its tasks
 * with a French UserError, never a hang, and the next task starts a fresh thread.
 * Verifying a PDF received from elsewhere runs in a second thread of its own, with a memory
 * limit and a time limit: a crafted file that exhausts them costs that thread only (it is
 * stopped, the user gets a French message, the next verification starts a fresh one), never
 * main or the rendering and signing thread.
 * {@link inProcessRunner} runs the very same tasks in the calling thread (CLI, comparisons).
 */
import { X509Certificate } from 'node:crypto';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { UserError } from '../../../shared/errors';
import type { TaskProgress } from '../../../shared/ipc/push';
import type { Convention } from '../../../shared/model/convention';
import type { RenderOptions, RenderProgress, RenderResult } from '../../pdf/index';
import type { SignOptions, SignProgress } from '../../signing/index';
import type { OpenedIdentity } from '../../signing/crypto/pkcs12';
import { locateWorker, type WorkerEntry } from './locate';
import type { TaskReply, TaskRequest } from './protocol';
import type { ExtendOptions, ExtendOutcome } from '../../signing/ltv/extend';
import { extendTaskInput, runTask, signTaskInput, transferable, type SignTaskOutput, type TaskKind, type Tasks, type VerifyTaskOutput, type WarmUpOutput } from './tasks';

/** Rendering and signing, wherever they run: the same contracts as renderConvention, signBytes and extendPdf. */
export interface TaskRunner {
  renderConvention(c: Convention, opts?: RenderOptions): Promise<RenderResult>;
  /** `pdf`'s memory may be moved to the worker (left empty here): use the returned chunks. */
  signBytes(pdf: Buffer, opts: SignOptions): Promise<SignTaskOutput>;
  /**
   * « Prolonger la validité » (extendPdf: verification, revocation data, document timestamp,
   * verification again) in the rendering and signing thread. `pdf`'s memory may be moved there
   * (left empty here): use the returned chunks.
   */
  extendPdf(pdf: Buffer, opts: ExtendOptions): Promise<ExtendOutcome>;
  /**
   * Opens a .p12 with its password in the rendering and signing thread: its key derivation
   * (up to millions of iterations, a few seconds) never stalls main and the window.
   */
  openPkcs12(p12: Buffer, password: string): Promise<OpenedIdentity>;
  /** Verifies PDF bytes (copied, `pdf` stays usable) and lists their signature fields. */
  verifyBytes(pdf: Buffer, trustAnchors: readonly X509Certificate[]): Promise<VerifyTaskOutput>;
  /** Loads the PDF engine and the fonts and renders once where rendering runs (tasks.ts warmUp). */
  warmUp(): Promise<WarmUpOutput>;
  /** Stops the worker (app quit); pending tasks fail with a French message. */
  close(): Promise<void>;
}

type Run = <K extends TaskKind>(kind: K, input: Tasks[K]['input'], onProgress: (p: TaskProgress) => void, transfer?: ArrayBuffer[]) => Promise<Tasks[K]['output']>;

function runnerOver(run: Run, verify: Run, close: () => Promise<void>): TaskRunner {
  return {
    renderConvention: async (convention, opts = {}) => {
      const { onProgress, ...options } = opts;
      return run('render', { convention, options }, (p) => onProgress?.({ phase: p.phase as RenderProgress['phase'], done: p.done, total: p.total }));
    },
    signBytes: async (pdf, opts) => {
      const input = signTaskInput(pdf, opts);
      const out = await run('sign', input, (p) => opts.onProgress?.({ phase: p.phase as SignProgress['phase'], done: p.done, total: p.total }), transferable([pdf]));
      // Structured cloning turns Buffers into Uint8Arrays: give callers Buffers back.
      return { ...out, chunks: out.chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)) };
    },
    extendPdf: async (pdf, opts) => {
      const out = await run('extend', extendTaskInput(pdf, opts), () => undefined, transferable([pdf]));
      return { ...out, chunks: out.chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)) };
    },
    openPkcs12: async (p12, password) => {
      const out = await run('open-p12', { p12, password }, () => undefined);
      return { privateKey: out.privateKey, certificate: new X509Certificate(out.certificate), chain: out.chain.map((c) => new X509Certificate(c)) };
    },
    verifyBytes: async (pdf, trustAnchors) => verify('verify', { pdf, trustAnchors: trustAnchors.map((c) => c.raw) }, () => undefined),
    warmUp: async () => run('warm-up', {}, () => undefined),
    close,
  };
}

/** The same tasks in this thread: what the CLI does, and the peer of the worker in the bench. */
export function inProcessRunner(): TaskRunner {
  const here: Run = (kind, input, onProgress) => runTask(kind, input, onProgress);
  return runnerOver(here, here, async () => undefined);
}

/** Options of {@link workerRunner}. */
export interface WorkerRunnerOptions {
  /** Where the thread starts (default: {@link locateWorker}). */
  readonly entry?: WorkerEntry;
  /** Memory limits of the thread (tests use them to make it run out of memory). */
  readonly resourceLimits?: ResourceLimits;
  /** Told of each thread started (tests kill it mid-task to check the recovery). */
  readonly onStart?: (worker: Worker) => void;
  /** Memory limits of the verification thread (default {@link VERIFY_LIMITS}). */
  readonly verifyLimits?: ResourceLimits;
  /** Time one verification may take before its thread is stopped (default {@link VERIFY_TIME_LIMIT_MS}). */
  readonly verifyTimeLimitMs?: number;
  /**
   * Starts the rendering thread this long after the runner is made and warms it up (imports,
   * fonts, one render), unless a task came first: the app passes {@link WARM_UP_AFTER_MS} so
   * the first preview costs what a warm one does. Absent: the thread starts at the first task.
   */
  readonly warmUpAfterMs?: number;
}

/** The app's delay before warming up: its window is loading meanwhile, the user is on the home screen by then. */
export const WARM_UP_AFTER_MS = 1_000;

/**
 * The verification thread's heap: a 50 MB PDF with three signatures needs under 100 MB
 * (its bytes live outside the heap, and the reader caps what it decodes). A crafted file
 * that builds more is stopped there.
 */
export const VERIFY_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 48, stackSizeMb: 8 };
/** A 50 MB PDF verifies in about 0.2 s here: 30 s means a file made to last. */
export const VERIFY_TIME_LIMIT_MS = 30_000;

/** What a thread's failures say to the user. */
interface ThreadMessages {
  readonly crashed: string;
  readonly outOfMemory: string;
  readonly tooLong?: string;
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly onProgress: (p: TaskProgress) => void;
  timer?: ReturnType<typeof setTimeout>;
}

const CRASHED = 'Le calcul (mise en page du PDF ou signature) s’est arrêté de façon inattendue. Réessayez ; si cela se reproduit, redémarrez Paraphe et signalez-le avec le journal de l’application.';

const WORK_MESSAGES: ThreadMessages = {
  crashed: CRASHED,
  outOfMemory: 'Le document est trop volumineux pour la mémoire disponible : fermez d’autres applications puis réessayez.',
};

const VERIFY_MESSAGES = (seconds: number): ThreadMessages => ({
  crashed: 'La vérification de ce PDF s’est arrêtée de façon inattendue : le fichier est probablement endommagé ou fabriqué pour nuire. Ne vous fiez pas à ses signatures et demandez une nouvelle copie à l’expéditeur.',
  outOfMemory: 'Ce PDF demande trop de mémoire pour être vérifié : il est anormalement complexe, peut-être fabriqué pour nuire. Paraphe l’a écarté sans risque ; ne vous fiez pas à ses signatures et demandez une nouvelle copie à l’expéditeur.',
  tooLong: `La vérification de ce PDF a dépassé ${seconds} secondes : le fichier est anormalement complexe, peut-être fabriqué pour nuire. Paraphe l’a arrêtée sans risque ; ne vous fiez pas à ses signatures et demandez une nouvelle copie à l’expéditeur.`,
});

/** A runner over lazily started, reused worker threads: one for rendering and signing, one for verification. */
export function workerRunner(options: WorkerRunnerOptions = {}): TaskRunner {
  const work = threadPool({ entry: options.entry, resourceLimits: options.resourceLimits, onStart: options.onStart, messages: WORK_MESSAGES });
  const timeLimit = options.verifyTimeLimitMs ?? VERIFY_TIME_LIMIT_MS;
  const verify = threadPool({
    entry: options.entry,
    resourceLimits: options.verifyLimits ?? VERIFY_LIMITS,
    onStart: options.onStart,
    timeLimitMs: timeLimit,
    messages: VERIFY_MESSAGES(Math.round(timeLimit / 1000)),
  });
  const runner = runnerOver(work.run, verify.run, async () => {
    clearTimeout(warmTimer);
    await Promise.all([work.close(), verify.close()]);
  });
  const warmTimer = options.warmUpAfterMs === undefined ? undefined : setTimeout(() => {
    // Best effort: a failure here shows again, with its message, at the first real task. Paraphe
    // closing while the thread warms up is not a failure: nothing to say then.
    if (!work.started()) {
      runner.warmUp().catch((e: unknown) => {
        if (!(e instanceof UserError && e.code === 'worker-closed')) console.error('[paraphe] préchauffage du fil de travail impossible', e);
      });
    }
  }, options.warmUpAfterMs);
  warmTimer?.unref();
  return runner;
}

interface PoolOptions {
  readonly entry?: WorkerEntry;
  readonly resourceLimits?: ResourceLimits;
  readonly onStart?: (worker: Worker) => void;
  /** Each task's time limit: past it the thread is stopped and the task fails with `messages.tooLong`. */
  readonly timeLimitMs?: number;
  readonly messages: ThreadMessages;
}

/** One lazily started, reused worker thread running tasks one at a time. */
function threadPool(options: PoolOptions): { run: Run; close: () => Promise<void>; started: () => boolean } {
  let worker: Worker | null = null;
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();

  /** Fails every task of a thread that is gone, and forgets the thread. */
  const fail = (of: Worker, error: UserError) => {
    if (worker !== of) return;
    worker = null;
    const tasks = [...pending.values()];
    pending.clear();
    for (const t of tasks) {
      clearTimeout(t.timer);
      t.reject(error);
    }
  };

  const start = (): Worker => {
    const entry = options.entry ?? locateWorker();
    const w = entry.kind === 'file'
      ? new Worker(entry.path, { resourceLimits: options.resourceLimits })
      : new Worker(entry.code, { eval: true, resourceLimits: options.resourceLimits });
    w.on('message', (reply: TaskReply) => {
      const task = pending.get(reply.id);
      if (!task) return;
      if (reply.type === 'progress') {
        task.onProgress(reply.progress);
        return;
      }
      pending.delete(reply.id);
      clearTimeout(task.timer);
      idle(w);
      if (reply.type === 'done') task.resolve(reply.value);
      else if (reply.user) task.reject(new UserError(reply.code, reply.message, reply.details));
      else task.reject(Object.assign(new Error(reply.message), { stack: reply.stack ?? reply.message }));
    });
    w.on('error', (e) => {
      console.error('[paraphe] fil de travail arrêté', e);
      const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      fail(w, new UserError('worker-crashed', oom ? options.messages.outOfMemory : options.messages.crashed));
    });
    w.on('exit', () => fail(w, new UserError('worker-crashed', options.messages.crashed)));
    options.onStart?.(w);
    return w;
  };

  // An idle thread must not keep a script (the bench, a test) alive; a busy one must.
  const idle = (w: Worker) => {
    if (pending.size === 0) w.unref();
  };

  const run: Run = (kind, input, onProgress, transfer = []) => {
    if (closed) return Promise.reject(new UserError('worker-closed', 'Paraphe se ferme : l’opération n’a pas été lancée. Relancez Paraphe puis recommencez.'));
    let w: Worker;
    try {
      w = worker ??= start();
    } catch (e) {
      console.error('[paraphe] fil de travail impossible à lancer', e);
      return Promise.reject(new UserError('worker-unavailable', 'Paraphe n’a pas pu lancer le calcul du PDF. Réinstallez Paraphe ; si cela se reproduit, signalez-le avec le journal de l’application.'));
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const task: Pending = { resolve: resolve as (v: unknown) => void, reject, onProgress };
      pending.set(id, task);
      if (options.timeLimitMs !== undefined && options.messages.tooLong) {
        const tooLong = options.messages.tooLong;
        // From the request, waiting included (verifications rarely queue): the thread and
        // every task in it stop; the next task starts a fresh thread.
        task.timer = setTimeout(() => {
          fail(w, new UserError('worker-too-long', tooLong));
          void w.terminate();
        }, options.timeLimitMs);
      }
      w.ref();
      const request: TaskRequest = { id, kind, input };
      try {
        w.postMessage(request, transfer);
      } catch (e) {
        pending.delete(id);
        idle(w);
        reject(e);
      }
    });
  };

  return {
    run,
    started: () => worker !== null || closed,
    close: async () => {
      closed = true;
      const w = worker;
      if (!w) return;
      fail(w, new UserError('worker-closed', 'Paraphe se ferme : l’opération en cours est abandonnée.'));
      await w.terminate();
    },
  };
}
