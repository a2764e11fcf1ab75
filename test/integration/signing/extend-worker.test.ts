/**
 * « Prolonger la validité » in the worker thread, as the app runs it: `signature:extend` over
 * the real handlers with the app's task runner (`workerRunner`), a real TSA (`openssl ts
 * -reply`) and OCSP responder (`openssl ocsp`) on 127.0.0.1. The extension (two verifications
 * and the network) runs in the rendering and signing thread, not in main: the handler calls
 * the runner's `extendPdf`, the file's memory is moved to that thread, a refusal crosses it as
 * a French UserError with its code.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtendHandlers } from '../../../main/ipc/handlers/extend';
import { createSigningHandlers } from '../../../main/ipc/handlers/signing';
import { createDispatch, trustedSender } from '../../../main/ipc/register';
import { workerRunner, type TaskRunner } from '../../../main/ipc/worker/runner';
import { saveSettings } from '../../../main/settings/index';
import { openPkcs12, signBytes, TrustStore, verifyPdf } from '../../../main/signing';
import { openStore } from '../../../main/storage/index';
import type { ConventionStore } from '../../../main/storage/types';
import { isUserError } from '../../../shared/errors';
import { extendChannels, signingChannels } from '../../../shared/ipc/channels/signing';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { startTestRevocation, type TestRevocation } from '../../helpers/signing/ocsp';
import { put, tempDir } from '../../helpers/signing/sign';
import { startTestTsa, type TestTsa } from '../../helpers/signing/tsa';

const APP = 'file:///app/out/renderer/index.html';
const channels = { ...signingChannels, ...extendChannels };

let pki: TestPki;
let rev: TestRevocation;
let tsa: TestTsa;
let anchors: X509Certificate[];
let blt: Buffer;
let runner: TaskRunner;
/** Every worker thread the runner started (the verification thread and the work thread). */
const started: Worker[] = [];
const stores: ConventionStore[] = [];

/** A copy of `b` that owns its whole memory (what the runner moves to a thread rather than copies). */
function owned(b: Buffer): Buffer {
  const out = Buffer.from(new ArrayBuffer(b.length));
  b.copy(out);
  return out;
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
  // Padded past 64 KB, so that the runner moves the file to the thread instead of copying it.
  const signed = await signBytes(await makeFieldsPdf({ padding: 200_000 }), {
    identity: openPkcs12(readFileSync(alice.p12), TEST_PASSWORD),
    trustAnchors: anchors,
    timestamp: { url: tsa.url, timeoutMs: 20_000 },
    validationData: { timeoutMs: 10_000 },
  });
  expect(signed.result.level).toBe('B-LT');
  blt = Buffer.concat(signed.chunks as Buffer[]);
  runner = workerRunner({ onStart: (w) => started.push(w) });
}, 90_000);

afterAll(async () => {
  await runner?.close();
  for (const s of stores) await s.close();
  await tsa?.close();
  await rev?.close();
});

