import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCommand } from '../../../main/cli/commands/identity';
import { signCommand } from '../../../main/cli/commands/sign';
import { renderConvention } from '../../../main/pdf/index';
import { signBytesWith } from '../../../main/signing/service';
import { closeModule, ecdsaRawToDer, listTokens, openCardSigner, withCardSigner } from '../../../main/signing/pkcs11/index';
import { getTemplate } from '../../../shared/templates/index';
import { recordingIo } from '../../helpers/signing/cli-io';
import { makeTestPki, pdfsig, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, tempDir, verifyTrusting } from '../../helpers/signing/sign';
import {
  certificateWithoutKey, deleteToken, generateOnToken, makeSoftToken, PIN_FLAGS, setPinFlags, SOFTHSM_MODULE, softhsmAvailable,
  type SoftToken,
} from '../../helpers/signing/softhsm';

/*
 * Signing with a real PKCS#11 token (SoftHSM2), keys generated on the token: the worked
 * example signed by a token RSA key, a token ECDSA key and a .p12, in order; then every way a
 * card can refuse, each with a French message and no file written.
 */

const available = softhsmAvailable();
let pki: TestPki;
let token: SoftToken;
let dir: string;
let example: string;

beforeAll(async () => {
  if (!available) return;
  pki = makeTestPki();
  token = makeSoftToken('Carte agent');
  generateOnToken(token, pki, { id: '01', label: 'Signature RSA', kind: 'rsa', cn: 'Brice HUET' });
  generateOnToken(token, pki, { id: '02', label: 'Signature ECDSA', kind: 'ec', cn: 'Patrick SOULÉ' });
  certificateWithoutKey(token, pki, { id: '03', label: 'Certificat seul', cn: 'Agent Sans Clé' });
  generateOnToken(token, pki, { id: '04', label: 'Clé seule', kind: 'ec' });
  dir = tempDir('paraphe-pkcs11-');
  const template = getTemplate('exemple-camino-2020');
  if (!template) throw new Error('modèle exemple-camino-2020 absent');
  example = put(dir, 'camino.pdf', Buffer.from((await renderConvention(template.build())).bytes));
}, 60_000);

afterAll(() => {
  if (available) closeModule(SOFTHSM_MODULE);
});

/** Runs `paraphe sign` with the PIN in PARAPHE_PIN. */
async function cliSign(args: string[], pin: string) {
  const r = recordingIo(dir);
  const io = { ...r.io, env: { PARAPHE_PIN: pin, PARAPHE_PASSWORD: TEST_PASSWORD } };
  const code = await signCommand.run(args, io);
  return { code, out: r.out(), err: r.err(), prompts: r.prompts };
}

