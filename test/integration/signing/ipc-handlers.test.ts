import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSigningHandlers } from '../../../main/ipc/handlers/signing';
import { signingChannels } from '../../../shared/ipc/channels/signing';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, tempDir } from '../../helpers/signing/sign';

let pki: TestPki;
let dataDir: string;
let work: string;

beforeAll(() => {
  pki = makeTestPki();
  dataDir = tempDir('paraphe-data-');
  work = tempDir('paraphe-work-');
});

/** Calls a handler the way main does: input parsed by the contract, output checked by it. */
async function call<K extends keyof typeof signingChannels>(handlers: ReturnType<typeof createSigningHandlers>, channel: K, input: unknown) {
  const spec = signingChannels[channel];
  const parsed = spec.input.parse(input);
  const out = await (handlers[channel] as (i: unknown) => Promise<unknown>)(parsed);
  return spec.output.parse(out) as Awaited<ReturnType<(typeof handlers)[K]>>;
}

describe('signing IPC handlers over a real data folder', () => {
  it('imports identities and CA, signs the next fields in order, verifies; no password is stored', async () => {
    const h = createSigningHandlers({ dataDir });
    const a = await call(h, 'identity:import-p12', { path: pki.rsa.p12, password: TEST_PASSWORD });
    const b = await call(h, 'identity:import-p12', { path: pki.legacy.p12, password: TEST_PASSWORD });
    const t = await call(h, 'identity:create-test', { name: 'Agent ESSAI', org: 'DINUM', password: 'essai-1234' });
    expect(t.isTest).toBe(true);
    expect(a.isTest).toBe(false);
    expect(a.chainLength).toBe(1);
    expect((await call(h, 'identity:list', {})).map((i) => i.certificate.commonName)).toEqual(['Brice HUET', 'Nadi BOU HANNA', 'Agent ESSAI']);
    await expect(call(h, 'identity:import-p12', { path: pki.ec.p12, password: 'faux' })).rejects.toMatchObject({ code: 'P12_PASSWORD' });

    const trusted = await call(h, 'trust:import', { path: pki.caPem });
    expect(trusted.map((c) => c.certificate.commonName)).toEqual(['Autorité de test Paraphe']);
    await expect(call(h, 'trust:import', { path: pki.rsa.key })).rejects.toMatchObject({ code: 'TRUST_BAD_FILE' });

    const pdf = put(work, 'convention.pdf', await makeFieldsPdf({ signatories: [
      { name: 'Brice HUET', title: 'Secrétaire général adjoint', party: 'le délégant' },
      { name: 'Nadi BOU HANNA', title: 'Directeur', party: 'le délégataire' },
    ] }));
    const fields = await call(h, 'signing:fields', { pdfPath: pdf });
    expect(fields.map((f) => [f.order, f.signatoryName, f.signed])).toEqual([[1, 'Brice HUET', false], [2, 'Nadi BOU HANNA', false]]);

    await expect(call(h, 'signing:sign-next-field', { pdfPath: pdf, outputPath: join(work, 'x.pdf'), identityId: b.id, password: TEST_PASSWORD, signatory: 2 }))
      .rejects.toMatchObject({ code: 'SIGN_ORDER' });
    const s1 = await call(h, 'signing:sign-next-field', { pdfPath: pdf, outputPath: join(work, 's1.pdf'), identityId: a.id, password: TEST_PASSWORD });
    expect([s1.fieldName, s1.certified, s1.trust]).toEqual(['signature-1', true, 'trusted']);
    const s2 = await call(h, 'signing:sign-next-field', { pdfPath: s1.output, outputPath: join(work, 's2.pdf'), identityId: b.id, password: TEST_PASSWORD });
    expect(s2.fieldName).toBe('signature-2');
    await expect(call(h, 'signing:sign-next-field', { pdfPath: s2.output, outputPath: join(work, 's3.pdf'), identityId: a.id, password: 'faux' }))
      .rejects.toMatchObject({ code: 'P12_PASSWORD' });

    const report = await call(h, 'signing:verify-pdf', { pdfPath: s2.output });
    expect(report.verdict).toBe('valid');
    expect(report.signatures.map((s) => s.signer?.commonName)).toEqual(['Brice HUET', 'Nadi BOU HANNA']);

    // The stored files are the imported ones, byte for byte; no password anywhere in the folder.
    const stored = readdirSync(join(dataDir, 'identities'));
    expect(stored).toContain(`${a.id}.p12`);
    expect(readFileSync(join(dataDir, 'identities', `${a.id}.p12`)).equals(readFileSync(pki.rsa.p12))).toBe(true);
    for (const f of [...stored.map((x) => join(dataDir, 'identities', x)), join(dataDir, 'trust', 'index.json')]) {
      const text = readFileSync(f).toString('latin1');
      expect(text.includes(TEST_PASSWORD)).toBe(false);
      expect(text.includes('essai-1234')).toBe(false);
    }

    expect(await call(h, 'identity:remove', { id: t.id })).toHaveLength(2);
    expect(await call(h, 'trust:remove', { id: trusted[0]!.id })).toEqual([]);
    const untrusted = await call(h, 'signing:verify-pdf', { pdfPath: s2.output });
    expect(untrusted.verdict).toBe('untrusted');
  });

  it('refuses to import an expired identity, with the date in the message', async () => {
    const { makeOddLeaf } = await import('../../helpers/signing/pki');
    const day = 86_400_000;
    const expired = makeOddLeaf(pki, { notBefore: new Date(Date.now() - 30 * day), notAfter: new Date(Date.now() - day) });
    const h = createSigningHandlers({ dataDir: tempDir('paraphe-data-') });
    await expect(call(h, 'identity:import-p12', { path: expired, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'CERT_EXPIRED', message: expect.stringMatching(/a expiré le \d{4}-\d{2}-\d{2}/) });
    expect(await call(h, 'identity:list', {})).toEqual([]);
  });

  it('the contract refuses unexpected keys and malformed ids before any handler runs', () => {
    expect(() => signingChannels['identity:remove'].input.parse({ id: '../../etc/passwd' })).toThrow();
    expect(() => signingChannels['signing:verify-pdf'].input.parse({ pdfPath: 'a.pdf', extra: 1 })).toThrow();
    expect(() => signingChannels['signing:sign-next-field'].input.parse({ pdfPath: 'a', outputPath: 'b', identityId: 'x', password: 'p' })).toThrow();
  });
});
