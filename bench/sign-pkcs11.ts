/**
 * Card signing benchmark (issue 11): the worked example signed with a SoftHSM2 token key and
 * with the same key in a .p12, in the same run. Two figures each: the whole operation as a
 * user meets it (.p12: open the file with its password; card: open a session, log in with the
 * PIN, find the key, log out), and the signature alone with the key already open. Medians.
 */
import { readFileSync } from 'node:fs';
import { renderConvention } from '../main/pdf/index';
import { openPkcs12 } from '../main/signing/crypto/pkcs12';
import { closeModule, openCardSigner, withCardSigner } from '../main/signing/pkcs11/index';
import { signPdf } from '../main/signing/sign-pdf';
import { loadStampFont } from '../main/signing/stamp-font';
import { verifyPdf } from '../main/signing/verify/verify-pdf';
import { getTemplate } from '../shared/templates/index';
import { makeTestPki, TEST_PASSWORD } from '../test/helpers/signing/pki';
import { importIdentity, makeSoftToken, SOFTHSM_MODULE, softhsmAvailable } from '../test/helpers/signing/softhsm';

function median(runs: number, fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Prints the figures. */
export async function run(): Promise<void> {
  if (!softhsmAvailable()) {
    console.log('SoftHSM2 ou pkcs11-tool absent (apt-get install softhsm2 opensc) : banc d’essai de la carte non mesuré.');
    return;
  }
  const pki = makeTestPki();
  const token = makeSoftToken('Banc Paraphe');
  const template = getTemplate('exemple-camino-2020');
  if (!template) throw new Error('modèle exemple-camino-2020 absent');
  const pdf = Buffer.from((await renderConvention(template.build())).bytes);
  const font = await loadStampFont();
  const now = new Date();
  console.log(`Exemple exemple-camino-2020 : ${(pdf.length / 1024).toFixed(0)} Ko ; même clé dans le .p12 et sur le jeton SoftHSM2.`);
  try {
    for (const [kind, id, who] of [['RSA 2048', '01', pki.rsa], ['ECDSA P-256', '02', pki.ec]] as const) {
      importIdentity(token, who.key, who.cert, { id, label: `Banc ${kind}` });
      const p12 = readFileSync(who.p12);
      const card = { modulePath: SOFTHSM_MODULE, keyId: id, pin: token.pin };
      const check = (bytes: Buffer, what: string) => {
        const v = verifyPdf(bytes, { trustAnchors: [] });
        if (v.signatures[0]?.integrity !== true) throw new Error(`${what} : signature non intègre`);
      };
      check(Buffer.concat(signPdf({ pdf, signer: openPkcs12(p12, TEST_PASSWORD), font, now }).chunks), '.p12');
      check(Buffer.concat(await withCardSigner(card, (s) => signPdf({ pdf, signer: s, font, now }).chunks)), 'carte');

      const p12Whole = median(30, () => signPdf({ pdf, signer: openPkcs12(p12, TEST_PASSWORD), font, now }));
      const cardWhole = median(30, () => {
        const s = openCardSigner(card);
        try {
          signPdf({ pdf, signer: s, font, now });
        } finally {
          s.close();
        }
      });
      const opened = openPkcs12(p12, TEST_PASSWORD);
      const p12Sign = median(30, () => signPdf({ pdf, signer: opened, font, now }));
      const cardSigner = openCardSigner(card);
      let cardSign: number;
      try {
        cardSign = median(30, () => signPdf({ pdf, signer: cardSigner, font, now }));
      } finally {
        cardSigner.close();
      }
      console.log(`${kind}, ${cardSigner.mechanism} :`);
      console.log(`  opération complète : .p12 ${ms(p12Whole)} (ouverture du .p12 comprise) ; jeton ${ms(cardWhole)} (session, code PIN, clé, déconnexion) ; rapport jeton/.p12 ${(cardWhole / p12Whole).toFixed(2)}×`);
      console.log(`  signature seule (clé déjà ouverte) : .p12 ${ms(p12Sign)} ; jeton ${ms(cardSign)} ; rapport ${(cardSign / p12Sign).toFixed(2)}×`);
    }
  } finally {
    closeModule(SOFTHSM_MODULE);
  }
}
