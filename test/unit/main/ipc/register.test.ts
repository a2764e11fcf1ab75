import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { UserError } from '../../../../shared/errors';
import { createDispatch, registerIpc, trustedSender, type IpcMainLike } from '../../../../main/ipc/register';

const contract = {
  'demo:echo': { input: z.strictObject({ text: z.string().min(1) }), output: z.string() },
  'demo:fail': { input: z.void(), output: z.void() },
  'demo:crash': { input: z.void(), output: z.void() },
} as const;

const APP = 'file:///opt/Paraphe/resources/app.asar/out/renderer/index.html';

function setup() {
  const log = vi.fn();
  const handlers = {
    'demo:echo': vi.fn(async ({ text }: { text: string }) => text.toUpperCase()),
    'demo:fail': async () => {
      throw new UserError('not-found', 'Convention introuvable. Rechargez la liste.', { id: 'x', fn: () => 1 });
    },
    'demo:crash': async () => {
      throw new TypeError('secret stack detail /home/agent');
    },
  };
  const dispatch = createDispatch(contract, handlers, { isTrustedSender: trustedSender({ fileUrl: APP }), log });
  return { dispatch, handlers, log };
}

describe('trustedSender', () => {
  const fromFile = trustedSender({ fileUrl: APP });
  const fromDev = trustedSender({ origin: 'http://127.0.0.1:5173' });

  it('accepts our index.html only', () => {
    expect(fromFile(APP)).toBe(true);
    expect(fromFile(`${APP}#/trash`)).toBe(true);
    expect(fromFile('file:///opt/Paraphe/resources/app.asar/out/renderer/other.html')).toBe(false);
    expect(fromFile('file:///tmp/index.html')).toBe(false);
    expect(fromFile('https://example.org/index.html')).toBe(false);
    expect(fromFile(undefined)).toBe(false);
    expect(fromFile('')).toBe(false);
    expect(fromFile('not a url')).toBe(false);
  });

  it('accepts the dev server origin exactly, not look-alikes', () => {
    expect(fromDev('http://127.0.0.1:5173/index.html')).toBe(true);
    expect(fromDev('http://127.0.0.1:5174/')).toBe(false);
    expect(fromDev('http://127.0.0.1:5173.evil.example/')).toBe(false);
    expect(fromDev('http://localhost:5173/')).toBe(false);
    expect(fromDev('file:///index.html')).toBe(false);
    expect(fromDev('about:blank')).toBe(false);
  });
});

describe('createDispatch', () => {
  it('parses the input and returns the value in an ok envelope', async () => {
    const { dispatch, handlers } = setup();
    await expect(dispatch('demo:echo', { text: 'abc' }, APP)).resolves.toEqual({ ok: true, value: 'ABC' });
    expect(handlers['demo:echo']).toHaveBeenCalledWith({ text: 'abc' });
  });

  it('refuses a bad input with invalid-input in French, without calling the handler', async () => {
    const { dispatch, handlers } = setup();
    const result = await dispatch('demo:echo', { text: '', extra: 1 }, APP);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.message).toMatch(/^Les données envoyées pour « demo:echo » ne sont pas valables/);
    expect(result.error.message).toContain('réessayez');
    expect(handlers['demo:echo']).not.toHaveBeenCalled();
  });

  it('passes a UserError through with its code, message and JSON-safe details', async () => {
    const { dispatch } = setup();
    await expect(dispatch('demo:fail', undefined, APP)).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Convention introuvable. Rechargez la liste.', details: { id: 'x' } },
    });
  });

  it('hides unexpected errors behind a French internal error, and logs them', async () => {
    const { dispatch, log } = setup();
    const result = await dispatch('demo:crash', undefined, APP);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/secret|stack|home\/agent|TypeError/);
    expect(log).toHaveBeenCalledOnce();
  });

  it('refuses an untrusted sender before parsing anything', async () => {
    const { dispatch, handlers } = setup();
    const result = await dispatch('demo:echo', { text: 'abc' }, 'https://evil.example/');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(handlers['demo:echo']).not.toHaveBeenCalled();
  });

  it('refuses channels outside the contract, including prototype names', async () => {
    const { dispatch } = setup();
    for (const channel of ['demo:nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      await expect(dispatch(channel, undefined, APP)).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });
});

describe('registerIpc', () => {
  it('registers each channel once and passes the sender frame URL to dispatch', async () => {
    const { dispatch } = setup();
    const registered = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
    registerIpc({ handle: (channel, listener) => { registered.set(channel, listener); } }, Object.keys(contract), dispatch);
    expect([...registered.keys()]).toEqual(Object.keys(contract));
    const echo = registered.get('demo:echo')!;
    await expect(echo({ senderFrame: { url: APP } }, { text: 'x' })).resolves.toEqual({ ok: true, value: 'X' });
    await expect(echo({ senderFrame: null }, { text: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });
});
