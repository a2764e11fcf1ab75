/**
 * « Prolonger la validité » (PAdES B-LTA, archive renewal): on a signed PDF that verifies, fresh
 * revocation data for every signature's chain, for the TSA chains of its signature timestamps
 * and of the earlier document timestamps, goes into a new /DSS (with a /VRI entry per
 * signature), then a new document timestamp covers the whole file, the earlier ones included.
 * Done again before the last timestamp's TSA certificate expires, it keeps the file verifiable
 * offline for as long as the algorithms hold.
 */
import { X509Certificate } from 'node:crypto';
import { AsnConvert, AsnParser } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { UserError } from '../../../shared/errors';
import { parseDer } from '../crypto/der';
import { unsignedAttributeValues } from '../crypto/cms';
import { PdfFile } from '../pdf/file';
import { findSignatureFields } from '../pdf/fields';
import { PdfString } from '../pdf/objects';
import { verifyPdf, type VerifyReport } from '../verify/verify-pdf';
import { LTV_OID } from './asn1';
import { addDocumentTimestamp } from './document-timestamp';
import { appendDss, vriEntryFor, type VriEntry } from './dss';
import type { HttpOptions } from './http';
import { chainOf, emptyValidationData, fetchRevocation } from './revocation';
import { validationPoolOf } from './revocation-of';
import type { SignatureTimestamp } from './signature-timestamp';
import { findSigner } from './timestamp-token';
import type { TsaOptions } from './tsa-client';

/** What to extend with. */
export interface ExtendOptions {
  readonly tsa: TsaOptions;
  /** The trust list: the file must verify against it, and so must the new timestamp's TSA. */
  readonly trustAnchors: readonly X509Certificate[];
  /** Network settings of the OCSP responders and CRL distribution points (the TSA's timeout and proxy by default). */
  readonly validationData?: HttpOptions;
  readonly now?: Date;
}

/** What extending did. */
export interface ExtendOutcome {
  readonly chunks: Buffer[];
  readonly timestamp: SignatureTimestamp;
  readonly fieldName: string;
  readonly signatures: number;
  /** Document timestamps the file had before (0 for a B-LT file). */
  readonly earlierTimestamps: number;
  /** OCSP responses and CRLs fetched. */
  readonly ocsps: number;
  readonly crls: number;
}

/** The signer certificate and the certificates of a CMS SignedData (a signature or a token). */
function signerOf(der: Buffer): { signer?: X509Certificate; certificates: X509Certificate[] } {
  const sd = AsnParser.parse(AsnParser.parse(der, ContentInfo).content, SignedData);
  const certificates = (sd.certificates ?? []).filter((c) => c.certificate).map((c) => new X509Certificate(Buffer.from(AsnConvert.serialize(c.certificate!))));
  const si = sd.signerInfos[0];
  return { signer: si ? findSigner(si, certificates) : undefined, certificates };
}

// The /VRI key is dss.ts's (the signer's B-LT /DSS writes the same entries).
export { vriKey } from './dss';

/** Why a file cannot be extended, in French, or undefined when it can. */
function refusal(report: VerifyReport): string | undefined {
  if (report.signatures.length === 0) return 'Ce PDF ne contient aucune signature : il n’y a rien à prolonger.';
  const bad = [...report.signatures, ...report.documentTimestamps].find((s) => s.status !== 'valid');
  if (!bad) return undefined;
  const what = 'signer' in bad ? `la signature ${bad.index}${bad.signer ? ` (${bad.signer.commonName})` : ''}` : `l’horodatage du document ${bad.index}`;
  const why = [...bad.problems, ...bad.changesDisallowed][0];
  if (bad.status === 'untrusted') {
    return `Ce PDF ne peut pas être prolongé : ${what} n’est pas garantie par une autorité de votre liste de confiance. Si vous reconnaissez cette autorité, ajoutez son certificat à votre liste de confiance (« Identités et autorités de confiance » dans Paraphe, --trust en ligne de commande), puis recommencez.`;
  }
  const state = bad.status === 'modified' ? `le document a été modifié après ${what}` : `${what} est invalide`;
  return `Ce PDF ne peut pas être prolongé : ${state}${why ? ` (${why})` : ''}. Un nouvel horodatage scellerait ce défaut : vérifiez le fichier (« Vérifier un PDF », ou paraphe verify en ligne de commande) et demandez une copie intacte du document signé.`;
}

/**
 * Extends `pdf`: verified first (an invalid, modified or untrusted file is refused: a new
 * timestamp would seal its defect), then a /DSS update and a document timestamp. Throws a
 * French UserError when a service does not answer; nothing is to be written then.
 */
export async function extendPdf(pdf: Buffer, opts: ExtendOptions): Promise<ExtendOutcome> {
  const now = opts.now ?? new Date();
  const http = opts.validationData ?? { timeoutMs: opts.tsa.timeoutMs, proxy: opts.tsa.proxy };
  const before = verifyPdf(pdf, { trustAnchors: opts.trustAnchors, now });
  const refused = refusal(before);
  if (refused) throw new UserError('EXTEND_REFUSED', refused);

  const file = PdfFile.open(pdf);
  const known = [...opts.trustAnchors, ...validationPoolOf(file).certs];
  const data = emptyValidationData();
  const vri: VriEntry[] = [];
  for (const field of findSignatureFields(file)) {
    const sig = file.dict(field.value);
    const raw = sig?.get('Contents');
    if (!sig || !(raw instanceof PdfString)) continue;
    const contents = Buffer.from(raw.bytes);
    const der = contents.subarray(0, parseDer(contents).end);
    // The signer (or the TSA of a document timestamp), then the TSAs of the signature's timestamps.
    const parts = [signerOf(der)];
    if (sig.name('SubFilter') !== 'ETSI.RFC3161') for (const token of unsignedAttributeValues(der, LTV_OID.signatureTimeStampToken)) parts.push(signerOf(token));
    const chains: X509Certificate[][] = [];
    for (const { signer, certificates } of parts) {
      if (!signer) continue;
      const chain = chainOf(signer, [...certificates, ...known]);
      await fetchRevocation(chain, http, data, now);
      chains.push(chain);
    }
    vri.push(vriEntryFor(contents, chains, data));
  }
  const withDss = Buffer.concat(appendDss(pdf, data, vri));
  // Fresh data may say a certificate was revoked before a signature's validation time.
  const checked = refusal(verifyPdf(withDss, { trustAnchors: opts.trustAnchors, now }));
  if (checked) throw new UserError('EXTEND_REFUSED', checked.replace('Ce PDF ne peut pas être prolongé', 'Ce PDF ne peut pas être prolongé d’après les données de révocation reçues'));
  const stamped = await addDocumentTimestamp(withDss, opts.tsa, opts.trustAnchors);
  return {
    chunks: stamped.chunks,
    timestamp: stamped.timestamp,
    fieldName: stamped.fieldName,
    signatures: before.signatures.length,
    earlierTimestamps: before.documentTimestamps.length,
    ocsps: data.ocsps.length,
    crls: data.crls.length,
  };
}
