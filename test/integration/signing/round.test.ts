import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConventionHandlers } from '../../../main/ipc/handlers/conventions';
import { createSigningHandlers } from '../../../main/ipc/handlers/signing';
import type { DialogPort, Ports } from '../../../main/ports';
import { PdfDict, PdfStream } from '../../../main/signing/pdf/objects';
import { openStore } from '../../../main/storage/index';
import type { ConventionStore } from '../../../main/storage/types';
import { conventionChannels } from '../../../shared/ipc/channels/conventions';
import { signingChannels } from '../../../shared/ipc/channels/signing';
import { instantiateTemplate } from '../../../shared/templates/index';
import { appendUpdate, flip, pageContentNum } from '../../helpers/signing/attacks';
import { makeTestPki, pdfsig, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { tempDir } from '../../helpers/signing/sign';

/*
 * The signature round between workstations, over the real handlers and two data folders: the
 * drafter's (the convention) and a signatory's (no convention, only « Signer un document reçu »).
 */

let pki: TestPki;
const stores: ConventionStore[] = [];
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(async () => {
  for (const s of stores) await s.close();
});

class ScriptedDialog implements DialogPort {
  readonly opens: Array<string | null> = [];
  readonly saves: Array<string | null> = [];
  readonly asked: string[] = [];
  constructor(private readonly dir: string) {}
  async chooseOpenPath(o: { title: string }) {
    this.asked.push(o.title);
    return this.opens.shift() ?? null;
  }
  async chooseSavePath(o: { title: string; defaultName: string }) {
    this.asked.push(`${o.title} [${o.defaultName}]`);
    if (this.saves.length) return this.saves.shift()!;
    // As a person would: never over an earlier file of the round (« … (2).pdf »).
    let path = join(this.dir, o.defaultName);
    for (let k = 2; existsSync(path); k += 1) path = join(this.dir, o.defaultName.replace(/\.pdf$/, ` (${k}).pdf`));
    return path;
  }
}

const all = { ...conventionChannels, ...signingChannels };
type Channels = typeof all;

/** One workstation: its data folder, store, dialogs and handlers (called as main does: parsed in, checked out). */
async function workstation(identities: readonly string[]) {
  const dataDir = tempDir('paraphe-round-data-');
  const outbox = tempDir('paraphe-round-files-');
  const store = await openStore(dataDir);
  stores.push(store);
  const dialog = new ScriptedDialog(outbox);
  const ports: Ports = { dialog, paths: { dataDir, appName: 'Paraphe', version: '0' }, shell: { openPath: async () => undefined, showItemInFolder: () => undefined } };
  const handlers = { ...createConventionHandlers({ store, ports }), ...createSigningHandlers({ dataDir, store, dialog }) };
  async function call<K extends keyof Channels>(channel: K, input: unknown) {
    const spec = all[channel];
    const out = await (handlers[channel] as (i: unknown) => Promise<unknown>)(spec.input.parse(input));
    return spec.output.parse(out) as Awaited<ReturnType<(typeof handlers)[K]>>;
  }
  const ids: string[] = [];
  for (const p12 of identities) {
    dialog.opens.push(p12);
    ids.push((await call('identity:import-p12', { password: TEST_PASSWORD }))!.id);
  }
  dialog.opens.push(pki.caPem);
  await call('trust:import', {});
  return { dataDir, outbox, store, dialog, call, ids };
}

let n = 0;
const newId = () => `r-${++n}`;

async function finalizedConvention(ws: Awaited<ReturnType<typeof workstation>>) {
  const { summary } = await ws.store.create(instantiateTemplate('exemple-camino-2020', { newId }));
  await ws.store.finalize(summary.id);
  return summary.id;
}

describe('the signature round between workstations', () => {
  it('sends, signs elsewhere in order, imports each copy back (twice: idempotent), exports a copy pdfsig trusts', async () => {
    const drafter = await workstation([]);
    const other = await workstation([pki.rsa.p12, pki.ec.p12, pki.rsa2.p12]);
    const id = await finalizedConvention(drafter);
    const record = await drafter.store.get(id);

    // Sending: main's dialog suggests « {nom court} – à signer par 1 {Nom}.pdf »; the record waits for him.
    const sent = (await drafter.call('signature:send', { conventionId: id }))!;
    // The short title « … MTES-MCTRCT / DINUM » loses its « / », which no file name may hold.
    const short = 'Délégation de gestion Camino 2020 — MTES-MCTRCT DINUM';
    expect(record.summary.shortTitle).toBe('Délégation de gestion Camino 2020 — MTES-MCTRCT / DINUM');
    expect(sent.fileName).toBe(`${short} – à signer par 1 Brice HUET.pdf`);
    expect(sent.state.awaiting).toMatchObject({ name: 'Brice HUET', order: 1 });
    expect((await drafter.store.audit(id)).at(-1)).toMatchObject({ action: 'sent', detail: `Envoyé pour signature à Brice HUET (signataire 1) : ${sent.fileName}` });
    const toSign1 = join(drafter.outbox, sent.fileName);
    const finalizedPdf = readFileSync(toSign1);

    // The other workstation: no convention, only the received file; signatory 2 may not sign first.
    other.dialog.opens.push(toSign1);
    const opened = (await other.call('received:open', {}))!;
    expect(opened.next).toMatchObject({ order: 1, signatoryName: 'Brice HUET' });
    expect(opened.report.verdict).toBe('unsigned');
    expect(Buffer.from(opened.base64, 'base64').equals(finalizedPdf)).toBe(true);
    const field2 = opened.fields.find((f) => f.order === 2)!;
    await expect(other.call('received:sign', { fileId: opened.fileId, identityId: other.ids[1], password: TEST_PASSWORD, fieldName: field2.name }))
      .rejects.toMatchObject({ code: 'SIGN_ORDER', message: expect.stringContaining('Brice HUET (signataire 1) doit signer d’abord') });
    const signed1 = await other.call('received:sign', { fileId: opened.fileId, identityId: other.ids[0], password: TEST_PASSWORD });
    expect(signed1.fileName).toBe(`${short} – signé par 1 Brice HUET.pdf`);
    expect(signed1.next).toMatchObject({ order: 2 });
    expect(signed1.report.signatures.map((s) => s.status)).toEqual(['valid']);
    // Beside the received file, never over it.
    expect(readFileSync(toSign1).equals(finalizedPdf)).toBe(true);
    const copy1 = join(drafter.outbox, signed1.fileName);

    // Back to the drafter: imported once; the same copy again changes nothing and says so.
    drafter.dialog.opens.push(copy1);
    const imported = (await drafter.call('signature:import-copy', { conventionId: id }))!;
    expect(imported.outcome).toBe('imported');
    expect(imported.added).toEqual([{ order: 1, name: 'Brice HUET' }]);
    expect(imported.state).toMatchObject({ status: 'signing', signedCount: 1, next: { order: 2 } });
    expect(imported.state.awaiting).toBeUndefined();
    expect((await drafter.store.audit(id)).at(-1)).toMatchObject({ action: 'signed', detail: `Exemplaire signé par Brice HUET importé (${signed1.fileName})` });
    const filesBefore = (await drafter.store.get(id)).files.length;
    drafter.dialog.opens.push(copy1);
    expect((await drafter.call('signature:import-copy', { conventionId: id }))!.outcome).toBe('already-imported');
    expect((await drafter.store.get(id)).files.length).toBe(filesBefore);
    // Dropped on the window (bytes): the same answer.
    const dropped = { fileName: signed1.fileName, base64: readFileSync(copy1).toString('base64') };
    expect((await drafter.call('signature:import-copy', { conventionId: id, dropped }))!.outcome).toBe('already-imported');

    // Signatory 2, then 3 on the other workstation, one after the other (the second builds on the first).
    const sent2 = (await drafter.call('signature:send', { conventionId: id }))!;
    expect(sent2.fileName).toBe(`${short} – à signer par 2 Patrick SOULÉ.pdf`);
    other.dialog.opens.push(join(drafter.outbox, sent2.fileName));
    const opened2 = (await other.call('received:open', {}))!;
    expect(opened2.report.signatures).toHaveLength(1);
    await other.call('received:sign', { fileId: opened2.fileId, identityId: other.ids[1], password: TEST_PASSWORD });
    const signed3 = await other.call('received:sign', { fileId: opened2.fileId, identityId: other.ids[2], password: TEST_PASSWORD });
    expect(signed3.fileName).toBe(`${short} – signé par 3 Patrice GUYOT.pdf`);
    expect(signed3.next).toBeUndefined();
    drafter.dialog.opens.push(join(drafter.outbox, signed3.fileName));
    const last = (await drafter.call('signature:import-copy', { conventionId: id }))!;
    expect(last.added.map((a) => a.order)).toEqual([2, 3]);
    expect(last.state.status).toBe('signed');
    expect(last.state.copies.map((c) => c.signed)).toEqual([false, true, true]);

    // The export verifies on its own: three valid, trusted signatures, the last over the whole file.
    drafter.dialog.saves.push(join(drafter.outbox, 'final.pdf'));
    await drafter.call('signature:export', { conventionId: id });
    const sig = pdfsig(pki, join(drafter.outbox, 'final.pdf'));
    expect([sig.valid, sig.trusted, sig.totalSigned], sig.text).toEqual([3, 3, 1]);

    // `paraphe verify --against`: 0 for this document, 1 with the reason for another one.
    const cli = (args: string[]) => spawnSync(process.execPath, [join(import.meta.dirname, '../../../bin/paraphe.mjs'), 'verify', ...args], { encoding: 'utf8' });
    const ok = cli([join(drafter.outbox, 'final.pdf'), '--trust', pki.caPem, '--against', toSign1]);
    expect(readFileSync(toSign1).equals(finalizedPdf)).toBe(true);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Issu de');
    const otherId = await finalizedConvention(drafter);
    const otherSent = (await drafter.call('signature:send', { conventionId: otherId }))!;
    const ko = cli([join(drafter.outbox, 'final.pdf'), '--trust', pki.caPem, '--against', join(drafter.outbox, otherSent.fileName)]);
    expect(ko.status).toBe(1);
    expect(ko.stderr).toContain(`Ce fichier n’est pas issu de « ${otherSent.fileName} » : sa première version diffère.`);
  }, 120_000);

  it('refuses another convention’s copy, an earlier version’s, a tampered one, fewer signatures, parallel copies; nothing changes', async () => {
    const drafter = await workstation([]);
    const other = await workstation([pki.rsa.p12, pki.ec.p12]);
    const id = await finalizedConvention(drafter);
    const firstSent = (await drafter.call('signature:send', { conventionId: id }))!;
    const v1Pdf = join(drafter.outbox, firstSent.fileName);

    /** Signs `file` on the other workstation as signatory `who` (index in its identities). */
    const signElsewhere = async (file: string, who: number) => {
      other.dialog.opens.push(file);
      const o = (await other.call('received:open', {}))!;
      return join(dirname(file), (await other.call('received:sign', { fileId: o.fileId, identityId: other.ids[who], password: TEST_PASSWORD })).fileName);
    };
    const expectRefused = async (file: string | Buffer, code: string, words: string) => {
      const before = { record: await drafter.store.get(id), audit: await drafter.store.audit(id) };
      const input = typeof file === 'string'
        ? (drafter.dialog.opens.push(file), { conventionId: id })
        : { conventionId: id, dropped: { fileName: 'reçu.pdf', base64: file.toString('base64') } };
      await expect(drafter.call('signature:import-copy', input)).rejects.toMatchObject({ code, message: expect.stringContaining(words) });
      expect(await drafter.store.get(id)).toEqual(before.record);
      expect(await drafter.store.audit(id)).toEqual(before.audit);
    };

    // An earlier version: reopened, changed, finalized again; the copy of version 1 comes back.
    const signedV1 = await signElsewhere(v1Pdf, 0);
    await drafter.call('convention:reopen', { id });
    const changed = (await drafter.store.get(id)).convention;
    await drafter.call('convention:save', { convention: { ...changed, place: 'Lyon' } });
    await drafter.store.finalize(id);
    const sent = (await drafter.call('signature:send', { conventionId: id }))!;
    const toSign = join(drafter.outbox, sent.fileName);
    await expectRefused(signedV1, 'copy-earlier-version', 'version 1 de cette convention');

    // Another convention's copy.
    const otherId = await finalizedConvention(drafter);
    const otherSent = (await drafter.call('signature:send', { conventionId: otherId }))!;
    await expectRefused(await signElsewhere(join(drafter.outbox, otherSent.fileName), 0), 'copy-other-document', 'sa première version diffère');

    // Tampered copies: one byte flipped inside the signed range; a page rewritten by an incremental update.
    const good = readFileSync(await signElsewhere(toSign, 0));
    const finalLength = readFileSync(toSign).length;
    // A digit of the signing time (/M), inside the range the signature covers.
    await expectRefused(flip(good, good.indexOf('(D:', finalLength) + 4), 'copy-invalid', 'ses signatures ne sont pas valables');
    await expectRefused(flip(good, 200), 'copy-other-document', 'sa première version diffère');
    const rewritten = appendUpdate(good, [[pageContentNum(good), new PdfStream(new PdfDict(), Buffer.from('BT /F1 24 Tf 72 700 Td (Montant : 1 EUR) Tj ET'))]]);
    await expectRefused(rewritten, 'copy-invalid', 'modifications non permises');

    // Signed in order: 1 then 2 comes back; then the copy with 1 only is fewer signatures.
    const one = join(drafter.outbox, 'un.pdf');
    writeFileSync(one, good);
    drafter.dialog.opens.push(one);
    await drafter.call('signature:import-copy', { conventionId: id });
    const two = await signElsewhere(one, 1);
    drafter.dialog.opens.push(two);
    expect((await drafter.call('signature:import-copy', { conventionId: id }))!.state.signedCount).toBe(2);
    await expectRefused(one, 'copy-fewer-signatures', 'moins que l’exemplaire déjà enregistré (2)');

    // Editing the signed convention through IPC directly: refused by main, nothing written.
    const versions = (await drafter.store.versions(id)).length;
    const locked = (await drafter.store.get(id)).convention;
    await expect(drafter.call('convention:save', { convention: { ...locked, place: 'Marseille' }, origin: 'autosave' })).rejects.toMatchObject({ code: 'convention-locked' });
    await expect(drafter.call('convention:rename', { id, title: 'Autre titre' })).rejects.toMatchObject({ code: 'convention-locked' });
    await expect(drafter.call('convention:restore-version', { id, version: 1 })).rejects.toMatchObject({ code: 'convention-locked' });
    expect((await drafter.store.versions(id)).length).toBe(versions);
    expect((await drafter.store.get(id)).convention.place).toBe('Lyon');
  }, 120_000);

  it('refuses a copy signed in parallel from the same copy (the round is sequential)', async () => {
    const drafter = await workstation([]);
    const a = await workstation([pki.rsa.p12]);
    const b = await workstation([pki.rsa.p12, pki.ec.p12]);
    const id = await finalizedConvention(drafter);
    const sent = join(drafter.outbox, (await drafter.call('signature:send', { conventionId: id }))!.fileName);
    const signOn = async (ws: typeof a, file: string, who: number) => {
      ws.dialog.opens.push(file);
      const o = (await ws.call('received:open', {}))!;
      return (await ws.call('received:sign', { fileId: o.fileId, identityId: ws.ids[who], password: TEST_PASSWORD })).fileName;
    };
    const first = join(drafter.outbox, await signOn(a, sent, 0));
    // The same file signed again by signatory 1 on another workstation: a second, different copy, kept beside the first.
    const second = join(drafter.outbox, await signOn(b, sent, 0));
    expect(second).not.toBe(first);
    expect(existsSync(first) && existsSync(second)).toBe(true);
    drafter.dialog.opens.push(first);
    await drafter.call('signature:import-copy', { conventionId: id });
    drafter.dialog.opens.push(second);
    await expect(drafter.call('signature:import-copy', { conventionId: id })).rejects.toMatchObject({ code: 'copy-parallel' });
    // Signatory 2 signs that other copy: it does not extend the one recorded.
    const parallel = join(drafter.outbox, await signOn(b, second, 1));
    drafter.dialog.opens.push(parallel);
    await expect(drafter.call('signature:import-copy', { conventionId: id })).rejects.toMatchObject({ code: 'copy-parallel', message: expect.stringContaining('ne peuvent pas être fusionnés') });
    expect(readdirSync(drafter.outbox).filter((f) => f.includes('signé par 1')).length).toBe(2);
  }, 120_000);

  it('reopens a signed convention as a new version, keeping the finalized version and the signed copies', async () => {
    const drafter = await workstation([pki.rsa.p12]);
    const id = await finalizedConvention(drafter);
    await drafter.call('signature:sign-next', { conventionId: id, identityId: drafter.ids[0], password: TEST_PASSWORD });
    const before = await drafter.store.get(id);
    const out = await drafter.call('convention:reopen', { id });
    expect(out.signaturesLost).toBe(1);
    expect(out.summary).toMatchObject({ status: 'draft', version: before.summary.version + 1 });
    const after = await drafter.store.get(id);
    expect(after.files).toEqual(before.files);
    for (const f of after.files) expect(existsSync(f.path)).toBe(true);
    const versions = await drafter.store.versions(id);
    expect(versions[0]).toMatchObject({ summary: 'Rouverte pour modification', contentSha256: versions[1]!.contentSha256 });
    expect(versions[1]!.finalized).toBe(true);
    expect((await drafter.store.audit(id)).at(-1)).toMatchObject({ action: 'reopened', detail: expect.stringContaining('1 signature apposée ne vaut plus pour le nouveau texte') });
    // Now editable again; signing waits for a new finalization.
    await drafter.call('convention:save', { convention: { ...after.convention, place: 'Nantes' } });
    await expect(drafter.call('signature:send', { conventionId: id })).rejects.toMatchObject({ code: 'not-finalized' });
  }, 60_000);
});
