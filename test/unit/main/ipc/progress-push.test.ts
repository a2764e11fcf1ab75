import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CallContext } from '../../../../shared/ipc/define';
import { ProgressEventSchema, type ProgressEvent } from '../../../../shared/ipc/push';
import { buildApi } from '../../../../main/preload-api';
import { createDispatch, progressContext, registerIpc, trustedSender, type IpcMainLike, type SenderLike } from '../../../../main/ipc/register';

const APP = 'file:///opt/Paraphe/resources/app.asar/out/renderer/index.html';

// A handler that reports 200 pages drawn, the way the PDF handlers relay the worker's progress.
// And one that waits on a timer between its two steps, as a signature waits for the worker.
const contract = {
  'demo:long': { input: z.number().int().positive().default(200), output: z.number() },
  'demo:wait': { input: z.number().int().positive(), output: z.number() },
} as const;
let contexts = 0;
const handlers = {
  'demo:long': async (pages: number, context?: CallContext) => {
    if (context) contexts += 1;
    context?.progress({ task: 'render', phase: 'layout', done: 0, total: 0 });
    for (let i = 1; i <= pages; i += 1) {
      context?.progress({ task: 'render', phase: 'draw', done: i, total: pages });
      await Promise.resolve(); // two calls interleave, as two windows' renders would
    }
    return pages;
  },
  'demo:wait': async (ms: number, context?: CallContext) => {
    context?.progress({ task: 'sign', phase: 'hash', done: 0, total: 1 });
    await new Promise((r) => setTimeout(r, ms));
    context?.progress({ task: 'sign', phase: 'hash', done: 1, total: 1 });
    return ms;
  },
};

type Listener = Parameters<IpcMainLike['handle']>[1];

/** main's side: the real dispatch registered through registerIpc on a recording ipcMain. */
function mainSide() {
  const dispatch = createDispatch(contract, handlers, { isTrustedSender: trustedSender({ fileUrl: APP }), log: () => undefined });
  const registered = new Map<string, Listener>();
  registerIpc({ handle: (channel, listener) => { registered.set(channel, listener); } }, Object.keys(contract), dispatch);
  return registered;
}

/**
 * One window: the preload's real API (buildApi) over an ipcRenderer whose invoke reaches main's
 * registered listener with this window as `event.sender`, and whose `send` feeds the window's
 * ipcRenderer.on listeners. `late` delivers pushes only after a timer, so they land after the
 * call's answer: the order a renderer must not rely on.
 */
function window(registered: Map<string, Listener>, options: { late?: boolean } = {}) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const wire: Array<[string, unknown]> = [];
  const deliver = (channel: string, payload: unknown) => {
    for (const fn of [...(listeners.get(channel) ?? [])]) fn(payload);
  };
  const sender: SenderLike = {
    send: (channel, payload) => {
      wire.push([channel, payload]);
      if (options.late) setTimeout(() => deliver(channel, payload), 5);
      else deliver(channel, payload);
    },
  };
  const api = buildApi(
    // Only the arguments the preload passes cross, as with ipcRenderer.invoke(channel, ...args).
    (channel, payload, ...rest) => registered.get(channel)!({ senderFrame: { url: APP }, sender }, payload, ...rest),
    (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set.add(listener));
      return () => {
        set.delete(listener);
      };
    },
    { channels: Object.keys(contract), nonce: 'win1' },
  ) as {
    demoLong: (pages?: number, options?: { onProgress?: (p: ProgressEvent) => void }) => Promise<unknown>;
    demoWait: (ms: number, options?: { onProgress?: (p: ProgressEvent) => void }) => Promise<unknown>;
    onProgress: (fn: (p: ProgressEvent) => void) => () => void;
  };
  return { api, wire, listeners };
}

