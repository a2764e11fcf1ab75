/**
 * The app's signing at the settings' level, over the real handlers (settings and signing, one
 * data folder, signing in the worker thread as the app does) and real services on 127.0.0.1:
 * a TSA made of `openssl ts -reply`, an OCSP responder and CRL server made of `openssl ocsp`
 * and `openssl ca`, and a small proxy. B-T and B-LT signed, pdfsig valid, `paraphe verify
 * --json` names the level; the TSA stopped or silent, with each offline policy.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCommand } from '../../../main/cli/commands/verify';
import { createSettingsHandlers } from '../../../main/ipc/handlers/settings';
import { createSigningHandlers } from '../../../main/ipc/handlers/signing';
import { workerRunner, type TaskRunner } from '../../../main/ipc/worker/runner';
import type { DialogPort } from '../../../main/ports';
import { levelOptionsFrom } from '../../../main/settings/index';
import { openStore } from '../../../main/storage/index';
import type { ConventionStore } from '../../../main/storage/types';
import { settingsChannels, type Settings } from '../../../shared/ipc/channels/settings';
import { signingChannels } from '../../../shared/ipc/channels/signing';
import { instantiateTemplate } from '../../../shared/templates/index';
import { recordingIo } from '../../helpers/signing/cli-io';
import { startTestRevocation, type TestRevocation } from '../../helpers/signing/ocsp';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { startTestProxy, type TestProxy } from '../../helpers/signing/proxy';
import { tempDir } from '../../helpers/signing/sign';
import { startTestTsa, type TestTsa } from '../../helpers/signing/tsa';

let pki: TestPki;
let tsa: TestTsa;
let rev: TestRevocation;
let proxy: TestProxy;
let tasks: TaskRunner;
let silent: Server;
let silentUrl: string;
const stores: ConventionStore[] = [];

class Dialog implements DialogPort {
  readonly opens: string[] = [];
  readonly saves: string[] = [];
  async chooseOpenPath() {
    return this.opens.shift() ?? null;
  }
  async chooseSavePath() {
    return this.saves.shift() ?? null;
  }
}

const channels = { ...settingsChannels, ...signingChannels };
type Channels = typeof channels;

let ws: Awaited<ReturnType<typeof workstation>>;

/** One data folder with its handlers, called as main does: input parsed, output checked. */
async function workstation() {
  const dataDir = tempDir('paraphe-settings-sign-');
  const store = await openStore(dataDir);
  stores.push(store);
  const dialog = new Dialog();
  // The very handlers the app registers; the network timeout is shortened for the silent TSA.
  const handlers = {
    ...createSettingsHandlers({ dataDir, timeoutMs: 1_500 }),
    ...createSigningHandlers({ dataDir, store, dialog, tasks, levelOptions: levelOptionsFrom(dataDir, { timeoutMs: 1_500 }) }),
  };
  async function call<K extends keyof Channels>(channel: K, input: unknown) {
    const spec = channels[channel];
    const out = await (handlers[channel] as (i: unknown) => Promise<unknown>)(spec.input.parse(input));
    return spec.output.parse(out) as Awaited<ReturnType<(typeof handlers)[K]>>;
  }
  const leaf = rev.issue('Brice HUET');
  dialog.opens.push(leaf.p12);
  const identityId = (await call('identity:import-p12', { password: TEST_PASSWORD }))!.id;
  dialog.opens.push(pki.caPem);
  await call('trust:import', {});
  return { dataDir, store, dialog, call, identityId };
}

let n = 0;
async function convention(): Promise<string> {
  const { summary } = await ws.store.create(instantiateTemplate('exemple-camino-2020', { newId: () => `s-${++n}` }));
  await ws.store.finalize(summary.id);
  return summary.id;
}

async function setSettings(s: Partial<Settings>) {
  return ws.call('settings:set', { tsaUrl: tsa.url, proxyUrl: null, level: 'B-B', offline: 'b-b-with-notice', ...s });
}

/** Exports the convention's PDF as signed so far; its path. */
async function exported(id: string, name: string): Promise<string> {
  const path = join(ws.dataDir, '..', `${name}-${process.pid}-${n}.pdf`);
  ws.dialog.saves.push(path);
  await ws.call('signature:export', { conventionId: id });
  return path;
}