describe('extendPdf in the worker thread', () => {
  it('signature:extend with the app\'s runner: extended in the work thread, the file written verifies B-LTA', async () => {
    const dataDir = tempDir('paraphe-extend-worker-');
    const files = tempDir('paraphe-extend-worker-files-');
    await new TrustStore(dataDir).import(readFileSync(pki.caPem), new Date());
    await saveSettings(dataDir, { tsaUrl: tsa.url, proxyUrl: null, level: 'B-LTA', offline: 'refuse' });
    const store = await openStore(dataDir);
    stores.push(store);
    const opens: string[] = [];
    const saves: string[] = [];
    const dialog = { chooseOpenPath: async () => opens.shift() ?? null, chooseSavePath: async () => saves.shift() ?? null };
    const openedFiles = new Map<string, string>();
    // The app's runner, with the files handed to extendPdf recorded on the way.
    const handed: Buffer[] = [];
    const tasks: Pick<TaskRunner, 'verifyBytes' | 'extendPdf'> = {
      verifyBytes: (pdf, t) => runner.verifyBytes(pdf, t),
      extendPdf: (pdf, o) => (handed.push(pdf), runner.extendPdf(pdf, o)),
    };
    const handlers = { ...createSigningHandlers({ dataDir, store, dialog, openedFiles, tasks: runner }), ...createExtendHandlers({ dataDir, dialog, openedFiles, tasks, timeoutMs: 3_000 }) };
    const dispatch = createDispatch(channels, handlers, { isTrustedSender: trustedSender({ fileUrl: APP }) });
    const call = (channel: string, input: unknown) => dispatch(channel, input, APP);

    opens.push(put(files, 'convention-signee.pdf', blt));
    const opened = await call('pdf-file:open', {});
    expect(opened.ok, JSON.stringify(opened)).toBe(true);
    const fileId = (opened as { value: { fileId: string } }).value.fileId;
    const out = join(files, 'convention-archive.pdf');
    saves.push(out);
    const tsaBefore = tsa.requests;
    const before = started.length;

    const r = await call('signature:extend', { fileId });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const v = extendChannels['signature:extend'].output.parse(r.ok ? r.value : undefined)!;
    expect(v.report.verdict).toBe('valid');
    expect(v.report.signatures[0]).toMatchObject({ level: 'B-LTA', revocation: { source: 'ocsp', status: 'good' } });
    expect(v.report.documentTimestamps.map((t) => t.status)).toEqual(['valid']);
    expect(tsa.requests - tsaBefore).toBe(1);

    // The handler handed the file to the runner, which moved it to another thread: left empty here.
    expect(handed).toHaveLength(1);
    expect(handed[0]!.byteLength).toBe(0);
    // The work thread was started for it (the verification thread already ran pdf-file:open).
    expect(started.length).toBe(before + 1);
    expect(started.at(-1)!.resourceLimits?.maxOldGenerationSizeMb).not.toBe(512);

    const written = readFileSync(out);
    expect(written.subarray(0, blt.length).equals(blt)).toBe(true);
    const again = verifyPdf(written, { trustAnchors: anchors });
    expect(again.verdict).toBe('valid');
    expect(again.signatures[0]!.level).toBe('B-LTA');
  }, 90_000);

  it('runner.extendPdf: chunks back as Buffers; a tampered file refused across the thread, with a neutral French wording', async () => {
    const out = await runner.extendPdf(owned(blt), { tsa: { url: tsa.url, timeoutMs: 20_000 }, trustAnchors: anchors });
    expect(out.chunks.every((c) => Buffer.isBuffer(c))).toBe(true);
    expect(out).toMatchObject({ signatures: 1, earlierTimestamps: 0, ocsps: 2, timestamp: { authority: 'Horodatage de test OCSP' } });
    expect(verifyPdf(Buffer.concat(out.chunks), { trustAnchors: anchors }).signatures[0]!.level).toBe('B-LTA');

    // The signed /M moved by one minute: the signature no longer verifies.
    const bad = Buffer.from(blt);
    const at = bad.indexOf('/M (D:', 0, 'latin1') + '/M (D:'.length + 11;
    bad[at] = bad[at] === 0x30 ? 0x31 : 0x30;
    const tsaBefore = tsa.requests;
    const e = await runner.extendPdf(owned(bad), { tsa: { url: tsa.url, timeoutMs: 20_000 }, trustAnchors: anchors }).then(() => undefined, (x: unknown) => x);
    expect(isUserError(e)).toBe(true);
    const err = e as { code: string; message: string };
    expect(err.code).toBe('EXTEND_REFUSED');
    expect(err.message).toMatch(/^Ce PDF ne peut pas être prolongé : la signature 1 \(Alice MARTIN\) est invalide/);
    // Said for the app and the command line alike.
    expect(err.message).toContain('vérifiez le fichier (« Vérifier un PDF », ou paraphe verify en ligne de commande)');
    expect(tsa.requests).toBe(tsaBefore);
  }, 60_000);

  it('an untrusted file: the refusal names where to add the authority, in the app and on the command line', async () => {
    const tsaBefore = tsa.requests;
    const ocspBefore = rev.requests.length;
    const e = await runner.extendPdf(owned(blt), { tsa: { url: tsa.url, timeoutMs: 20_000 }, trustAnchors: [] }).then(() => undefined, (x: unknown) => x);
    expect(e).toMatchObject({ code: 'EXTEND_REFUSED' });
    expect((e as Error).message).toContain('« Identités et autorités de confiance » dans Paraphe, --trust en ligne de commande');
    // Refused before any service is asked.
    expect(tsa.requests).toBe(tsaBefore);
    expect(rev.requests.length).toBe(ocspBefore);
  }, 30_000);
});
