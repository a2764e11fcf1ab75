import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../../../shared/ipc/contract';
import { MAX_INPUT_DEPTH } from '../../../../shared/ipc/parse-input';
import { MAX_TITLE } from '../../../../shared/model/limits';
import { parseConvention } from '../../../../shared/model/migrate';
import { createAppDispatch, openServices } from '../../../../main/ipc/handler-table';
import { createDispatch, trustedSender, type Dispatch } from '../../../../main/ipc/register';
import type { Ports } from '../../../../main/ports';

/*
 * Inputs no renderer of ours would send, through the real handler table: nested far beyond
 * any convention (zod's recursion used to overflow the stack outside the dispatch's guard, so
 * the call rejected instead of answering), and a 50 MB title. Each call answers an error
 * Result in French; nothing is stored.
 */

const APP = 'file:///app/out/renderer/index.html';
let root = '';
let dispatch: Dispatch;
let close: () => Promise<void>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'paraphe-hostile-ipc-'));
  await mkdir(join(root, 'exports'));
  const ports: Ports = {
    dialog: { chooseSavePath: async () => null, chooseOpenPath: async () => null },
    paths: { dataDir: join(root, 'data'), appName: 'Paraphe', version: '0.0.0-test' },
    shell: { openPath: async () => undefined, showItemInFolder: () => undefined },
  };
  const services = await openServices(ports);
  close = services.close;
  ({ dispatch } = createAppDispatch(services, { isTrustedSender: trustedSender({ fileUrl: APP }), log: () => undefined }));
});

afterAll(async () => {
  await close?.();
  await rm(root, { recursive: true, force: true });
});

/** `{ items: [{ children: [ … ] }] }` nested `depth` levels, built without recursion. */
function nested(depth: number): unknown {
  let inner: unknown = { runs: [{ text: 'fond' }] };
  for (let i = 0; i < depth; i += 1) inner = { runs: [], children: [inner] };
  return inner;
}

async function aConvention() {
  const created = await dispatch('convention:create', { templateId: 'exemple-camino-2020' }, APP);
  if (!created.ok) throw new Error(created.error.message);
  const got = await dispatch('convention:get', { id: (created.value as { id: string }).id }, APP);
  if (!got.ok) throw new Error(got.error.message);
  return (got.value as { convention: Record<string, unknown> & { id: string; articles: Array<{ body: unknown[] }> } }).convention;
}

describe('inputs nested beyond the limit', () => {
  it('a list nested 1,000 and 100,000 deep in convention:save answers an error Result, never a rejection', async () => {
    const convention = await aConvention();
    for (const depth of [1_000, 100_000]) {
      const hostile = { ...convention, articles: [{ ...convention.articles[0]!, body: [{ kind: 'list', items: [nested(depth)] }] }] };
      const result = await dispatch('convention:save', { convention: hostile }, APP);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(new RegExp(`^Les données envoyées pour « convention:save » sont imbriquées sur plus de ${MAX_INPUT_DEPTH} niveaux`)) } });
    }
    const got = await dispatch('convention:get', { id: convention.id }, APP);
    expect(got.ok && (got.value as { summary: { version: number } }).summary.version).toBe(1);
  });

  it('every channel answers a Result for a payload nested 10,000 deep', async () => {
    const deep = nested(10_000);
    for (const channel of Object.keys(contract)) {
      const result = await dispatch(channel, deep, APP);
      expect(result.ok, channel).toBe(false);
    }
  });

  it('a list nested deeper than allowed but within the input limit is refused by the schema, in French', async () => {
    const convention = await aConvention();
    const hostile = { ...convention, articles: [{ ...convention.articles[0]!, body: [{ kind: 'list', items: [nested(25)] }] }] };
    const result = await dispatch('convention:save', { convention: hostile }, APP);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('au plus 20 niveaux de listes imbriquées') } });
  });

  it('an imported document nested 100,000 deep is refused in French (parseConvention)', () => {
    const parsed = parseConvention({ schemaVersion: 1, deep: nested(100_000) });
    expect(parsed).toMatchObject({ ok: false, message: expect.stringMatching(/^Cette convention est imbriquée sur plus de 64 niveaux/) });
  });

  it('the dispatch answers a Result even when a schema itself throws while parsing', async () => {
    const throwing = { 'demo:bad': { input: z.any().transform(() => { throw new RangeError('Maximum call stack size exceeded'); }), output: z.void() } };
    const d = createDispatch(throwing, { 'demo:bad': async () => undefined }, { isTrustedSender: () => true, log: () => undefined });
    await expect(d('demo:bad', {}, APP)).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('text fields have a maximum length', () => {
  it('a 50 MB title in convention:save is refused in French, nothing stored', async () => {
    const convention = await aConvention();
    const result = await dispatch('convention:save', { convention: { ...convention, title: 'T'.repeat(50 * 1024 * 1024) } }, APP);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (result.ok) return;
    expect(result.error.message).toMatch(/^Les données envoyées pour « convention:save » ne sont pas valables \(convention\.title : Trop grand.*500/);
    expect(result.error.message.length).toBeLessThan(1_000);
    const got = await dispatch('convention:get', { id: convention.id }, APP);
    expect(got.ok && (got.value as { summary: { version: number } }).summary.version).toBe(1);
    // At the limit, it is taken.
    const ok = await dispatch('convention:save', { convention: { ...convention, title: 'T'.repeat(MAX_TITLE) } }, APP);
    expect(ok.ok).toBe(true);
  });
});
