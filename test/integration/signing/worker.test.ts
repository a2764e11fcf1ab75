import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningHandlers } from '../../../main/ipc/handlers/signing';
import { progressContext } from '../../../main/ipc/register';
import { workerRunner, type TaskRunner } from '../../../main/ipc/worker/runner';
import { openPkcs12 } from '../../../main/signing/crypto/pkcs12';
import { signBytes, type SignProgress } from '../../../main/signing/index';
import { openStore } from '../../../main/storage/index';
import type { ConventionStore } from '../../../main/storage/types';
import type { TaskProgress } from '../../../shared/ipc/push';
import { instantiateTemplate } from '../../../shared/templates/index';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, pdfsig, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, tempDir } from '../../helpers/signing/sign';

/*
 * Signing in main's worker thread: the key crosses as a KeyObject, certificates as DER, the
 * PDF is moved (not copied) there and back. The result must be the file signing here gives.
 */

let pki: TestPki;
let work: string;
let runner: TaskRunner;
const stores: ConventionStore[] = [];

beforeAll(() => {
  pki = makeTestPki();
  work = tempDir('paraphe-worker-sign-');
  runner = workerRunner();
});
afterAll(async () => {
  await runner.close();
  for (const s of stores) await s.close();
});

const MB = 1024 * 1024;

