import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Channel } from '../../../../shared/ipc/contract';
import type { OutputOf } from '../../../../shared/ipc/define';
import { createAppDispatch, createHandlerTable, openServices } from '../../../../main/ipc/handler-table';
import { trustedSender, type Dispatch } from '../../../../main/ipc/register';

/*
 * The whole table through dispatch, on a real store: every answer must match the output schema
 * the contract declares, since that schema is what types the renderer.
 */

const APP = 'file:///app/out/renderer/index.html';
let root = '';
let dispatch: Dispatch;
let close: () => Promise<void>;
let services: Awaited<ReturnType<typeof openServices>>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'paraphe-table-'));
  await mkdir(join(root, 'exports'));
  services = await openServices({
    dialog: { chooseSavePath: async ({ defaultName }) => join(root, 'exports', defaultName), chooseOpenPath: async () => null },
    paths: { dataDir: join(root, 'data'), appName: 'Paraphe', version: '0.0.0-test' },
    shell: { openPath: async () => undefined, showItemInFolder: () => undefined },
  });
  close = services.close;
  ({ dispatch } = createAppDispatch(services, { isTrustedSender: trustedSender({ fileUrl: APP }) }));
});

afterAll(async () => {
  await close?.();
  await rm(root, { recursive: true, force: true });
});

const seen = new Set<string>();

/** Calls through dispatch, checks the value against the channel's output schema, returns it. */
async function call<C extends Channel>(channel: C, input: unknown): Promise<OutputOf<(typeof contract)[C]>> {
  const result = await dispatch(channel, input, APP);
  if (!result.ok) throw new Error(`${channel} : ${result.error.code} ${result.error.message}`);
  const parsed = contract[channel].output.safeParse(result.value);
  expect(parsed.success, `${channel} : ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))}`).toBe(true);
  seen.add(channel);
  return result.value as OutputOf<(typeof contract)[C]>;
}

