import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningHandlers } from '../../../main/ipc/handlers/signing';
import type { DialogPort } from '../../../main/ports';
import { openStore } from '../../../main/storage/index';
import type { ConventionStore } from '../../../main/storage/types';
import { signingChannels } from '../../../shared/ipc/channels/signing';
import { instantiateTemplate } from '../../../shared/templates/index';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, pdfsig, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, tempDir } from '../../helpers/signing/sign';

let pki: TestPki;
let work: string;
const stores: ConventionStore[] = [];

beforeAll(() => {
  pki = makeTestPki();
  work = tempDir('paraphe-work-');
});
afterAll(async () => {
  for (const s of stores) await s.close();
});

/** Main's dialogs, answered by the test: each call takes the next scripted answer. */
class ScriptedDialog implements DialogPort {
  readonly opens: Array<string | null> = [];
  readonly saves: Array<string | null> = [];
  readonly asked: string[] = [];
  async chooseOpenPath(o: { title: string }) {
    this.asked.push(o.title);
    return this.opens.shift() ?? null;
  }
  async chooseSavePath(o: { title: string; defaultName: string }) {
    this.asked.push(`${o.title} [${o.defaultName}]`);
    return this.saves.shift() ?? null;
  }
}

async function setup() {
  const dataDir = tempDir('paraphe-data-');
  const store = await openStore(dataDir);
  stores.push(store);
  const dialog = new ScriptedDialog();
  const h = createSigningHandlers({ dataDir, store, dialog });
  return { dataDir, store, dialog, h };
}

/** Calls a handler the way main does: input parsed by the contract, output checked by it. */
async function call<K extends keyof typeof signingChannels>(handlers: ReturnType<typeof createSigningHandlers>, channel: K, input: unknown) {
  const spec = signingChannels[channel];
  const parsed = spec.input.parse(input);
  const out = await (handlers[channel] as (i: unknown) => Promise<unknown>)(parsed);
  return spec.output.parse(out) as Awaited<ReturnType<(typeof handlers)[K]>>;
}

let n = 0;
const newId = () => `c-${++n}`;