describe.skipIf(!available)('PKCS#11 with SoftHSM2 (keys generated on the token)', () => {
  it('lists the token: without the PIN the keys are « unknown », with it each certificate is paired by CKA_ID', () => {
    const [before] = listTokens(SOFTHSM_MODULE);
    expect(before!.label).toBe('Carte agent');
    expect(before!.loginRequired).toBe(true);
    expect(before!.entries.map((e) => [e.keyId, e.privateKey])).toEqual([['01', 'unknown'], ['02', 'unknown'], ['03', 'unknown']]);
    const [after] = listTokens(SOFTHSM_MODULE, { pin: token.pin });
    const byId = new Map(after!.entries.map((e) => [e.keyId, e]));
    expect(byId.get('01')).toMatchObject({ privateKey: 'found', label: 'Signature RSA' });
    expect(byId.get('02')).toMatchObject({ privateKey: 'found', label: 'Signature ECDSA' });
    expect(byId.get('03')).toMatchObject({ privateKey: 'absent' });
    expect(byId.get('04')?.certificate).toBeUndefined();
    expect(byId.get('01')!.certificate!.subject).toContain('CN=Brice HUET');
  });

  it('paraphe identity list --pkcs11: asks the PIN (PARAPHE_PIN) and shows ids, labels, holders and what cannot sign', async () => {
    const r = recordingIo(dir);
    const code = await identityCommand.run(['list', '--pkcs11', SOFTHSM_MODULE], { ...r.io, env: { PARAPHE_PIN: token.pin } });
    expect(code, r.err()).toBe(0);
    expect(r.out()).toContain('Carte « Carte agent »');
    expect(r.out()).toMatch(/--key-id 01 {2}--key-label "Signature RSA"\n {6}Brice HUET \(MTES\), émis par Autorité de test Paraphe/);
    expect(r.out()).toMatch(/--key-id 02[\s\S]*Patrick SOULÉ[\s\S]*clé ec[\s\S]*clé privée présente/i);
    expect(r.out()).toMatch(/--key-id 03[\s\S]*certificat sans clé privée : ne peut pas signer/);
    expect(r.out()).toMatch(/--key-id 04[\s\S]*clé sans certificat sur la carte : ne peut pas signer/);
    expect(r.out() + r.err()).not.toContain(token.pin);
  });

  it('converts the token’s raw ECDSA r‖s into DER INTEGERs (leading zeros dropped, sign byte added)', () => {
    const raw = Buffer.concat([Buffer.from([0x00, 0x00, 0x7f, ...Array(29).fill(1)]), Buffer.from([0x80, ...Array(31).fill(2)])]);
    const der = ecdsaRawToDer(raw);
    expect(der.subarray(0, 4).toString('hex')).toBe('3043021e');
    expect(der[2 + 2 + 30]).toBe(0x02);
    expect(der[2 + 2 + 30 + 1]).toBe(33);
    expect(der[2 + 2 + 30 + 2]).toBe(0);
  });

  describe('the worked example signed by a token RSA key, a token ECDSA key, then a .p12', () => {
    let s3 = '';
    beforeAll(async () => {
      const s1 = await cliSign(['camino.pdf', '--pkcs11', SOFTHSM_MODULE, '--token', 'Carte agent', '--key-label', 'Signature RSA', '-o', 's1.pdf'], token.pin);
      expect(s1.code, s1.err).toBe(0);
      const s2 = await cliSign(['s1.pdf', '--pkcs11', SOFTHSM_MODULE, '--key-id', '02', '--signatory', '2', '-o', 's2.pdf'], token.pin);
      expect(s2.code, s2.err).toBe(0);
      expect(s2.out).toContain('Signé par Patrick SOULÉ');
      const p3 = await cliSign(['s2.pdf', '--p12', pki.legacy.p12, '--signatory', '3', '-o', 's3.pdf'], token.pin);
      expect(p3.code, p3.err).toBe(0);
      s3 = join(dir, 's3.pdf');
    }, 60_000);

    it('pdfsig: three « Signature is Valid », three « Certificate is Trusted »', () => {
      const r = pdfsig(pki, s3);
      expect(r.signatures, r.text).toBe(3);
      expect(r.valid, r.text).toBe(3);
      expect(r.trusted, r.text).toBe(3);
      expect(r.totalSigned, r.text).toBe(1);
    });

    it('our verifier agrees: three valid signatures in order, the same PAdES as with a .p12', () => {
      const report = verifyTrusting(pki, readFileSync(s3));
      expect(report.verdict).toBe('valid');
      expect(report.signatures.map((s) => [s.field, s.status, s.signer?.commonName, s.signer?.keyType])).toEqual([
        ['signature-1', 'valid', 'Brice HUET', 'RSA 2048'],
        ['signature-2', 'valid', 'Patrick SOULÉ', 'ECDSA prime256v1'],
        ['signature-3', 'valid', 'Nadi BOU HANNA', 'RSA 2048'],
      ]);
      expect(report.signatures[0]!.certification).toBe(2);
      for (const s of report.signatures) {
        expect(s.subFilter).toBe('ETSI.CAdES.detached');
        expect(s.changesDisallowed).toEqual([]);
      }
    });
  });

  it('CKM_SHA256_RSA_PKCS (the token hashes) makes the same valid signature as CKM_RSA_PKCS over the DigestInfo', async () => {
    const pdf = readFileSync(example);
    for (const mechanism of ['CKM_SHA256_RSA_PKCS', 'CKM_RSA_PKCS'] as const) {
      const { chunks } = await withCardSigner({ modulePath: SOFTHSM_MODULE, keyId: '01', pin: token.pin, mechanism }, (signer) => {
        expect(signer.mechanism).toBe(mechanism);
        return signBytesWith(pdf, signer, {});
      });
      const report = verifyTrusting(pki, Buffer.concat(chunks));
      expect(report.verdict, mechanism).toBe('valid');
    }
  });

  it('paraphe sign --pkcs11: without PARAPHE_PIN the PIN is asked (no echo, the password prompt); usage errors exit 2', async () => {
    const r = recordingIo(dir, token.pin, false);
    const code = await signCommand.run(['camino.pdf', '--pkcs11', SOFTHSM_MODULE, '--key-id', '01', '-o', 'prompted.pdf'], r.io);
    expect(code, r.err()).toBe(0);
    expect(r.prompts).toEqual(['Code PIN de la carte « Carte agent » : ']);
    expect(r.out() + r.err()).not.toContain(token.pin);
    const usage = recordingIo(dir);
    expect(await signCommand.run(['camino.pdf', '--pkcs11', SOFTHSM_MODULE, '-o', 'x.pdf'], usage.io)).toBe(2);
    expect(usage.err()).toContain('--key-label <libellé> ou --key-id <hex>');
    expect(await signCommand.run(['camino.pdf', '--p12', pki.rsa.p12, '--pkcs11', SOFTHSM_MODULE, '--key-id', '01', '-o', 'x.pdf'], usage.io)).toBe(2);
    expect(await signCommand.run(['camino.pdf', '--p12', pki.rsa.p12, '--key-id', '01', '-o', 'x.pdf'], usage.io)).toBe(2);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    // No terminal and no PARAPHE_PIN: says how to give the PIN.
    const noTty = recordingIo(dir);
    const io = { ...noTty.io, askPassword: async () => { throw Object.assign(new Error('x'), { code: 'password-required' }); } };
    expect(await signCommand.run(['camino.pdf', '--pkcs11', SOFTHSM_MODULE, '--key-id', '01', '-o', 'x.pdf'], io)).toBe(1);
    expect(noTty.err()).toContain('Définissez la variable d’environnement PARAPHE_PIN');
  });

  describe('refusals: a French message, nothing written, the PIN never shown', () => {
    const refused = async (args: string[], pin: string, output: string) => {
      const r = await cliSign([...args, '-o', output], pin);
      expect(r.code).toBe(1);
      expect(existsSync(join(dir, output))).toBe(false);
      expect(r.out + r.err).not.toContain(pin);
      return r.err;
    };
    const rsa = ['camino.pdf', '--pkcs11', SOFTHSM_MODULE, '--key-label', 'Signature RSA'];

    it('wrong PIN: « Code PIN incorrect », with the tries left as SoftHSM2 reports them (count low)', async () => {
      const err = await refused(rsa, '000000', 'wrong-pin.pdf');
      expect(err).toMatch(/^Code PIN incorrect : il reste peu d’essais avant le blocage de la carte\./);
      expect(err).toContain('Aucun document n’a été signé');
    });

    it('final try: the message says one try is left', async () => {
      closeModule(SOFTHSM_MODULE);
      setPinFlags(token, PIN_FLAGS.finalTry);
      const err = await refused(rsa, '999999', 'final-try.pdf');
      expect(err).toMatch(/^Code PIN incorrect : il ne reste qu’un essai avant le blocage de la carte/);
      // The right PIN still signs, and a good login clears the counters.
      const ok = await cliSign([...rsa, '-o', 'after-final-try.pdf'], token.pin);
      expect(ok.code, ok.err).toBe(0);
    });

    it('PIN locked (by the administrator, or after too many tries): « Carte bloquée : contactez votre correspondant »', async () => {
      closeModule(SOFTHSM_MODULE);
      setPinFlags(token, PIN_FLAGS.locked);
      try {
        const err = await refused(rsa, token.pin, 'locked.pdf');
        expect(err).toMatch(/^Carte bloquée : contactez votre correspondant/);
      } finally {
        // Unlocking is the SO's business: re-initialise the user PIN to go on.
        closeModule(SOFTHSM_MODULE);
        token.tool(['--login', '--login-type', 'so', '--so-pin', token.soPin, '--init-pin', '--new-pin', token.pin]);
        setPinFlags(token, 0);
      }
    });

    it('a certificate without a key, a key without a certificate: each says why it cannot sign', async () => {
      const noKey = await refused(['camino.pdf', '--pkcs11', SOFTHSM_MODULE, '--key-id', '03'], token.pin, 'cert-only.pdf');
      expect(noKey).toMatch(/Le certificat « Agent Sans Clé » \(Certificat seul\) de la carte « Carte agent » n’a pas de clé privée sur la carte/);
      const noCert = await refused(['camino.pdf', '--pkcs11', SOFTHSM_MODULE, '--key-label', 'Clé seule'], token.pin, 'key-only.pdf');
      expect(noCert).toMatch(/La clé « Clé seule » de la carte « Carte agent » n’a pas de certificat sur la carte/);
      const unknown = await refused(['camino.pdf', '--pkcs11', SOFTHSM_MODULE, '--key-id', 'ff'], token.pin, 'unknown.pdf');
      expect(unknown).toMatch(/n’a pas de clé d’identifiant ff/);
    });

    it('the module finalized mid-signature (card removed): a clear message, nothing written', async () => {
      const pdf = readFileSync(example);
      const signer = openCardSigner({ modulePath: SOFTHSM_MODULE, keyId: '01', pin: token.pin });
      try {
        const attempt = signBytesWith(pdf, signer, {
          onProgress: (p) => {
            if (p.phase === 'sign' && p.done === 0) closeModule(SOFTHSM_MODULE);
          },
        });
        await expect(attempt).rejects.toMatchObject({ code: 'PKCS11_CARD_REMOVED', message: expect.stringMatching(/^La carte a été retirée .* Aucun fichier n’a été écrit\./) });
      } finally {
        signer.close();
      }
      // The next operation loads the module again and signs.
      const ok = await cliSign(['camino.pdf', '--pkcs11', SOFTHSM_MODULE, '--key-id', '01', '-o', 'after-removal.pdf'], token.pin);
      expect(ok.code, ok.err).toBe(0);
    });

    it('the token deleted mid-signature: a clear message, nothing written (last: the token is gone)', async () => {
      const r = recordingIo(dir);
      const io = { ...r.io, env: { PARAPHE_PIN: token.pin } };
      // The token disappears between the login and the signature.
      const signer = openCardSigner({ modulePath: SOFTHSM_MODULE, keyId: '02', pin: token.pin });
      try {
        const attempt = signBytesWith(readFileSync(example), signer, {
          onProgress: (p) => {
            if (p.phase === 'sign' && p.done === 0) deleteToken(token);
          },
        });
        await expect(attempt).rejects.toMatchObject({ code: 'PKCS11_CARD_REMOVED', message: expect.stringMatching(/^La carte a été retirée/) });
      } finally {
        signer.close();
      }
      closeModule(SOFTHSM_MODULE);
      const code = await signCommand.run(['camino.pdf', '--pkcs11', SOFTHSM_MODULE, '--key-id', '02', '-o', 'gone.pdf'], io);
      expect(code).toBe(1);
      expect(r.err()).toMatch(/Aucune carte ni aucun jeton n’est présent|La carte a été retirée/);
      expect(existsSync(join(dir, 'gone.pdf'))).toBe(false);
    });
  });
});

describe.skipIf(available)('PKCS#11 with SoftHSM2', () => {
  it('is skipped: softhsm2 and opensc (pkcs11-tool) are not installed here (.ci/run installs them)', () => undefined);
});
