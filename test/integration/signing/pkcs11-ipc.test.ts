import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppDispatch, openServices } from '../../../main/ipc/handler-table';
import { trustedSender, type Dispatch } from '../../../main/ipc/register';
import type { Ports } from '../../../main/ports';
import { closeModule } from '../../../main/signing/pkcs11/index';
import { renderConvention } from '../../../main/pdf/index';
import { verifyPdf } from '../../../main/signing/verify/verify-pdf';
import { getTemplate } from '../../../shared/templates/index';
import type { CardModuleDto } from '../../../shared/ipc/channels/pkcs11';
import { makeTestPki, type TestPki } from '../../helpers/signing/pki';
import { tempDir } from '../../helpers/signing/sign';
import { startTestTsa, type TestTsa } from '../../helpers/signing/tsa';
import { certificateWithoutKey, generateOnToken, importIdentity, makeSoftToken, SOFTHSM_MODULE, softhsmAvailable, type SoftToken } from '../../helpers/signing/softhsm';

/*
 * The card channels through the app's own dispatch (the one ipcMain and the browser harness
 * call), over a real data folder and a SoftHSM2 token: listing, adding a middleware in main's
 * dialog, signing a finalized convention with the PIN. The PIN must never show up in a log
 * line, an error, an audit entry or a file of the data folder.
 */

const APP = 'file:///app/out/renderer/index.html';
const available = softhsmAvailable();
let pki: TestPki;
let token: SoftToken;
let root: string;
let dataDir: string;
let dispatch: Dispatch;
let close: () => Promise<void>;
const logs: string[] = [];
const opens: Array<string | null> = [];