describe('signing IPC handlers over a real data folder', () => {
  it('imports identities (file chosen in main’s dialog) and a CA; no password is stored', async () => {
    const { dataDir, dialog, h } = await setup();
    dialog.opens.push(pki.rsa.p12, pki.legacy.p12);
    const a = (await call(h, 'identity:import-p12', { password: TEST_PASSWORD }))!;
    const b = (await call(h, 'identity:import-p12', { password: TEST_PASSWORD }))!;
    const t = await call(h, 'identity:create-test', { name: 'Agent ESSAI', org: 'DINUM', password: 'essai-1234' });
    expect([a.isTest, t.isTest, a.chainLength]).toEqual([false, true, 1]);
    expect((await call(h, 'identity:list', {})).map((i) => i.certificate.commonName)).toEqual(['Brice HUET', 'Nadi BOU HANNA', 'Agent ESSAI']);
    dialog.opens.push(pki.ec.p12);
    await expect(call(h, 'identity:import-p12', { password: 'faux' })).rejects.toMatchObject({ code: 'P12_PASSWORD' });
    // Cancelling the dialog imports nothing.
    expect(await call(h, 'identity:import-p12', { password: TEST_PASSWORD })).toBeNull();
    expect(await call(h, 'identity:list', {})).toHaveLength(3);

    dialog.opens.push(pki.caPem, pki.rsa.key);
    const trusted = (await call(h, 'trust:import', {}))!;
    expect(trusted.map((c) => c.certificate.commonName)).toEqual(['Autorité de test Paraphe']);
    await expect(call(h, 'trust:import', {})).rejects.toMatchObject({ code: 'TRUST_BAD_FILE' });

    const stored = readdirSync(join(dataDir, 'identities'));
    expect(readFileSync(join(dataDir, 'identities', `${a.id}.p12`)).equals(readFileSync(pki.rsa.p12))).toBe(true);
    for (const f of [...stored.map((x) => join(dataDir, 'identities', x)), join(dataDir, 'trust', 'index.json')]) {
      const text = readFileSync(f).toString('latin1');
      expect(text.includes(TEST_PASSWORD)).toBe(false);
      expect(text.includes('essai-1234')).toBe(false);
    }
    expect(await call(h, 'identity:remove', { id: t.id })).toHaveLength(2);
    expect(await call(h, 'trust:remove', { id: trusted[0]!.id })).toEqual([]);
    expect(b.certificate.commonName).toBe('Nadi BOU HANNA');
  });

  it('signs the stored worked example three times in order, records each signature, exports it with its report', async () => {
    const { store, dialog, h } = await setup();
    dialog.opens.push(pki.rsa.p12, pki.ec.p12, pki.rsa2.p12, pki.caPem);
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await call(h, 'identity:import-p12', { password: TEST_PASSWORD }))!.id);
    await call(h, 'trust:import', {});

    const { summary } = await store.create(instantiateTemplate('exemple-camino-2020', { newId }));
    const id = summary.id;
    // Not finalized yet: nothing to sign.
    await expect(call(h, 'signature:prepare', { conventionId: id })).rejects.toMatchObject({ code: 'not-finalized' });
    await expect(call(h, 'signature:sign-next', { conventionId: id, identityId: ids[0], password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'not-finalized' });
    expect((await call(h, 'signature:state', { conventionId: id })).fields).toEqual([]);

    const finalized = await store.finalize(id);
    const prepared = await call(h, 'signature:prepare', { conventionId: id });
    expect(prepared.contentSha256).toBe(finalized.finalized!.contentSha256);
    expect(prepared.fields.map((f) => [f.order, f.signatoryName, f.signed])).toEqual([
      [1, 'Brice HUET', false], [2, 'Patrick SOULÉ', false], [3, 'Patrice GUYOT', false],
    ]);
    expect(prepared.next?.signatoryName).toBe('Brice HUET');
    // Preparing again reuses the same PDF.
    expect((await call(h, 'signature:prepare', { conventionId: id })).file?.sha256).toBe(prepared.file?.sha256);

    // A wrong password signs nothing and records nothing.
    await expect(call(h, 'signature:sign-next', { conventionId: id, identityId: ids[0], password: 'faux' })).rejects.toMatchObject({ code: 'P12_PASSWORD' });
    expect((await store.get(id)).summary.status).toBe('finalized');

    const names: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const out = await call(h, 'signature:sign-next', { conventionId: id, identityId: ids[i], password: TEST_PASSWORD });
      names.push(out.signature.signerName);
      expect(out.state.signedCount).toBe(i + 1);
      expect(out.signature.trust).toBe('trusted');
    }
    expect(names).toEqual(['Brice HUET', 'Patrick SOULÉ', 'Patrice GUYOT']);
    const record = await store.get(id);
    expect(record.summary.status).toBe('signed');
    expect((await store.audit(id)).filter((e) => e.action === 'signed')).toHaveLength(3);
    await expect(call(h, 'signature:sign-next', { conventionId: id, identityId: ids[0], password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'all-signed' });

    const report = await call(h, 'signature:verify', { conventionId: id });
    expect(report.verdict).toBe('valid');
    expect(report.signatures.map((s) => s.status)).toEqual(['valid', 'valid', 'valid']);

    // Export: cancelled writes nothing; then to the chosen path, with the report beside it.
    expect(await call(h, 'signature:export', { conventionId: id })).toBeNull();
    const target = join(work, `export-${id}.pdf`);
    dialog.saves.push(target);
    const exported = (await call(h, 'signature:export', { conventionId: id }))!;
    expect(exported).toEqual({ fileName: `export-${id}.pdf`, reportFileName: `export-${id}-verification.txt`, verdict: 'valid' });
    expect(dialog.asked.at(-1)).toMatch(/\[.*-signee\.pdf\]$/);
    const reportText = readFileSync(join(work, exported.reportFileName), 'utf8');
    expect(reportText).toMatch(/Verdict : /);
    expect(reportText.match(/Statut : valide/g)).toHaveLength(3);
    const sig = pdfsig(pki, target);
    expect([sig.valid, sig.trusted, sig.totalSigned]).toEqual([3, 3, 1]);
    expect((await store.audit(id)).at(-1)?.action).toBe('exported');
  });

  it('refuses to sign a stored PDF altered outside Paraphe', async () => {
    const { store, dialog, h } = await setup();
    dialog.opens.push(pki.rsa.p12);
    const a = (await call(h, 'identity:import-p12', { password: TEST_PASSWORD }))!;
    const { summary } = await store.create(instantiateTemplate('exemple-camino-2020', { newId }));
    await store.finalize(summary.id);
    await call(h, 'signature:prepare', { conventionId: summary.id });
    const file = (await store.get(summary.id)).files.at(-1)!;
    const bytes = readFileSync(file.path);
    bytes[100] = bytes[100]! ^ 0x20;
    writeFileSync(file.path, bytes);
    await expect(call(h, 'signature:sign-next', { conventionId: summary.id, identityId: a.id, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'stored-pdf-altered' });
    expect((await store.get(summary.id)).summary.status).toBe('finalized');
  });

  it('« Vérifier un PDF »: opens a PDF made elsewhere, reports it, counter-signs it into a new file', async () => {
    const { dialog, h } = await setup();
    dialog.opens.push(pki.rsa.p12, pki.caPem);
    const a = (await call(h, 'identity:import-p12', { password: TEST_PASSWORD }))!;
    await call(h, 'trust:import', {});
    const pdf = put(work, 'venue-d-ailleurs.pdf', await makeFieldsPdf({ signatories: [
      { name: 'Brice HUET', title: 'Secrétaire général adjoint', party: 'le délégant' },
    ] }));
    expect(await call(h, 'pdf-file:open', {})).toBeNull();
    dialog.opens.push(pdf);
    const opened = (await call(h, 'pdf-file:open', {}))!;
    expect(opened.fileName).toBe('venue-d-ailleurs.pdf');
    expect(opened.report.verdict).toBe('unsigned');
    expect(opened.fields.map((f) => [f.signatoryName, f.signed])).toEqual([['Brice HUET', false]]);

    const out = join(work, 'venue-d-ailleurs-signe.pdf');
    dialog.saves.push(out);
    const signed = (await call(h, 'pdf-file:countersign', { fileId: opened.fileId, identityId: a.id, password: TEST_PASSWORD }))!;
    expect(signed.fileName).toBe('venue-d-ailleurs-signe.pdf');
    expect(signed.report.verdict).toBe('valid');
    expect(existsSync(out)).toBe(true);
    await expect(call(h, 'pdf-file:countersign', { fileId: '00000000-0000-0000-0000-000000000000', identityId: a.id, password: TEST_PASSWORD }))
      .rejects.toMatchObject({ code: 'pdf-file-unknown' });
  });

  it('refuses to import an expired identity, with the date in the message', async () => {
    const { makeOddLeaf } = await import('../../helpers/signing/pki');
    const day = 86_400_000;
    const expired = makeOddLeaf(pki, { notBefore: new Date(Date.now() - 30 * day), notAfter: new Date(Date.now() - day) });
    const { dialog, h } = await setup();
    dialog.opens.push(expired);
    await expect(call(h, 'identity:import-p12', { password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'CERT_EXPIRED', message: expect.stringMatching(/a expiré le \d{4}-\d{2}-\d{2}/) });
    expect(await call(h, 'identity:list', {})).toEqual([]);
  });

  it('the contract takes no path from the renderer, and refuses unexpected keys and malformed ids', () => {
    expect(() => signingChannels['identity:remove'].input.parse({ id: '../../etc/passwd' })).toThrow();
    expect(() => signingChannels['identity:import-p12'].input.parse({ password: 'x', path: '/etc/passwd' })).toThrow();
    expect(() => signingChannels['signature:sign-next'].input.parse({ conventionId: 'a', identityId: 'x', password: 'p' })).toThrow();
    expect(() => signingChannels['pdf-file:open'].input.parse({ path: 'a.pdf' })).toThrow();
    for (const [name, spec] of Object.entries(signingChannels)) {
      const shape = (spec.input as unknown as { shape: Record<string, unknown> }).shape;
      expect(Object.keys(shape).filter((k) => /path/i.test(k)), name).toEqual([]);
    }
  });
});
