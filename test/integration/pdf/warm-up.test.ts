import type { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { workerRunner } from '../../../main/ipc/worker/runner';
import { getTemplate } from '../../../shared/templates/index';

/*
 * The app warms its rendering thread up while the user is on the home screen (imports, fonts,
 * one render of the worked example, the stamp font): the first preview then costs what a warm
 * one does.
 */
describe('warming the rendering thread up', () => {
  it('starts the thread by itself after warmUpAfterMs, with no task asked', async () => {
    const started: Worker[] = [];
    const runner = workerRunner({ warmUpAfterMs: 10, onStart: (w) => started.push(w) });
    try {
      await new Promise((ok) => setTimeout(ok, 200));
      expect(started).toHaveLength(1);
      const figures = await runner.warmUp(); // the same warm-up, already under way: once per thread
      expect(figures.importMs).toBeGreaterThan(0);
      expect(figures.renderMs).toBeGreaterThan(0);
      expect(figures.stampFontMs).toBeGreaterThan(0);
      expect(started).toHaveLength(1);
      // Then a render of the same content costs less than the warm-up's own render.
      const t0 = performance.now();
      const out = await runner.renderConvention(getTemplate('exemple-camino-2020')!.build(), { date: '2020-03-26' });
      expect(out.pageCount).toBeGreaterThan(5);
      expect(performance.now() - t0).toBeLessThan(figures.importMs + figures.renderMs);
    } finally {
      await runner.close();
    }
  }, 120_000);

  it('Paraphe closing while the thread warms up is not reported as a failure; a real failure is', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const started: Worker[] = [];
      const runner = workerRunner({ warmUpAfterMs: 1, onStart: (w) => started.push(w) });
      await vi.waitFor(() => expect(started).toHaveLength(1));
      await runner.close(); // the warm-up, under way, is abandoned
      await new Promise((ok) => setTimeout(ok, 50));
      expect(errors).not.toHaveBeenCalled();

      // A thread whose entry does not exist: that warm-up failure is said.
      const broken = workerRunner({ warmUpAfterMs: 1, entry: { kind: 'file', path: '/nonexistent/paraphe-worker.js' } });
      await vi.waitFor(() => expect(errors).toHaveBeenCalledWith('[paraphe] préchauffage du fil de travail impossible', expect.anything()), { timeout: 10_000 });
      await broken.close();
    } finally {
      errors.mockRestore();
    }
  }, 60_000);

  it('without warmUpAfterMs, no thread starts before the first task', async () => {
    const started: Worker[] = [];
    const runner = workerRunner({ onStart: (w) => started.push(w) });
    await new Promise((ok) => setTimeout(ok, 100));
    expect(started).toHaveLength(0);
    await runner.close();
  });
});