beforeAll(async () => {
  if (!available) return;
  pki = makeTestPki();
  // Not only digits: a PIN of six digits could turn up by chance among a PDF's offsets.
  token = makeSoftToken('Carte IPC', `Pq${process.pid}#zX`);
  generateOnToken(token, pki, { id: 'a1', label: 'Signature', kind: 'rsa', cn: 'Brice HUET' });
  certificateWithoutKey(token, pki, { id: 'b2', label: 'Sans clé', cn: 'Agent Sans Clé' });
  // A 1,024-bit RSA key and its certificate, put on the card: listed, but it cannot sign.
  const short = (args: string[]) => execFileSync('openssl', args, { cwd: pki.dir, stdio: 'pipe' });
  short(['req', '-new', '-newkey', 'rsa:1024', '-nodes', '-keyout', 'courte.key', '-out', 'courte.csr', '-utf8', '-subj', '/CN=Agent Clé Courte/O=MTES']);
  writeFileSync(join(pki.dir, 'courte.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  short(['x509', '-req', '-in', 'courte.csr', '-CA', pki.caPem, '-CAkey', pki.caKey, '-CAcreateserial', '-days', '30', '-sha256', '-extfile', 'courte.ext', '-out', 'courte.pem']);
  importIdentity(token, join(pki.dir, 'courte.key'), join(pki.dir, 'courte.pem'), { id: 'c3', label: 'Clé courte' });
  root = tempDir('paraphe-pkcs11-ipc-');
  dataDir = join(root, 'data');
  const ports: Ports = {
    dialog: { chooseSavePath: async () => null, chooseOpenPath: async () => opens.shift() ?? null },
    paths: { dataDir, appName: 'Paraphe', version: '0.0.0-test' },
    shell: { openPath: async () => undefined, showItemInFolder: () => undefined },
  };
  const services = await openServices(ports);
  close = services.close;
  ({ dispatch } = createAppDispatch(services, {
    isTrustedSender: trustedSender({ fileUrl: APP }),
    log: (message, error) => logs.push(`${message} ${error instanceof Error ? `${error.message} ${error.stack}` : JSON.stringify(error ?? '')}`),
  }));
}, 60_000);

afterAll(async () => {
  await close?.();
  if (available) closeModule(SOFTHSM_MODULE);
});

async function ok<T>(channel: string, payload: unknown): Promise<T> {
  const r = await dispatch(channel, payload, APP);
  if (!r.ok) throw new Error(`${channel} : ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** Every file of the data folder, read as text (to look for the PIN in it). */
function dataText(): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(`${relative(dataDir, p)}\n${readFileSync(p).toString('latin1')}`);
    }
  };
  walk(dataDir);
  return out.join('\n');
}

describe.skipIf(!available)('card channels through the dispatch (SoftHSM2)', () => {
  let cardModule: CardModuleDto;

  it('pkcs11:list: SoftHSM2 found where Debian installs it, the token and its signing certificates, keys « unknown » before the PIN', async () => {
    const modules = await ok<CardModuleDto[]>('pkcs11:list', {});
    cardModule = modules.find((m) => m.path === SOFTHSM_MODULE)!;
    expect(cardModule).toMatchObject({ name: 'SoftHSM2 (jeton logiciel de test)', source: 'known' });
    expect(cardModule.id).toMatch(/^[0-9a-f]{16}$/);
    const [t] = cardModule.tokens;
    expect(t).toMatchObject({ label: 'Carte IPC', loginRequired: true, protectedAuthPath: false });
    expect(t!.identities.map((i) => [i.keyId, i.certificate?.commonName, i.privateKey, i.canSign])).toEqual([
      ['a1', 'Brice HUET', 'unknown', true],
      ['b2', 'Agent Sans Clé', 'unknown', true],
      ['c3', 'Agent Clé Courte', 'unknown', false],
    ]);
    expect(t!.identities[2]!.problem).toBe('Ne peut pas signer : la clé RSA du certificat de « Agent Clé Courte » ne fait que 1\u202f024 bits, trop courte pour une signature sûre (au moins 2 048 bits selon le référentiel général de sécurité).');
  });

  it('pkcs11:add-module: a file that is not a PKCS#11 library is refused and nothing is remembered; cancelling adds nothing', async () => {
    const notALibrary = join(root, 'pas-une-bibliotheque.so');
    writeFileSync(notALibrary, 'ceci n’est pas une bibliothèque');
    opens.push(notALibrary);
    const r = await dispatch('pkcs11:add-module', {}, APP);
    expect(r).toMatchObject({ ok: false, error: { code: 'PKCS11_MODULE_UNLOADABLE', message: expect.stringMatching(/n’est pas un module PKCS#11 utilisable/) } });
    expect(await ok('pkcs11:add-module', {})).toBeNull();
    expect(dataText()).not.toContain('pas-une-bibliotheque');
  });

  it('pkcs11:add-module then pkcs11:remove-module: a library the user chose is remembered by its path only, then forgotten', async () => {
    const copy = join(root, 'libcarte-maison.so');
    copyFileSync(SOFTHSM_MODULE, copy);
    opens.push(copy);
    const added = (await ok<CardModuleDto[]>('pkcs11:add-module', {}))!;
    const mine = added.find((m) => m.path === copy)!;
    expect(mine).toMatchObject({ name: 'libcarte-maison.so', source: 'user' });
    expect(mine.tokens.map((t) => t.label)).toEqual(['Carte IPC']);
    expect(JSON.parse(readFileSync(join(dataDir, 'pkcs11', 'modules.json'), 'utf8'))).toEqual([{ path: copy, addedAt: expect.any(String) }]);
    const after = await ok<CardModuleDto[]>('pkcs11:remove-module', { moduleId: mine.id });
    expect(after.some((m) => m.path === copy)).toBe(false);
    // A middleware found on the computer is not the user's to remove.
    expect(await dispatch('pkcs11:remove-module', { moduleId: cardModule.id }, APP)).toMatchObject({ ok: false, error: { code: 'PKCS11_MODULE_UNKNOWN' } });
    closeModule(copy);
  });

  describe('pkcs11:sign-next on a finalized convention', () => {
    let conventionId = '';
    const card = () => ({ moduleId: cardModule.id, token: cardModule.tokens[0]!.token, keyId: 'a1' });

    beforeAll(async () => {
      const created = await ok<{ id: string }>('convention:create', { templateId: 'exemple-camino-2020' });
      conventionId = created.id;
      await ok('convention:finalize', { id: conventionId });
    }, 60_000);

    it('a wrong PIN: « Code PIN incorrect », nothing signed, nothing recorded', async () => {
      const wrong = `${token.pin}9`;
      const r = await dispatch('pkcs11:sign-next', { conventionId, card: card(), pin: wrong }, APP);
      expect(r).toMatchObject({ ok: false, error: { code: 'PKCS11_PIN_INCORRECT', message: expect.stringMatching(/^Code PIN incorrect/) } });
      expect(JSON.stringify(r)).not.toContain(wrong);
      const state = await ok<{ signedCount: number }>('signature:state', { conventionId });
      expect(state.signedCount).toBe(0);
      expect(logs.join('\n')).not.toContain(wrong);
      expect(dataText()).not.toContain(wrong);
    });

    it('a certificate without its key: refused with a French message', async () => {
      const r = await dispatch('pkcs11:sign-next', { conventionId, card: { ...card(), keyId: 'b2' }, pin: token.pin }, APP);
      expect(r).toMatchObject({ ok: false, error: { code: 'PKCS11_CERTIFICATE_WITHOUT_KEY' } });
      expect(JSON.stringify(r)).not.toContain(token.pin);
    });

    it('the right PIN signs the first field; the PIN is in no log, audit entry, answer or stored file', async () => {
      const r = await ok<{ state: { signedCount: number }; signature: { signerName: string; fieldName: string } }>('pkcs11:sign-next', { conventionId, card: card(), pin: token.pin });
      expect(r.signature).toMatchObject({ signerName: 'Brice HUET', fieldName: 'signature-1' });
      expect(r.state.signedCount).toBe(1);
      const audit = await ok<unknown[]>('convention:audit', { id: conventionId });
      expect(JSON.stringify(audit)).toContain('Brice HUET');
      for (const text of [JSON.stringify(r), JSON.stringify(audit), logs.join('\n'), dataText()]) expect(text).not.toContain(token.pin);
      // The stored signed PDF is a valid PAdES signature by the token's key.
      const signed = readdirSync(join(dataDir), { recursive: true }).map(String).filter((f) => f.endsWith('.pdf'));
      const newest = signed.map((f) => join(dataDir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
      const report = verifyPdf(readFileSync(newest), { trustAnchors: [new X509Certificate(readFileSync(pki.caPem))] });
      expect(report.signatures.map((s) => [s.signer?.commonName, s.status])).toEqual([['Brice HUET', 'valid']]);
    });
  });

  it('a card signs at the level the settings ask: B-T with a timestamp from the TSA (here one on 127.0.0.1)', async () => {
    let tsa: TestTsa | undefined;
    try {
      tsa = await startTestTsa(pki);
      // The timestamp's authority is checked against the trust list, as the signer's chain is.
      opens.push(pki.caPem);
      await ok('trust:import', {});
      await ok('settings:set', { tsaUrl: tsa.url, proxyUrl: null, level: 'B-T', offline: 'refuse' });
      const { id } = await ok<{ id: string }>('convention:create', { templateId: 'exemple-camino-2020' });
      await ok('convention:finalize', { id });
      const card = { moduleId: cardModule.id, token: cardModule.tokens[0]!.token, keyId: 'a1' };
      const r = await ok<{ signature: { signerName: string; level?: string } }>('pkcs11:sign-next', { conventionId: id, card, pin: token.pin });
      expect(r.signature).toMatchObject({ signerName: 'Brice HUET', level: 'B-T' });
      const signed = readdirSync(dataDir, { recursive: true }).map(String).filter((f) => f.endsWith('.pdf'));
      const newest = signed.map((f) => join(dataDir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
      const anchors = [new X509Certificate(readFileSync(pki.caPem))];
      const report = verifyPdf(readFileSync(newest), { trustAnchors: anchors });
      expect(report.signatures.map((x) => [x.signer?.commonName, x.status, x.level, x.timestamp?.status])).toEqual([['Brice HUET', 'valid', 'B-T', 'valid']]);
    } finally {
      await ok('settings:set', { tsaUrl: null, proxyUrl: null, level: 'B-B', offline: 'refuse' });
      await tsa?.close();
    }
  }, 60_000);

  it('pkcs11:sign-received: « Signer un document reçu » with the card; out of order is refused before the PIN is used', async () => {
    const template = getTemplate('exemple-camino-2020')!;
    const received = join(root, 'Convention Camino – à signer par 1 Brice HUET.pdf');
    writeFileSync(received, (await renderConvention(template.build())).bytes);
    opens.push(received);
    const opened = (await ok<{ fileId: string }>('received:open', {}))!;
    const card = { moduleId: cardModule.id, token: cardModule.tokens[0]!.token, keyId: 'a1' };
    // A wrong PIN for a field whose turn has not come: the turn is refused, the PIN never reached the card.
    const early = await dispatch('pkcs11:sign-received', { fileId: opened.fileId, card, pin: 'pas-le-bon', fieldName: 'signature-2' }, APP);
    expect(early).toMatchObject({ ok: false, error: { code: 'SIGN_ORDER' } });
    const wrong = await dispatch('pkcs11:sign-received', { fileId: opened.fileId, card, pin: 'pas-le-bon' }, APP);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'PKCS11_PIN_INCORRECT' } });
    expect(readdirSync(root).filter((f) => f.includes('signé par'))).toEqual([]);
    const signed = await ok<{ fileName: string; signature: { signerName: string } }>('pkcs11:sign-received', { fileId: opened.fileId, card, pin: token.pin });
    expect(signed).toMatchObject({ fileName: 'Convention Camino – signé par 1 Brice HUET.pdf', signature: { signerName: 'Brice HUET' } });
    const report = verifyPdf(readFileSync(join(root, signed.fileName)), { trustAnchors: [new X509Certificate(readFileSync(pki.caPem))] });
    expect(report.signatures.map((x) => [x.signer?.commonName, x.status])).toEqual([['Brice HUET', 'valid']]);
    expect(JSON.stringify(signed) + logs.join('\n')).not.toContain(token.pin);
  });

  it('malformed card references are refused by the contract before any card is touched', async () => {
    for (const card of [{ moduleId: 'x', token: 't', keyId: 'a1' }, { moduleId: cardModule.id, token: '', keyId: 'a1' }, { moduleId: cardModule.id, token: 't', keyId: 'zz' }]) {
      const r = await dispatch('pkcs11:sign-next', { conventionId: 'c', card, pin: '1234' }, APP);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    const unknown = await dispatch('pkcs11:sign-next', { conventionId: 'c', card: { moduleId: '0123456789abcdef', token: 't', keyId: 'a1' }, pin: '1234' }, APP);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'PKCS11_MODULE_UNKNOWN' } });
  });
});

describe.skipIf(available)('card channels through the dispatch', () => {
  it('is skipped: softhsm2 and opensc (pkcs11-tool) are not installed here (.ci/run installs them)', () => undefined);
});
