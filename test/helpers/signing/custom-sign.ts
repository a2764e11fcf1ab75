/**
 * Signatures made by hand for the verifier's rule tests: the /ByteRange, the signature
 * dictionary and the CMS are each chosen by the test, and the digest is computed over
 * exactly the bytes the chosen /ByteRange names, so that a file breaks one rule at a time.
 * Used to prove each rule by a test that fails without it (mutation testing, issue 17).
 */
import { createHash, sign as rawSign } from 'node:crypto';
import { buildCms, signedAttributes, type KeySigner } from '../../../main/signing/crypto/cms';
import { children, content, ctx, int, octets, oid, parseDer, raw, seq, set, setOf, tlv, derNull } from '../../../main/signing/crypto/der';
import { tbsParts } from '../../../main/signing/crypto/certificate';
import { OID } from '../../../main/signing/crypto/oids';
import { pdfDate } from '../../../main/signing/appearance';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../main/signing/pdf/fields';
import { PdfRef } from '../../../main/signing/pdf/objects';
import { body, buildUpdate } from '../../../main/signing/pdf/writer';

/** How to make the signature wrong (or not). */
export interface CustomSignature {
  /** Moves the start of the unsigned gap (negative: the gap begins before `<`). */
  readonly gapStartShift?: number;
  /** Leaves these last bytes of the file out of the signed range. */
  readonly endCut?: number;
  /** Extra entries written in the signature dictionary (raw PDF text). */
  readonly sigDictExtra?: string;
  readonly subFilter?: string;
  /** Builds the CMS from the digest of the signed ranges (default: Paraphe's own). */
  readonly cms?: (digest: Buffer) => Buffer;
}

/** Fills the first empty signature field of `pdf` with a hand-made signature. */
export function signCustom(pdf: Buffer, signer: KeySigner, opts: CustomSignature = {}): Buffer {
  const file = PdfFile.open(pdf);
  const field = findSignatureFields(file).find((f) => f.value === undefined);
  if (!field) throw new Error('aucun champ vide');
  const sigNum = file.size();
  const room = 12_000;
  const head = `<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/${opts.subFilter ?? 'ETSI.CAdES.detached'}/M(${pdfDate(new Date())})${opts.sigDictExtra ?? ''}`;
  const slot = ' '.repeat(40);
  const sigText = `${head}/ByteRange [0${slot}]/Contents <${'0'.repeat(room * 2)}>>>`;
  const update = buildUpdate(file, [body(field.ref.num, field.dict.clone().set('V', new PdfRef(sigNum, 0))), { num: sigNum, gen: 0, body: Buffer.from(sigText, 'latin1') }]);
  const out = Buffer.concat([pdf, update.bytes]);
  const sigStart = update.bodyOffsets.get(sigNum)!;
  const contentsAt = sigStart + sigText.indexOf('/Contents <') + '/Contents '.length;
  const a = contentsAt + (opts.gapStartShift ?? 0);
  const b = contentsAt + room * 2 + 2;
  const c = out.length - b - (opts.endCut ?? 0);
  out.write(` ${a} ${b} ${c}`.padEnd(slot.length, ' '), sigStart + head.length + '/ByteRange [0'.length, 'latin1');
  const digest = createHash('sha256').update(out.subarray(0, a)).update(out.subarray(b, b + c)).digest();
  const cms = (opts.cms ?? ((d) => buildCms(signer, d)))(digest);
  if (cms.length > room) throw new Error('CMS trop grand');
  out.write(cms.toString('hex'), contentsAt + 1, 'latin1');
  return out;
}

/** What a hand-built CMS may get wrong. */
export interface CmsEdits {
  /** The signed attributes (DER, each a SEQUENCE); default content-type, message-digest, signing-certificate-v2. */
  readonly attributes?: (digest: Buffer, signer: KeySigner) => Buffer[];
  /** SignerInfos repeated this many times (default 1). */
  readonly signerInfos?: number;
  /** The signer identifier written in the SignerInfo (default: the signer's issuer and serial). */
  readonly sid?: (signer: KeySigner) => Buffer;
}

/** Attribute helpers for {@link CmsEdits.attributes}. */
export const attr = {
  contentType: (type: string = OID.data) => seq(oid(OID.contentType), set(oid(type))),
  messageDigest: (d: Buffer) => seq(oid(OID.messageDigest), set(octets(d))),
  /** signing-certificate-v2 naming `certDer` (default: the signer's certificate). */
  signingCertificateV2: (certDer: Buffer) => {
    const parts = tbsParts(certDer);
    const ess = seq(octets(createHash('sha256').update(certDer).digest()), seq(seq(ctx(4, raw(parts.issuer))), raw(parts.serial)));
    return seq(oid(OID.signingCertificateV2), set(seq(seq(ess))));
  },
};

/** Paraphe's default attributes, as {@link signedAttributes} makes them, split into members. */
export function defaultAttributes(digest: Buffer, signer: KeySigner): Buffer[] {
  return children(parseDer(signedAttributes(digest, signer.certificate))).map(raw);
}

/** A detached CMS SignedData built by hand, genuinely signed by `signer` over the attributes given. */
export function handCms(signer: KeySigner, digest: Buffer, edits: CmsEdits = {}): Buffer {
  const attrs = setOf((edits.attributes ?? defaultAttributes)(digest, signer));
  const signature = rawSign('sha256', attrs, signer.privateKey);
  const parts = tbsParts(signer.certificate.raw);
  const rsa = signer.privateKey.asymmetricKeyType === 'rsa';
  const info = seq(
    int(1),
    edits.sid ? edits.sid(signer) : seq(raw(parts.issuer), raw(parts.serial)),
    seq(oid(OID.sha256)),
    tlv(0xa0, content(parseDer(attrs))),
    rsa ? seq(oid(OID.rsaEncryption), derNull()) : seq(oid(OID.ecdsaWithSHA256)),
    octets(signature),
  );
  const signedData = seq(
    int(1),
    set(seq(oid(OID.sha256))),
    seq(oid(OID.data)),
    tlv(0xa0, signer.certificate.raw, ...signer.chain.map((c) => c.raw)),
    tlv(0x31, ...Array.from({ length: edits.signerInfos ?? 1 }, () => info)),
  );
  return seq(oid(OID.signedData), ctx(0, signedData));
}