describe('signing through the worker thread', () => {
  it('signs a 12 MB PDF as this thread does (same size, same original bytes, same outcome); pdfsig: « Signature is Valid. »; progress by bytes, then the signature', async () => {
    const pdf = await makeFieldsPdf({ padding: 12 * MB });
    const identity = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
    const opts = { identity, trustAnchors: [new X509Certificate(readFileSync(pki.caPem))], now: new Date() };
    const here = await signBytes(Buffer.from(pdf), opts);
    const seen: SignProgress[] = [];
    const input = Buffer.from(pdf);
    const there = await runner.signBytes(input, { ...opts, onProgress: (p) => seen.push(p) });

    // Two signatures never share their bytes (the update differs from one call to the next),
    // but the incremental update keeps the original untouched and has the same size.
    const signed = Buffer.concat(there.chunks);
    expect(signed.length).toBe(Buffer.concat(here.chunks).length);
    expect(signed.subarray(0, pdf.length).equals(pdf)).toBe(true);
    expect(there.result).toEqual(here.result);
    // The input's memory went to the worker and came back as the first chunk: no copy.
    expect(input.byteLength).toBe(0);

    const file = put(work, 'signe-dans-le-fil.pdf', signed);
    const report = pdfsig(pki, file);
    expect(report.text).toContain('Signature is Valid.');
    expect(report.valid).toBe(1);

    const hashes = seen.filter((p) => p.phase === 'hash');
    const total = hashes[0]!.total;
    expect(total).toBeGreaterThan(12 * MB);
    expect(hashes[0]!.done).toBe(0);
    expect(hashes.length).toBeGreaterThan(12);
    for (let i = 1; i < hashes.length; i += 1) expect(hashes[i]!.done).toBeGreaterThan(hashes[i - 1]!.done);
    expect(hashes.at(-1)).toEqual({ phase: 'hash', done: total, total });
    expect(seen.slice(hashes.length)).toEqual([{ phase: 'sign', done: 0, total: 1 }, { phase: 'sign', done: 1, total: 1 }]);
  });

  it('a refusal of the signing code (order of the signatories) comes back as its French UserError', async () => {
    const pdf = await makeFieldsPdf();
    const identity = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
    await expect(runner.signBytes(pdf, { identity, signatory: 2 })).rejects.toMatchObject({ code: 'SIGN_ORDER', message: expect.stringMatching(/doit être apposée avant/) });
  });

  it('the counter-signature channel signs in the worker, reports « écriture » last, and pdfsig validates the file', async () => {
    const dataDir = tempDir('paraphe-data-');
    const store = await openStore(dataDir);
    stores.push(store);
    const opens: string[] = [];
    const saves: string[] = [];
    const h = createSigningHandlers({
      dataDir,
      store,
      tasks: runner,
      dialog: { chooseOpenPath: async () => opens.shift() ?? null, chooseSavePath: async () => saves.shift() ?? null },
    });
    const source = put(work, 'a-contresigner.pdf', await makeFieldsPdf({ foreign: true, padding: 3 * MB }));
    opens.push(pki.ec.p12);
    const identity = (await h['identity:import-p12']({ password: TEST_PASSWORD }))!;
    opens.push(source);
    const opened = (await h['pdf-file:open']({}))!;
    const out = join(work, 'contresigne.pdf');
    saves.push(out);
    const pushed: TaskProgress[] = [];
    const signed = (await h['pdf-file:countersign']({ fileId: opened.fileId, identityId: identity.id, password: TEST_PASSWORD }, progressContext((_c, p) => pushed.push(p as TaskProgress), 'countersign-1')))!;

    expect(signed.report.verdict).not.toBe('invalid');
    expect(existsSync(out)).toBe(true);
    expect(pdfsig(pki, out).valid).toBe(1);
    expect(pushed.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1])).toEqual(['hash', 'sign', 'write']);
    expect(pushed.at(-1)).toEqual({ task: 'sign', phase: 'write', done: 1, total: 1, callId: 'countersign-1' });
  });

  it('signature:sign-next renders the PDF to sign then signs it in the worker: progress render → hash → sign → write, pdfsig valid', async () => {
    const dataDir = tempDir('paraphe-data-');
    const store = await openStore(dataDir);
    stores.push(store);
    const opens: string[] = [pki.rsa.p12];
    const h = createSigningHandlers({ dataDir, store, tasks: runner, dialog: { chooseOpenPath: async () => opens.shift() ?? null, chooseSavePath: async () => null } });
    const identity = (await h['identity:import-p12']({ password: TEST_PASSWORD }))!;
    let n = 0;
    const { summary } = await store.create(instantiateTemplate('exemple-camino-2020', { newId: () => `w-${++n}` }));
    await store.finalize(summary.id);
    const pushed: TaskProgress[] = [];
    const out = await h['signature:sign-next']({ conventionId: summary.id, identityId: identity.id, password: TEST_PASSWORD }, progressContext((_c, p) => pushed.push(p as TaskProgress), 'sign-next-1'));

    expect(out.signature.signerName).toBe('Brice HUET');
    expect(out.state.signedCount).toBe(1);
    const phases = pushed.map((p) => `${p.task}:${p.phase}`).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['render:layout', 'render:draw', 'sign:hash', 'sign:sign', 'sign:write']);
    const record = await store.get(summary.id);
    const file = record.files.filter((f) => f.kind === 'signed-pdf').at(-1)!;
    expect(pdfsig(pki, file.path).valid).toBe(1);
  });

  it('a .p12 of 1,000,000 iterations (key and MAC) opens in the worker: main’s event loop keeps turning; a wrong password comes back in French; nothing is kept', async () => {
    // OpenSSL's own key derivation, made costly on purpose (PBKDF2 for the key and the certificates, the MAC: 1,000,000 rounds each).
    const costly = join(work, 'couteux.p12');
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', pki.rsa.key, '-in', pki.rsa.cert, '-certfile', pki.caPem, '-iter', '1000000', '-out', costly, '-passout', `pass:${TEST_PASSWORD}`], { stdio: 'pipe' });
    const t0 = performance.now();
    openPkcs12(readFileSync(costly), TEST_PASSWORD);
    const inThisThread = performance.now() - t0;

    const dataDir = tempDir('paraphe-data-');
    const store = await openStore(dataDir);
    stores.push(store);
    const opens: string[] = [];
    const h = createSigningHandlers({ dataDir, store, tasks: runner, dialog: { chooseOpenPath: async () => opens.shift() ?? null, chooseSavePath: async () => null } });
    // Main's event loop, sampled every 10 ms while the worker derives the keys.
    const loopGaps = async <T>(work: () => Promise<T>): Promise<{ value: T; longest: number }> => {
      let last = performance.now();
      let longest = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 10);
      try {
        const value = await work();
        // The stretch since the last tick counts too (a call that blocks then fails has no tick at all).
        return { value, longest: Math.max(longest, performance.now() - last) };
      } finally {
        clearInterval(timer);
      }
    };
    opens.push(costly);
    const wrong = await loopGaps(() => h['identity:import-p12']({ password: 'pas-le-bon' }).then(() => 'importée', (e: Error) => e.message));
    expect(wrong.value).toMatch(/mot de passe/i);
    expect(await h['identity:list']({})).toEqual([]);
    opens.push(costly);
    const right = await loopGaps(() => h['identity:import-p12']({ password: TEST_PASSWORD }));
    expect(right.value?.certificate.commonName).toBe('Brice HUET');
    console.log(`.p12 de 1 000 000 d’itérations : ${inThisThread.toFixed(0)} ms dans ce fil ; boucle de main, plus long arrêt pendant l’import : ${right.longest.toFixed(0)} ms (mauvais mot de passe : ${wrong.longest.toFixed(0)} ms)`);
    // The derivation takes far longer than any pause of main's loop while it runs elsewhere.
    expect(inThisThread).toBeGreaterThan(300);
    expect(right.longest).toBeLessThan(inThisThread / 2);
    expect(wrong.longest).toBeLessThan(inThisThread / 2);
  }, 60_000);
});
