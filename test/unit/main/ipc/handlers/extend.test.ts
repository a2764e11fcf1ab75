/**
 * « Prolonger la validité » through dispatch (input parsed by the contract, output checked
 * against it): a PDF opened with `pdf-file:open`, extended with `signature:extend` against a
 * real TSA (`openssl ts -reply`) and OCSP responder (`openssl ocsp`) on 127.0.0.1, the TSA and
 * the proxy taken from the data folder's settings. A B-LT file comes out B-LTA; no TSA
 * setting, an unreachable TSA, a cancelled dialog and an untrusted file write nothing.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtendHandlers } from '../../../../../main/ipc/handlers/extend';
import { createSigningHandlers } from '../../../../../main/ipc/handlers/signing';
import { createDispatch, trustedSender } from '../../../../../main/ipc/register';
import { saveSettings } from '../../../../../main/settings/index';
import { openPkcs12, signBytes, TrustStore, verifyPdf } from '../../../../../main/signing';
import { openStore } from '../../../../../main/storage/index';
import type { ConventionStore } from '../../../../../main/storage/types';
import { extendChannels, signingChannels } from '../../../../../shared/ipc/channels/signing';
import { makeFieldsPdf } from '../../../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../../../helpers/signing/pki';
import { startTestRevocation, type TestRevocation } from '../../../../helpers/signing/ocsp';
import { startTestProxy, type TestProxy } from '../../../../helpers/signing/proxy';
import { put, tempDir } from '../../../../helpers/signing/sign';
import { startTestTsa, type TestTsa } from '../../../../helpers/signing/tsa';

const APP = 'file:///app/out/renderer/index.html';
const channels = { ...signingChannels, ...extendChannels };

let pki: TestPki;
let rev: TestRevocation;
let tsa: TestTsa;
let proxy: TestProxy;
let anchors: X509Certificate[];
let blt: Buffer;
const stores: ConventionStore[] = [];

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A data folder (trust list with the test CA unless `trusting` is false), the signing and extend handlers over it, scripted dialogs. */
async function app(opts: { trusting?: boolean } = {}) {
  const dataDir = tempDir('paraphe-extend-ipc-');
  const files = tempDir('paraphe-extend-files-');
  if (opts.trusting !== false) await new TrustStore(dataDir).import(readFileSync(pki.caPem), new Date());
  const store = await openStore(dataDir);
  stores.push(store);
  const opens: (string | null)[] = [];
  const saves: (string | null)[] = [];
  const asked: string[] = [];
  const dialog = {
    chooseOpenPath: async (o: { title: string }) => (asked.push(o.title), opens.shift() ?? null),
    chooseSavePath: async (o: { title: string }) => (asked.push(o.title), saves.shift() ?? null),
  };
  const openedFiles = new Map<string, string>();
  const handlers = { ...createSigningHandlers({ dataDir, store, dialog, openedFiles }), ...createExtendHandlers({ dataDir, dialog, openedFiles, timeoutMs: 3_000 }) };
  const dispatch = createDispatch(channels, handlers, { isTrustedSender: trustedSender({ fileUrl: APP }) });
  const call = (channel: string, input: unknown) => dispatch(channel, input, APP);
  /** Opens `path` through « Vérifier un PDF »: its one-time id. */
  const open = async (path: string) => {
    opens.push(path);
    const r = await call('pdf-file:open', {});
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { fileId: string }).fileId;
  };
  return { dataDir, files, call, open, opens, saves, asked };
}

beforeAll(async () => {
  pki = makeTestPki();
  rev = await startTestRevocation(pki);
  const own = rev.issueTsa('Horodatage de test OCSP');
  const alice = rev.issue('Alice MARTIN');
  anchors = [new X509Certificate(readFileSync(pki.caPem))];
  // OpenSSL 3.0 cannot backdate: let the certificates' first second pass.
  await new Promise((r) => setTimeout(r, 1100));
  tsa = await startTestTsa(pki, own);
  proxy = await startTestProxy();
  const signed = await signBytes(await makeFieldsPdf(), {
    identity: openPkcs12(readFileSync(alice.p12), TEST_PASSWORD),
    trustAnchors: anchors,
    timestamp: { url: tsa.url, timeoutMs: 20_000 },
    validationData: { timeoutMs: 10_000 },
  });
  expect(signed.result.level).toBe('B-LT');
  blt = Buffer.concat(signed.chunks as Buffer[]);
}, 90_000);