describe('progress pushed to the window that called, tagged with the call it belongs to', () => {
  it('keeps each phase’s first and last step, thins the rest to one per 40 ms, in order, each tagged with the call id', () => {
    let clock = 0;
    const sent: unknown[] = [];
    const context = progressContext((channel, p) => sent.push([channel, p]), 'call-7', () => clock);
    context.progress({ task: 'sign', phase: 'hash', done: 0, total: 100 });
    for (let done = 10; done <= 100; done += 10) {
      clock += 15;
      context.progress({ task: 'sign', phase: 'hash', done, total: 100 });
    }
    context.progress({ task: 'sign', phase: 'sign', done: 0, total: 1 });
    expect(sent).toEqual([
      ['paraphe:progress', { task: 'sign', phase: 'hash', done: 0, total: 100, callId: 'call-7' }],
      ['paraphe:progress', { task: 'sign', phase: 'hash', done: 30, total: 100, callId: 'call-7' }],
      ['paraphe:progress', { task: 'sign', phase: 'hash', done: 60, total: 100, callId: 'call-7' }],
      ['paraphe:progress', { task: 'sign', phase: 'hash', done: 90, total: 100, callId: 'call-7' }],
      ['paraphe:progress', { task: 'sign', phase: 'hash', done: 100, total: 100, callId: 'call-7' }],
      ['paraphe:progress', { task: 'sign', phase: 'sign', done: 0, total: 1, callId: 'call-7' }],
    ]);
  });

  it('refuses a step the contract does not describe, or one that names a call itself (checked in main, not trusted)', () => {
    const context = progressContext(() => undefined, 'call-1');
    expect(() => context.progress({ task: 'render', phase: 'draw', done: -1, total: 3 })).toThrow();
    expect(() => context.progress({ task: 'render', phase: 'draw', done: 1, total: 3, callId: 'call-2' } as never)).toThrow();
  });

  it('two concurrent calls from the same window: every event carries its own call’s id, each listener hears only its own call', async () => {
    const registered = mainSide();
    const { api, wire, listeners } = window(registered);
    const all: ProgressEvent[] = [];
    const offAll = api.onProgress((p) => all.push(p));
    const big: ProgressEvent[] = [];
    const small: ProgressEvent[] = [];
    const [a, b] = await Promise.all([api.demoLong(200, { onProgress: (p) => big.push(p) }), api.demoLong(7, { onProgress: (p) => small.push(p) })]);
    expect([a, b]).toEqual([{ ok: true, value: 200 }, { ok: true, value: 7 }]);

    // What crossed: tagged events only, each valid against the contract; the two calls interleaved.
    for (const [channel, payload] of wire) {
      expect(channel).toBe('paraphe:progress');
      expect(ProgressEventSchema.safeParse(payload).success).toBe(true);
    }
    const ids = [...new Set(all.map((p) => p.callId))];
    expect(ids).toEqual(['win1-1', 'win1-2']);
    const order = all.map((p) => p.callId);
    expect(order.indexOf('win1-2')).toBeLessThan(order.lastIndexOf('win1-1'));

    // Each call's listener: its own steps, from its layout to its last page, and nothing else.
    expect(big.every((p) => p.callId === 'win1-1' && (p.total === 200 || p.phase === 'layout'))).toBe(true);
    expect(big[0]).toEqual({ task: 'render', phase: 'layout', done: 0, total: 0, callId: 'win1-1' });
    expect(big.at(-1)).toEqual({ task: 'render', phase: 'draw', done: 200, total: 200, callId: 'win1-1' });
    expect(small.every((p) => p.callId === 'win1-2' && (p.total === 7 || p.phase === 'layout'))).toBe(true);
    expect(small.at(-1)).toEqual({ task: 'render', phase: 'draw', done: 7, total: 7, callId: 'win1-2' });
    expect(big.length + small.length).toBe(all.length);

    // Once settled, a call listens no more: only the window-wide listener is left.
    expect(listeners.get('paraphe:progress')?.size).toBe(1);
    offAll();
    expect(listeners.get('paraphe:progress')?.size).toBe(0);
  });

  it('an event that arrives after its call answered reaches no one, not even the next call of the window', async () => {
    const registered = mainSide();
    const { api, wire } = window(registered, { late: true });
    const first: ProgressEvent[] = [];
    const second: ProgressEvent[] = [];
    await api.demoLong(5, { onProgress: (p) => first.push(p) });
    // The first call has answered; its events land 5 ms later, while the second call waits 60 ms.
    await expect(api.demoWait(60, { onProgress: (p) => second.push(p) })).resolves.toEqual({ ok: true, value: 60 });
    await new Promise((r) => setTimeout(r, 30)); // the second call's last event lands after its answer
    const sent = wire.map(([, p]) => (p as ProgressEvent).callId);
    expect(sent.filter((id) => id === 'win1-1').length).toBeGreaterThanOrEqual(2);
    expect(sent).toEqual([...sent.filter((id) => id === 'win1-1'), 'win1-2', 'win1-2']);
    expect(first).toEqual([]);
    // Its own first step, heard while it ran; not the first call's, nor its own last one, late.
    expect(second).toEqual([{ task: 'sign', phase: 'hash', done: 0, total: 1, callId: 'win1-2' }]);
  });

  it('a call that asks for no progress gets none pushed, and its handler no progress context', async () => {
    const registered = mainSide();
    const { api, wire } = window(registered);
    const before = contexts;
    await expect(api.demoLong(50)).resolves.toEqual({ ok: true, value: 50 });
    expect(wire).toEqual([]);
    expect(contexts).toBe(before);
  });

  it('a malformed call id is refused in French before the handler runs', async () => {
    const registered = mainSide();
    const sends: unknown[] = [];
    const sender = { send: (...args: unknown[]) => { sends.push(args); } };
    const before = contexts;
    for (const bad of ['', 'a'.repeat(65), 'x y', 'é', '../x', 42, { id: 'x' }, null]) {
      const result = await registered.get('demo:long')!({ senderFrame: { url: APP }, sender }, 3, bad);
      expect(result, String(bad)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^Le suivi de progression demandé pour « demo:long » n'est pas valable\. Rechargez la fenêtre/) } });
    }
    expect(sends).toEqual([]);
    expect(contexts).toBe(before);
    await expect(registered.get('demo:long')!({ senderFrame: { url: APP }, sender }, 3, 'A_z-9')).resolves.toEqual({ ok: true, value: 3 });
    expect(contexts).toBe(before + 1);
  });

  it('registerIpc sends with the calling webContents only; another window hears nothing', async () => {
    const registered = mainSide();
    const caller: Array<[string, { total: number }]> = [];
    const other: Array<[string, { total: number }]> = [];
    const contents = (into: typeof caller) => ({ send: (channel: string, payload: unknown) => { into.push([channel, payload as { total: number }]); } });
    const [a, b] = await Promise.all([
      registered.get('demo:long')!({ senderFrame: { url: APP }, sender: contents(caller) }, 200, 'w1-1'),
      registered.get('demo:long')!({ senderFrame: { url: APP }, sender: contents(other) }, 7, 'w2-1'),
    ]);
    expect([a, b]).toEqual([{ ok: true, value: 200 }, { ok: true, value: 7 }]);
    expect(caller[0]).toEqual(['paraphe:progress', { task: 'render', phase: 'layout', done: 0, total: 0, callId: 'w1-1' }]);
    expect(caller.at(-1)).toEqual(['paraphe:progress', { task: 'render', phase: 'draw', done: 200, total: 200, callId: 'w1-1' }]);
    expect(caller.filter(([, p]) => p.total === 7)).toEqual([]);
    expect(other.at(-1)).toEqual(['paraphe:progress', { task: 'render', phase: 'draw', done: 7, total: 7, callId: 'w2-1' }]);
    expect(other.filter(([, p]) => p.total === 200)).toEqual([]);
  });

  it('a closed window stops receiving without failing the call', async () => {
    const registered = mainSide();
    let sends = 0;
    const destroyed = { send: () => { sends += 1; }, isDestroyed: () => true };
    await expect(registered.get('demo:long')!({ senderFrame: { url: APP }, sender: destroyed }, undefined, 'c-1')).resolves.toEqual({ ok: true, value: 200 });
    const throwing = { send: () => { throw new Error('Object has been destroyed'); } };
    await expect(registered.get('demo:long')!({ senderFrame: { url: APP }, sender: throwing }, undefined, 'c-2')).resolves.toEqual({ ok: true, value: 200 });
    expect(sends).toBe(0);
  });
});