async function verifyJson(file: string) {
  const io = recordingIo(ws.dataDir);
  await verifyCommand.run([file, '--trust', pki.caPem, '--json'], io.io);
  return JSON.parse(io.out()) as { verdict: string; signatures: Array<{ level: string; status: string; timestamp?: { authority: string; status: string }; revocation?: { source: string; status: string } }> };
}

/** pdfsig without blocking this process: it asks the OCSP responder this process serves. */
async function pdfsigValid(file: string): Promise<number> {
  const r = await promisify(execFile)('pdfsig', ['-nssdir', pki.nssDir, file]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return (r.stdout.match(/Signature Validation: Signature is Valid\./g) ?? []).length;
}

beforeAll(async () => {
  pki = makeTestPki();
  tsa = await startTestTsa(pki);
  rev = await startTestRevocation(pki);
  proxy = await startTestProxy();
  tasks = workerRunner();
  // A TSA that takes the request and never answers.
  silent = createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}/tsa`;
  ws = await workstation();
}, 120_000);
afterAll(async () => {
  await tasks.close();
  for (const s of stores) await s.close();
  await proxy.close();
  await rev.close();
  silent.closeAllConnections();
  await new Promise<void>((r) => silent.close(() => r()));
});

describe('the app signs at the level of its settings', () => {
  it('B-B by default: no TSA asked', async () => {
    const before = tsa.requests;
    const id = await convention();
    const out = await ws.call('signature:sign-next', { conventionId: id, identityId: ws.identityId, password: TEST_PASSWORD });
    expect(out.signature).toMatchObject({ level: 'B-B' });
    expect(out.signature.notice).toBeUndefined();
    expect(tsa.requests).toBe(before);
  });

  it('B-T: timestamped in the worker; pdfsig valid; paraphe verify --json says B-T', async () => {
    await setSettings({ level: 'B-T' });
    const id = await convention();
    const out = await ws.call('signature:sign-next', { conventionId: id, identityId: ws.identityId, password: TEST_PASSWORD });
    expect(out.signature).toMatchObject({ level: 'B-T', timestamp: { authority: 'Horodatage de test tsa' } });
    expect(out.signature.notice).toBeUndefined();
    expect((await ws.store.audit(id)).at(-1)?.detail).toBe('Signature de Brice HUET (niveau B-T)');
    const file = await exported(id, 'bt');
    expect(await pdfsigValid(file)).toBe(1);
    const report = await verifyJson(file);
    expect(report.signatures[0]).toMatchObject({ level: 'B-T', status: 'valid', timestamp: { authority: 'Horodatage de test tsa', status: 'valid' } });
  });

  it('B-LT: revocation data in a /DSS; pdfsig valid; paraphe verify --json says B-LT', async () => {
    await setSettings({ level: 'B-LT', offline: 'refuse' });
    const hits = rev.hits.length;
    const id = await convention();
    const out = await ws.call('signature:sign-next', { conventionId: id, identityId: ws.identityId, password: TEST_PASSWORD });
    expect(out.signature.level).toBe('B-LT');
    expect(rev.hits.length).toBeGreaterThan(hits);
    const file = await exported(id, 'blt');
    expect(readFileSync(file).includes('/DSS')).toBe(true);
    expect(await pdfsigValid(file)).toBe(1);
    const report = await verifyJson(file);
    expect(report.signatures[0]).toMatchObject({ level: 'B-LT', status: 'valid', revocation: { source: 'ocsp', status: 'good' } });
  });

  it('B-LTA: a document timestamp after the /DSS; pdfsig valid; paraphe verify --json says B-LTA', async () => {
    await setSettings({ level: 'B-LTA' });
    const before = tsa.requests;
    const id = await convention();
    const out = await ws.call('signature:sign-next', { conventionId: id, identityId: ws.identityId, password: TEST_PASSWORD });
    expect(out.signature.level).toBe('B-LTA');
    expect(out.signature.notice).toBeUndefined();
    // The signature timestamp, then the document timestamp.
    expect(tsa.requests - before).toBe(2);
    const file = await exported(id, 'blta');
    expect(readFileSync(file).includes('/DocTimeStamp')).toBe(true);
    expect(await pdfsigValid(file)).toBeGreaterThanOrEqual(1);
    expect((await verifyJson(file)).signatures[0]).toMatchObject({ level: 'B-LTA', status: 'valid' });
  });

  it('through the proxy: the TSA and the OCSP responder are asked through it', async () => {
    await setSettings({ level: 'B-LT', proxyUrl: `http://agent:secret@127.0.0.1:${new URL(proxy.url).port}` });
    const before = proxy.forwarded.length;
    const id = await convention();
    const out = await ws.call('signature:sign-next', { conventionId: id, identityId: ws.identityId, password: TEST_PASSWORD });
    expect(out.signature.level).toBe('B-LT');
    const through = proxy.forwarded.slice(before);
    expect(through.filter((u) => u.startsWith(tsa.url))).toHaveLength(1);
    expect(through.filter((u) => u.startsWith(rev.ocspUrl)).length).toBeGreaterThanOrEqual(1);
    expect(proxy.authorizations.at(-1)).toBe(`Basic ${Buffer.from('agent:secret').toString('base64')}`);
    // The renderer never gets the secret back.
    const view = await ws.call('settings:get', {});
    expect(view.settings.proxyUrl).toBe(`http://***@127.0.0.1:${new URL(proxy.url).port}/`);
    expect(JSON.stringify(view)).not.toContain('secret');
    // « *** » sent back keeps the stored credentials.
    await ws.call('settings:set', { ...view.settings, level: 'B-T' });
    expect(JSON.parse(readFileSync(join(ws.dataDir, 'settings.json'), 'utf8')).proxyUrl).toContain('agent:secret@');
    await setSettings({ proxyUrl: null });
  });

  it('a received copy (« Signer un document reçu ») is signed at the same level', async () => {
    await setSettings({ level: 'B-T' });
    const id = await convention();
    const sentPath = join(ws.dataDir, '..', `a-signer-${process.pid}.pdf`);
    ws.dialog.saves.push(sentPath);
    await ws.call('signature:send', { conventionId: id });
    ws.dialog.opens.push(sentPath);
    const opened = (await ws.call('received:open', {}))!;
    const signed = await ws.call('received:sign', { fileId: opened.fileId, identityId: ws.identityId, password: TEST_PASSWORD });
    expect(signed.signature).toMatchObject({ level: 'B-T', timestamp: { authority: 'Horodatage de test tsa' } });
    expect(signed.report.signatures[0]).toMatchObject({ level: 'B-T', status: 'valid' });
  });

  it('a damaged settings file met at signing: signed at B-B, the outcome says why', async () => {
    writeFileSync(join(ws.dataDir, 'settings.json'), '{ abîmé');
    const id = await convention();
    const out = await ws.call('signature:sign-next', { conventionId: id, identityId: ws.identityId, password: TEST_PASSWORD });
    expect(out.signature.level).toBe('B-B');
    expect(out.signature.notice).toMatch(/^Le fichier des réglages était endommagé/);
  });

  it('a TSA answering HTTP 503, revocation services down: « B-B avec mention » signs at B-B and says which', async () => {
    await setSettings({ level: 'B-T', offline: 'b-b-with-notice' });
    tsa.mode = 'http-error';
    try {
      const out = await ws.call('signature:sign-next', { conventionId: await convention(), identityId: ws.identityId, password: TEST_PASSWORD });
      expect(out.signature).toMatchObject({ level: 'B-B', notice: 'Horodatage indisponible (erreur HTTP 503) : signature apposée sans horodatage (niveau B-B).' });
    } finally {
      tsa.mode = 'good';
    }
    await setSettings({ level: 'B-LT', offline: 'b-b-with-notice' });
    rev.mode = 'down';
    try {
      const before = tsa.requests;
      const out = await ws.call('signature:sign-next', { conventionId: await convention(), identityId: ws.identityId, password: TEST_PASSWORD });
      expect(out.signature).toMatchObject({ level: 'B-B', notice: 'Vérification de révocation indisponible (aucun service de révocation n’a répondu) : signature apposée sans horodatage (niveau B-B).' });
      // Revocation is asked first: the TSA was not.
      expect(tsa.requests).toBe(before);
    } finally {
      rev.mode = 'good';
    }
  });

  it('never falls back to B-B for a rejected token or a revoked signer: refused, nothing written', async () => {
    await setSettings({ level: 'B-LT', offline: 'b-b-with-notice' });
    tsa.mode = 'untrusted';
    const id = await convention();
    await ws.call('signature:prepare', { conventionId: id });
    const files = (await ws.store.get(id)).files.length;
    try {
      await expect(ws.call('signature:sign-next', { conventionId: id, identityId: ws.identityId, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'TSA_TOKEN_REJECTED' });
    } finally {
      tsa.mode = 'good';
    }
    const revoked = rev.issue('Révoqué DUPONT');
    ws.dialog.opens.push(revoked.p12);
    const revokedId = (await ws.call('identity:import-p12', { password: TEST_PASSWORD }))!.id;
    rev.revoke(revoked.pem);
    await expect(ws.call('signature:sign-next', { conventionId: id, identityId: revokedId, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'SIGNER_REVOKED', message: expect.stringMatching(/^Votre certificat est révoqué depuis le /) });
    expect((await ws.store.get(id)).files.length).toBe(files);
    await ws.call('identity:remove', { id: revokedId });
  });

  it('a silent TSA, « signer en B-B avec une mention »: signed at B-B with the notice', async () => {
    await setSettings({ tsaUrl: silentUrl, level: 'B-T', offline: 'b-b-with-notice' });
    const id = await convention();
    const started = Date.now();
    const out = await ws.call('signature:sign-next', { conventionId: id, identityId: ws.identityId, password: TEST_PASSWORD });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(out.signature.level).toBe('B-B');
    expect(out.signature.notice).toBe('Horodatage indisponible (délai dépassé) : signature apposée sans horodatage (niveau B-B).');
    expect(out.state.signedCount).toBe(1);
    const file = await exported(id, 'repli');
    expect(await pdfsigValid(file)).toBe(1);
    expect((await verifyJson(file)).signatures[0]).toMatchObject({ level: 'B-B', status: 'valid' });
  });

  it('the TSA stopped: « refuser » writes nothing; « B-B avec mention » signs at B-B', async () => {
    await setSettings({ level: 'B-LT', offline: 'refuse' });
    await tsa.close();
    const id = await convention();
    await ws.call('signature:prepare', { conventionId: id });
    const files = (await ws.store.get(id)).files.length;
    await expect(ws.call('signature:sign-next', { conventionId: id, identityId: ws.identityId, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'SIGN_OFFLINE_REFUSED',
      message: expect.stringMatching(/^Horodatage indisponible \(serveur injoignable\) : rien n’a été signé, comme le demandent vos réglages\. .* choisissez « Signer en B-B avec une mention visible » dans les réglages\.$/),
    });
    expect((await ws.store.get(id)).files.length).toBe(files);
    expect((await ws.call('signature:state', { conventionId: id })).signedCount).toBe(0);

    await setSettings({ level: 'B-LT', offline: 'b-b-with-notice' });
    const out = await ws.call('signature:sign-next', { conventionId: id, identityId: ws.identityId, password: TEST_PASSWORD });
    expect(out.signature).toMatchObject({ level: 'B-B', notice: 'Horodatage indisponible (serveur injoignable) : signature apposée sans horodatage (niveau B-B).' });
    expect((await ws.store.audit(id)).at(-1)?.detail).toBe('Signature de Brice HUET (niveau B-B) — Horodatage indisponible (serveur injoignable) : signature apposée sans horodatage (niveau B-B).');
    expect(existsSync(await exported(id, 'arrete'))).toBe(true);
  });

  it('« Tester l’horodatage »: a French error when the TSA is not there', async () => {
    await expect(ws.call('settings:test-tsa', {})).rejects.toMatchObject({ code: 'NET_UNREACHABLE', message: expect.stringContaining('est injoignable') });
    await expect(ws.call('settings:test-tsa', { tsaUrl: 'ftp://tsa' })).rejects.toMatchObject({ code: 'SETTINGS_BAD_TSA_URL' });
  });
});