describe('the handler table', () => {
  it('has one handler per contract channel, no more', () => {
    expect(Object.keys(createHandlerTable(services)).sort()).toEqual(Object.keys(contract).sort());
  });

  it('answers what the contract declares, channel by channel', async () => {
    await call('app:info', undefined);
    const [template] = await call('template:list', undefined);
    const created = await call('convention:create', { templateId: 'exemple-camino-2020' });
    await call('convention:create', { templateId: template!.id, title: 'Seconde' });
    const record = await call('convention:get', { id: created.id });
    await call('convention:save', { convention: { ...record.convention, place: 'Lyon' }, summary: 'Lieu' });
    await call('convention:rename', { id: created.id, title: 'Camino renommée' });
    const copy = await call('convention:duplicate', { id: created.id });
    await call('convention:list', undefined);
    // The home list's facets: the date and the parties' entities, read from the current version.
    const facets = (await call('convention:facets', undefined)).find((f) => f.id === created.id);
    expect(facets?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(facets?.parties.length).toBeGreaterThan(1);
    // Not imported from Word: no findings kept, nothing to dismiss.
    expect(await call('convention:import-findings', { id: created.id })).toBeNull();
    expect(await call('convention:dismiss-import-findings', { id: created.id })).toEqual({ dismissed: false });
    const versions = await call('convention:versions', { id: created.id });
    await call('convention:get-version', { id: created.id, version: versions.at(-1)!.version });
    await call('convention:restore-version', { id: created.id, version: 1 });
    await call('convention:validate', { id: created.id });
    await call('convention:validate', { convention: record.convention });
    await call('convention:create-avenant', { baseId: created.id });
    const exported = await call('convention:export', { id: created.id });
    expect(exported.saved).toBe(true);
    await call('convention:import', { text: JSON.stringify(record.convention), fileName: 'x.json' });
    // Word: written where the save dialog says (a draft: marked « Projet »); import cancelled in « Ouvrir »: null.
    const word = await call('convention:export-word', { id: created.id });
    expect(word).toMatchObject({ saved: true, path: expect.stringMatching(/\.docx$/) });
    expect(await call('convention:import-word', undefined)).toBeNull();
    await call('convention:trash', { id: copy.id });
    await call('trash:list', undefined);
    await call('convention:restore-from-trash', { id: copy.id });
    await call('convention:trash', { id: copy.id });
    expect((await call('trash:empty', undefined)).removed).toBe(1);
    await call('convention:finalize', { id: created.id });
    await call('convention:audit', { id: created.id });
    await call('pdf:preview', { conventionId: created.id });
    await call('pdf:render', { conventionId: created.id });
    await call('identity:list', {});
    await call('trust:list', {});
    // The signing of a stored convention: prepared from the finalized content; the dialogs
    // here answer « cancelled », so imports, exports and opening a PDF give null.
    const prepared = await call('signature:prepare', { conventionId: created.id });
    expect(prepared.fields).toHaveLength(3);
    const shown = await call('convention:signing-document', { id: created.id });
    expect(Buffer.from(shown!.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await call('signature:state', { conventionId: created.id });
    expect((await call('signature:verify', { conventionId: created.id })).verdict).toBe('unsigned');
    expect(await call('identity:import-p12', { password: 'x' })).toBeNull();
    expect(await call('trust:import', {})).toBeNull();
    expect(await call('pdf-file:open', {})).toBeNull();
    // « Prolonger la validité » needs a PDF opened first (test/unit/main/ipc/handlers/extend.test.ts extends one).
    expect(await dispatch('signature:extend', { fileId: 'jamais-ouvert' }, APP)).toMatchObject({ ok: false, error: { code: 'pdf-file-unknown' } });
    seen.add('signature:extend');
    // The round between workstations: the copy to send is written where the save dialog says,
    // the signed copy and the received PDF are chosen in « Ouvrir » (cancelled here: null).
    const sent = await call('signature:send', { conventionId: created.id });
    expect(sent?.fileName).toMatch(/ – à signer par 1 Brice HUET\.pdf$/);
    expect(sent?.state.awaiting?.name).toBe('Brice HUET');
    expect(await call('signature:import-copy', { conventionId: created.id })).toBeNull();
    expect(await call('received:open', {})).toBeNull();
    expect(await call('convention:reopen', { id: created.id })).toMatchObject({ summary: { status: 'draft' }, signaturesLost: 0 });
    // Cards: the middlewares found here are listed (each with its tokens or its error); adding
    // one goes through « Ouvrir » (cancelled here: null); forgetting one never added is refused.
    await call('pkcs11:list', {});
    expect(await call('pkcs11:add-module', {})).toBeNull();
    expect(await dispatch('pkcs11:remove-module', { moduleId: '0123456789abcdef' }, APP)).toMatchObject({ ok: false, error: { code: 'PKCS11_MODULE_UNKNOWN' } });
    seen.add('pkcs11:remove-module');

    // Settings: the defaults; a level without TSA and a bad address refused in French (the TSA
    // itself is tested in test/integration/signing/settings-signing.test.ts).
    expect((await call('settings:get', {})).settings).toEqual({ tsaUrl: null, proxyUrl: null, level: 'B-B', offline: 'b-b-with-notice' });
    expect(await dispatch('settings:set', { tsaUrl: null, proxyUrl: null, level: 'B-T', offline: 'refuse' }, APP)).toMatchObject({ ok: false, error: { code: 'SETTINGS_LEVEL_NEEDS_TSA' } });
    expect((await call('settings:set', { tsaUrl: 'https://tsa.exemple.gouv.fr/', proxyUrl: null, level: 'B-T', offline: 'refuse' })).settings.level).toBe('B-T');
    expect(await dispatch('settings:test-tsa', { tsaUrl: 'ftp://tsa.exemple.gouv.fr/' }, APP)).toMatchObject({ ok: false, error: { code: 'SETTINGS_BAD_TSA_URL' } });
    seen.add('settings:test-tsa');

    // Signing and counter-signing need identities made by OpenSSL: test/integration/signing covers them.
    const convChannels = Object.keys(contract).filter((c) => !/^(identity:(create-test|remove)|trust:remove|signature:(sign-next|export)|pdf-file:countersign|received:sign|pkcs11:sign-(next|received))$/.test(c));
    expect(convChannels.filter((c) => !seen.has(c))).toEqual([]);
  }, 120_000);
});
