/**
 * Issue 17, in the app: a PDF received from elsewhere is verified in the worker's own
 * verification thread, under a memory limit and a time limit. A file that hits them gets a
 * French message, the thread is replaced, and main's event loop never stalls.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningHandlers } from '../../../main/ipc/handlers/signing';
import { workerRunner, type TaskRunner } from '../../../main/ipc/worker/runner';
import { openPkcs12 } from '../../../main/signing/crypto/pkcs12';
import { signPdf } from '../../../main/signing/sign-pdf';
import { openStore } from '../../../main/storage/index';
import type { ConventionStore } from '../../../main/storage/types';
import { UserError } from '../../../shared/errors';
import { RawPdf, structuralCases } from '../../helpers/signing/hostile';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, tempDir } from '../../helpers/signing/sign';

let pki: TestPki;
let signed: Buffer;
let heavy: Buffer;
const runners: TaskRunner[] = [];
const stores: ConventionStore[] = [];

/** A legal file whose reading builds a large heap: 490,000 objects listed in one table. */
function manyObjects(): Buffer {
  const p = new RawPdf();
  p.obj(1, '<</Type/Catalog/Pages 2 0 R>>');
  p.obj(2, '<</Type/Pages/Kids[]/Count 0>>');
  const at = p.length;
  const n = 490_000;
  p.raw(`xref\n0 ${n}\n0000000000 65535 f\r\n${String(p.offsets.get(1)).padStart(10, '0')} 00000 n\r\n${String(p.offsets.get(2)).padStart(10, '0')} 00000 n\r\n`);
  p.raw('0000000000 00000 f\r\n'.repeat(n - 3));
  p.raw(`trailer\n<</Size ${n}/Root 1 0 R>>\nstartxref\n${at}\n%%EOF\n`);
  return p.bytes();
}

beforeAll(async () => {
  pki = makeTestPki();
  const signer = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
  signed = Buffer.concat(signPdf({ pdf: await makeFieldsPdf(), signer }).chunks as Buffer[]);
  heavy = manyObjects();
});
afterAll(async () => {
  for (const r of runners) await r.close();
  for (const s of stores) await s.close();
});

const runner = (options: Parameters<typeof workerRunner>[0] = {}) => {
  const r = workerRunner(options);
  runners.push(r);
  return r;
};

describe('verification of received PDFs in the worker thread', () => {
  it('verifies in the thread as here (same report), the caller keeps its bytes', async () => {
    const r = runner();
    const bytes = Buffer.from(signed);
    const out = await r.verifyBytes(bytes, []);
    expect(out.report.signatures).toHaveLength(1);
    expect(out.report.verdict).toBe('untrusted');
    expect(out.fields.map((f) => f.signed)).toEqual([true, false, false]);
    expect(bytes.equals(signed)).toBe(true);
  });

  it('a file that exhausts the thread\'s memory: French message, fresh thread for the next file', async () => {
    const r = runner({ verifyLimits: { maxOldGenerationSizeMb: 40, maxYoungGenerationSizeMb: 4 } });
    const error = await r.verifyBytes(heavy, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/trop de mémoire.*demandez une nouvelle copie/);
    expect((await r.verifyBytes(signed, [])).report.signatures).toHaveLength(1);
  });

  it('a file that takes too long: the thread is stopped, French message, the next file is verified', async () => {
    const r = runner({ verifyTimeLimitMs: 30 });
    const error = await r.verifyBytes(heavy, []).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'worker-too-long', message: expect.stringMatching(/a dépassé 0 secondes.*nouvelle copie/) });
    const again = runner({ verifyTimeLimitMs: 20_000 });
    expect((await again.verifyBytes(signed, [])).report.signatures).toHaveLength(1);
  });

  it('the hostile corpus through the « Vérifier un PDF » channel: French user errors or reports, main never stalls', async () => {
    const r = runner();
    const dir = tempDir('paraphe-hostile-ipc-');
    const store = await openStore(tempDir('paraphe-data-'));
    stores.push(store);
    const opens: string[] = [];
    const h = createSigningHandlers({ dataDir: tempDir('paraphe-data-'), store, tasks: r, dialog: { chooseOpenPath: async () => opens.shift() ?? null, chooseSavePath: async () => null } });
    // Main's event loop is sampled every 10 ms while the thread works.
    let worst = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 10);
    const outcomes: string[] = [];
    try {
      for (const c of structuralCases().filter((x) => !/100MB|4x50MB/.test(x.name))) {
        opens.push(put(dir, `${c.name}.pdf`, c.pdf));
        last = performance.now();
        try {
          const opened = await h['pdf-file:open']({});
          outcomes.push(`${c.name}: ${opened!.report.verdict}`);
        } catch (e) {
          expect(e, c.name).toBeInstanceOf(UserError);
          expect((e as UserError).message, c.name).toMatch(/Demandez|demandez/);
          outcomes.push(`${c.name}: ${(e as UserError).code}`);
        }
      }
    } finally {
      clearInterval(tick);
    }
    expect(outcomes.length).toBeGreaterThan(20);
    // Reading the file from disk and the structured clone stay in main; the parsing does not.
    expect(worst).toBeLessThan(250);
  });
});