afterAll(async () => {
  for (const s of stores) await s.close();
  await tsa?.close();
  await rev?.close();
  await proxy?.close();
});

describe('signature:extend', () => {
  it('extends a B-LT file into a new file that verifies at B-LTA, through the settings\' proxy', async () => {
    const { dataDir, files, call, open, saves, asked } = await app();
    await saveSettings(dataDir, { tsaUrl: tsa.url, proxyUrl: proxy.url, level: 'B-LT', offline: 'refuse' });
    const input = put(files, 'convention-signee.pdf', blt);
    const fileId = await open(input);
    const out = join(files, 'convention-archive.pdf');
    saves.push(out);
    const tsaBefore = tsa.requests;
    const ocspBefore = rev.requests.length;

    const r = await call('signature:extend', { fileId });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const value = r.ok ? r.value : undefined;
    // What main answers is what the contract declares (documentTimestamps included).
    expect(extendChannels['signature:extend'].output.safeParse(value).success).toBe(true);
    const v = extendChannels['signature:extend'].output.parse(value)!;
    expect(v.fileName).toBe('convention-archive.pdf');
    expect(v.timestamp.authority).toBe('Horodatage de test OCSP');
    expect(Math.abs(new Date(v.timestamp.time).getTime() - Date.now())).toBeLessThan(60_000);
    expect(v.report.verdict).toBe('valid');
    expect(v.report.signatures[0]).toMatchObject({ level: 'B-LTA', timestamp: { status: 'valid', authority: 'Horodatage de test OCSP' }, revocation: { source: 'ocsp', status: 'good' } });
    expect(v.report.documentTimestamps).toHaveLength(1);
    expect(v.report.documentTimestamps[0]).toMatchObject({ index: 1, authority: 'Horodatage de test OCSP', status: 'valid', time: v.timestamp.time, coversWholeDocument: true });
    expect(v.fields.some((f) => f.signed)).toBe(true);
    // Main asked the TSA (once) and the OCSP responder, every request through the proxy.
    expect(tsa.requests - tsaBefore).toBe(1);
    expect(rev.requests.length).toBeGreaterThan(ocspBefore);
    expect(proxy.forwarded.some((u) => u.startsWith(tsa.url))).toBe(true);
    expect(asked).toContain('Enregistrer le PDF à la validité prolongée');

    // The written file, read back from disk and verified on its own; the original untouched.
    const written = readFileSync(out);
    expect(written.subarray(0, blt.length).equals(blt)).toBe(true);
    const again = verifyPdf(written, { trustAnchors: anchors });
    expect(again.verdict).toBe('valid');
    expect(again.signatures[0]!.level).toBe('B-LTA');
    expect(again.documentTimestamps.map((t) => t.status)).toEqual(['valid']);
    expect(sha(readFileSync(input))).toBe(sha(blt));

    // The same id now names the extended file: extending again adds a second document timestamp.
    saves.push(join(files, 'convention-archive-2.pdf'));
    const second = await call('signature:extend', { fileId });
    const twice = extendChannels['signature:extend'].output.parse(second.ok ? second.value : undefined);
    expect(twice?.report.documentTimestamps.map((t) => [t.index, t.status])).toEqual([[1, 'valid'], [2, 'valid']]);
  }, 90_000);

  it('pdf-file:open reports a B-LT file\'s level, timestamp and revocation, and no document timestamp', async () => {
    const { files, call, opens } = await app();
    opens.push(put(files, 'b-lt.pdf', blt));
    const r = await call('pdf-file:open', {});
    expect(signingChannels['pdf-file:open'].output.safeParse(r.ok ? r.value : undefined).success).toBe(true);
    const report = r.ok && r.value ? (r.value as { report: { signatures: unknown[]; documentTimestamps: unknown[]; endsWithValidationData: boolean } }).report : undefined;
    expect(report?.signatures[0]).toMatchObject({ level: 'B-LT', timestamp: { status: 'valid', authority: 'Horodatage de test OCSP' }, revocation: { source: 'ocsp', status: 'good' } });
    expect(report?.documentTimestamps).toEqual([]);
    expect(report?.endsWithValidationData).toBe(true);
  });

  it('without a TSA in the settings: refused in French, pointing to the settings, no dialog, nothing written', async () => {
    const { files, call, open, saves, asked } = await app();
    const fileId = await open(put(files, 'convention-signee.pdf', blt));
    const out = join(files, 'jamais.pdf');
    saves.push(out);
    const tsaBefore = tsa.requests;
    const r = await call('signature:extend', { fileId });
    expect(r).toMatchObject({ ok: false, error: { code: 'EXTEND_NO_TSA', message: expect.stringContaining('« Réglages de signature »') } });
    expect(asked).toEqual(['Vérifier un PDF']);
    expect(existsSync(out)).toBe(false);
    expect(tsa.requests).toBe(tsaBefore);

    // A damaged settings file (replaced by the defaults: no TSA) is said in the same message.
    const damaged = await app();
    writeFileSync(join(damaged.dataDir, 'settings.json'), '{ pas du json');
    const id = await damaged.open(put(damaged.files, 'convention-signee.pdf', blt));
    expect(await damaged.call('signature:extend', { fileId: id })).toMatchObject({
      ok: false,
      error: { code: 'EXTEND_NO_TSA', message: expect.stringMatching(/^Le fichier des réglages était endommagé .* Aucune autorité d’horodatage n’est réglée/) },
    });
  });

  it('TSA unreachable: a French message saying nothing was written, and nothing is', async () => {
    const { dataDir, files, call, open, saves } = await app();
    // A port nothing listens on (the revocation services still answer).
    await saveSettings(dataDir, { tsaUrl: 'http://127.0.0.1:9/tsa', proxyUrl: null, level: 'B-LTA', offline: 'refuse' });
    const fileId = await open(put(files, 'convention-signee.pdf', blt));
    const out = join(files, 'convention-archive.pdf');
    saves.push(out);
    const r = await call('signature:extend', { fileId });
    expect(r).toMatchObject({ ok: false, error: { code: 'NET_UNREACHABLE', message: expect.stringMatching(/^Validité non prolongée, aucun fichier écrit\. L’autorité d’horodatage \(http:\/\/127\.0\.0\.1:9\/tsa\) est injoignable/) } });
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it('a cancelled save dialog asks no service and writes nothing; an untrusted file and an unknown id are refused', async () => {
    const { dataDir, files, call, open } = await app();
    await saveSettings(dataDir, { tsaUrl: tsa.url, proxyUrl: null, level: 'B-LTA', offline: 'refuse' });
    const fileId = await open(put(files, 'convention-signee.pdf', blt));
    const tsaBefore = tsa.requests;
    expect(await call('signature:extend', { fileId })).toEqual({ ok: true, value: null });
    expect(tsa.requests).toBe(tsaBefore);

    const untrusted = await app({ trusting: false });
    await saveSettings(untrusted.dataDir, { tsaUrl: tsa.url, proxyUrl: null, level: 'B-LTA', offline: 'refuse' });
    const id = await untrusted.open(put(untrusted.files, 'convention-signee.pdf', blt));
    untrusted.saves.push(join(untrusted.files, 'jamais.pdf'));
    expect(await untrusted.call('signature:extend', { fileId: id })).toMatchObject({ ok: false, error: { code: 'EXTEND_REFUSED', message: expect.stringContaining('« Identités et autorités de confiance »') } });
    expect(existsSync(join(untrusted.files, 'jamais.pdf'))).toBe(false);
    expect(tsa.requests).toBe(tsaBefore);

    expect(await call('signature:extend', { fileId: 'pas-ouvert' })).toMatchObject({ ok: false, error: { code: 'pdf-file-unknown' } });
    expect(await call('signature:extend', { fileId: '' })).toMatchObject({ ok: false });
  });
});
