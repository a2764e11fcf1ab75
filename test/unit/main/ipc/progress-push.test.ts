import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CallContext } from '../../../../shared/ipc/define';
import { createDispatch, progressContext, registerIpc, trustedSender, type IpcMainLike } from '../../../../main/ipc/register';

const APP = 'file:///opt/Paraphe/resources/app.asar/out/renderer/index.html';

// A handler that reports 200 pages drawn, the way the PDF handlers relay the worker's progress.
const contract = { 'demo:long': { input: z.number().int().positive().default(200), output: z.number() } } as const;
const handlers = {
  'demo:long': async (pages: number, context?: CallContext) => {
    context?.progress({ task: 'render', phase: 'layout', done: 0, total: 0 });
    for (let i = 1; i <= pages; i += 1) {
      context?.progress({ task: 'render', phase: 'draw', done: i, total: pages });
      await Promise.resolve(); // two calls interleave, as two windows' renders would
    }
    return pages;
  },
};

describe('progress pushed to the window that called', () => {
  it('keeps each phase’s first and last step, thins the rest to one per 40 ms, in order', () => {
    let clock = 0;
    const sent: unknown[] = [];
    const context = progressContext((channel, p) => sent.push([channel, p]), () => clock);
    context.progress({ task: 'sign', phase: 'hash', done: 0, total: 100 });
    for (let done = 10; done <= 100; done += 10) {
      clock += 15;
      context.progress({ task: 'sign', phase: 'hash', done, total: 100 });
    }
    context.progress({ task: 'sign', phase: 'sign', done: 0, total: 1 });
    expect(sent).toEqual([
      ['paraphe:progress', { task: 'sign', phase: 'hash', done: 0, total: 100 }],
      ['paraphe:progress', { task: 'sign', phase: 'hash', done: 30, total: 100 }],
      ['paraphe:progress', { task: 'sign', phase: 'hash', done: 60, total: 100 }],
      ['paraphe:progress', { task: 'sign', phase: 'hash', done: 90, total: 100 }],
      ['paraphe:progress', { task: 'sign', phase: 'hash', done: 100, total: 100 }],
      ['paraphe:progress', { task: 'sign', phase: 'sign', done: 0, total: 1 }],
    ]);
  });

  it('refuses a step the contract does not describe (checked in main, not trusted)', () => {
    const context = progressContext(() => undefined);
    expect(() => context.progress({ task: 'render', phase: 'draw', done: -1, total: 3 })).toThrow();
  });

  it('registerIpc sends with the calling webContents only; another window hears nothing', async () => {
    const dispatch = createDispatch(contract, handlers, { isTrustedSender: trustedSender({ fileUrl: APP }) });
    const registered = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
    registerIpc({ handle: (channel, listener) => { registered.set(channel, listener); } }, Object.keys(contract), dispatch);
    const caller: Array<[string, { total: number }]> = [];
    const other: Array<[string, { total: number }]> = [];
    const contents = (into: typeof caller) => ({ send: (channel: string, payload: unknown) => { into.push([channel, payload as { total: number }]); } });
    const [a, b] = await Promise.all([
      registered.get('demo:long')!({ senderFrame: { url: APP }, sender: contents(caller) }, 200),
      registered.get('demo:long')!({ senderFrame: { url: APP }, sender: contents(other) }, 7),
    ]);
    expect([a, b]).toEqual([{ ok: true, value: 200 }, { ok: true, value: 7 }]);
    expect(caller[0]).toEqual(['paraphe:progress', { task: 'render', phase: 'layout', done: 0, total: 0 }]);
    expect(caller.at(-1)).toEqual(['paraphe:progress', { task: 'render', phase: 'draw', done: 200, total: 200 }]);
    expect(caller.filter(([, p]) => p.total === 7)).toEqual([]);
    expect(other.at(-1)).toEqual(['paraphe:progress', { task: 'render', phase: 'draw', done: 7, total: 7 }]);
    expect(other.filter(([, p]) => p.total === 200)).toEqual([]);
  });

  it('a closed window stops receiving without failing the call', async () => {
    const dispatch = createDispatch(contract, handlers, { isTrustedSender: trustedSender({ fileUrl: APP }), log: () => undefined });
    const registered = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
    registerIpc({ handle: (channel, listener) => { registered.set(channel, listener); } }, Object.keys(contract), dispatch);
    let sends = 0;
    const destroyed = { send: () => { sends += 1; }, isDestroyed: () => true };
    await expect(registered.get('demo:long')!({ senderFrame: { url: APP }, sender: destroyed }, undefined)).resolves.toEqual({ ok: true, value: 200 });
    const throwing = { send: () => { throw new Error('Object has been destroyed'); } };
    await expect(registered.get('demo:long')!({ senderFrame: { url: APP }, sender: throwing }, undefined)).resolves.toEqual({ ok: true, value: 200 });
    expect(sends).toBe(0);
  });
});
