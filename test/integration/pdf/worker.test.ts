import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppDispatch, openServices } from '../../../main/ipc/handler-table';
import { trustedSender, type Dispatch } from '../../../main/ipc/register';
import { inProcessRunner, workerRunner, type TaskRunner } from '../../../main/ipc/worker/runner';
import { renderConvention, type RenderProgress } from '../../../main/pdf/index';
import { UserError } from '../../../shared/errors';
import type { TaskProgress } from '../../../shared/ipc/push';
import { syntheticConvention } from '../../fixtures/conventions';

/*
 * Rendering in main's worker thread (main/ipc/worker), started from the TypeScript sources
 * through tsx exactly as the bench and the e2e harness start it (the built worker.cjs is
 * exercised by test/unit/build/build.test.ts).
 */

const DATE = '2024-03-26';
const big = syntheticConvention(200, 300);
const APP = 'file:///app/out/renderer/index.html';

describe('rendering through the worker thread', () => {
  let runner: TaskRunner;
  beforeAll(() => {
    runner = workerRunner();
  });
  afterAll(async () => {
    await runner.close();
  });

  it('gives, for 100+ pages, the very bytes rendered in this thread, with page-by-page progress ending at the total', async () => {
    const seen: RenderProgress[] = [];
    const viaWorker = await runner.renderConvention(big, { date: DATE, onProgress: (p) => seen.push(p) });
    const here = await renderConvention(big, { date: DATE });
    expect(viaWorker.pageCount).toBeGreaterThan(100);
    expect(viaWorker.pageCount).toBe(here.pageCount);
    expect(Buffer.from(viaWorker.bytes).equals(Buffer.from(here.bytes))).toBe(true);
    expect(viaWorker.warnings).toEqual(here.warnings);

    // layout first (pages not counted yet), then every page once, in order, up to the total.
    const n = here.pageCount;
    expect(seen[0]).toEqual({ phase: 'layout', done: 0, total: 0 });
    expect(seen.slice(1)).toEqual(Array.from({ length: n }, (_, i) => ({ phase: 'draw', done: i + 1, total: n })));
  });

  it('a refused convention comes back as the same French UserError, details included', async () => {
    const broken = { ...big, title: '' };
    const here = await renderConvention(broken).catch((e: unknown) => e);
    const there = await runner.renderConvention(broken).catch((e: unknown) => e);
    expect(here).toBeInstanceOf(UserError);
    expect(there).toBeInstanceOf(UserError);
    expect(there).toMatchObject({ code: (here as UserError).code, message: (here as UserError).message, details: (here as UserError).details });
  });
});

describe('main’s event loop while a 106-page convention renders', () => {
  let root: string;
  let services: Awaited<ReturnType<typeof openServices>>;
  let dispatch: Dispatch;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'paraphe-worker-'));
    services = await openServices({
      dialog: { chooseSavePath: async () => null, chooseOpenPath: async () => null },
      paths: { dataDir: join(root, 'data'), appName: 'Paraphe', version: 'test' },
      shell: { openPath: async () => undefined, showItemInFolder: () => undefined },
    });
    dispatch = createAppDispatch(services, { isTrustedSender: trustedSender({ fileUrl: APP }) }).dispatch;
    // The thread's start-up (tsx, fonts) is not what this test is about.
    await services.tasks!.renderConvention(big, { date: DATE });
  });
  afterAll(async () => {
    await services.close();
    await rm(root, { recursive: true, force: true });
  });

  it('answers a timer and an IPC call (convention:list) before the render is over; progress reaches the caller', async () => {
    const pushed: Array<[string, TaskProgress]> = [];
    let rendered = false;
    const render = dispatch('pdf:preview', { convention: big, date: DATE }, APP, (channel, p) => pushed.push([channel, p as TaskProgress]), 'preview-1').then((r) => {
      rendered = true;
      return r;
    });
    const timerFiredDuringRender = await new Promise<boolean>((resolve) => setTimeout(() => resolve(!rendered), 0));
    const listed = await dispatch('convention:list', undefined, APP);
    const listedDuringRender = !rendered;
    const result = await render;

    expect(timerFiredDuringRender).toBe(true);
    expect(listed).toMatchObject({ ok: true });
    expect(listedDuringRender).toBe(true);
    expect(result).toMatchObject({ ok: true, value: { pageCount: expect.any(Number) } });
    const pages = (result as { value: { pageCount: number } }).value.pageCount;
    expect(pages).toBeGreaterThan(100);
    // Thinned out by dispatch (at most one every 40 ms), but in order and ending at the total.
    expect(pushed.every(([c]) => c === 'paraphe:progress')).toBe(true);
    const draws = pushed.map(([, p]) => p).filter((p) => p.phase === 'draw');
    expect(draws.map((p) => p.done)).toEqual([...draws.map((p) => p.done)].sort((a, b) => a - b));
    expect(draws[0]).toEqual({ task: 'render', phase: 'draw', done: 1, total: pages, callId: 'preview-1' });
    expect(draws.at(-1)).toEqual({ task: 'render', phase: 'draw', done: pages, total: pages, callId: 'preview-1' });
  });

  it('control: rendered in this thread, the same timer waits for the end of the drawing', async () => {
    // What the worker avoids: the in-process runner blocks the loop from the layout to the bytes.
    const here = inProcessRunner();
    let drawn = false;
    const render = here.renderConvention(big, { date: DATE, onProgress: (p) => { if (p.phase === 'draw' && p.done === p.total) drawn = true; } });
    const timerSawDrawingDone = await new Promise<boolean>((resolve) => setTimeout(() => resolve(drawn), 0));
    await render;
    expect(timerSawDrawingDone).toBe(true);
  });
});

describe('a worker thread that dies', () => {
  it('fails its task with a French UserError (no hang), and the next task starts a fresh thread', async () => {
    const threads: Worker[] = [];
    const runner = workerRunner({ onStart: (w) => threads.push(w) });
    try {
      // Killed from outside in the middle of the drawing, as the OS would on a crash.
      const killed = runner.renderConvention(big, {
        date: DATE,
        onProgress: (p) => {
          if (p.phase === 'draw' && p.done === 10) void threads[0]!.terminate();
        },
      });
      const error = await killed.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect(error).toMatchObject({ code: 'worker-crashed', message: expect.stringMatching(/^Le calcul .* Réessayez/) });

      const again = await runner.renderConvention(big, { date: DATE });
      expect(again.pageCount).toBeGreaterThan(100);
      expect(threads).toHaveLength(2);
    } finally {
      await runner.close();
    }
  });

  it('running out of memory is a French UserError too', async () => {
    const runner = workerRunner({ resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
    try {
      const error = await runner.renderConvention(big, { date: DATE }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('worker-crashed');
      expect((error as UserError).message).toMatch(/mémoire/);
    } finally {
      await runner.close();
    }
  });

  it('after close, a task is refused in French rather than left waiting', async () => {
    const runner = workerRunner();
    await runner.close();
    await expect(runner.renderConvention(big)).rejects.toMatchObject({ code: 'worker-closed', message: expect.stringMatching(/Relancez Paraphe/) });
  });
});
