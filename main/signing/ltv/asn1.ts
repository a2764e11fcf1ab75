/**
 * The few ASN.1 structures the @peculiar packages do not declare (ESS signing-certificate,
 * RFC 2634 / RFC 5035), declared with asn1-schema's decorators called as plain functions
 * (the project compiles without `experimentalDecorators`), and small parsing helpers.
 */
import { AsnArray, AsnIntegerArrayBufferConverter, AsnParser, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, GeneralNames } from '@peculiar/asn1-x509';
import { parseDer } from '../crypto/der';

/** Object identifiers of timestamps and validation data. */
export const LTV_OID = {
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/** IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber } */
export class IssuerSerial {
  issuer = new GeneralNames();
  serialNumber = new ArrayBuffer(0);
}
AsnType({ type: AsnTypeTypes.Sequence })(IssuerSerial);
AsnProp({ type: GeneralNames })(IssuerSerial.prototype, 'issuer');
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(IssuerSerial.prototype, 'serialNumber');

/** ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL } */
export class EssCertIdV2 {
  hashAlgorithm = new AlgorithmIdentifier({ algorithm: LTV_OID.sha256 });
  certHash = new OctetString();
  issuerSerial?: IssuerSerial;
}
AsnType({ type: AsnTypeTypes.Sequence })(EssCertIdV2);
AsnProp({ type: AlgorithmIdentifier, optional: true, defaultValue: new AlgorithmIdentifier({ algorithm: LTV_OID.sha256 }) })(EssCertIdV2.prototype, 'hashAlgorithm');
AsnProp({ type: OctetString })(EssCertIdV2.prototype, 'certHash');
AsnProp({ type: IssuerSerial, optional: true })(EssCertIdV2.prototype, 'issuerSerial');

/** ESSCertID ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial OPTIONAL } */
export class EssCertId {
  certHash = new OctetString();
  issuerSerial?: IssuerSerial;
}
AsnType({ type: AsnTypeTypes.Sequence })(EssCertId);
AsnProp({ type: OctetString })(EssCertId.prototype, 'certHash');
AsnProp({ type: IssuerSerial, optional: true })(EssCertId.prototype, 'issuerSerial');

/** SEQUENCE OF ESSCertIDv2 (the `certs` of SigningCertificateV2). */
export class EssCertIdsV2 extends AsnArray<EssCertIdV2> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: EssCertIdV2 })(EssCertIdsV2);

/** SEQUENCE OF ESSCertID. */
export class EssCertIds extends AsnArray<EssCertId> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: EssCertId })(EssCertIds);

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies OPTIONAL } */
export class SigningCertificateV2 {
  certs = new EssCertIdsV2();
}
AsnType({ type: AsnTypeTypes.Sequence })(SigningCertificateV2);
AsnProp({ type: EssCertIdsV2 })(SigningCertificateV2.prototype, 'certs');

/** SigningCertificate ::= SEQUENCE { certs SEQUENCE OF ESSCertID, policies OPTIONAL } */
export class SigningCertificate {
  certs = new EssCertIds();
}
AsnType({ type: AsnTypeTypes.Sequence })(SigningCertificate);
AsnProp({ type: EssCertIds })(SigningCertificate.prototype, 'certs');

/** Parses exactly one DER element (trailing bytes refused), as `type`. */
export function parseExact<T>(bytes: Buffer | ArrayBuffer, type: new () => T): T {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  if (parseDer(buf).end !== buf.length) throw new Error('octets inattendus après la structure ASN.1');
  return AsnParser.parse(buf, type);
}

/** An INTEGER held as bytes, as a bigint (signed, two's complement). */
export function bigIntOf(bytes: ArrayBuffer | Uint8Array): bigint {
  const b = Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  if (b.length === 0) return 0n;
  let v = BigInt(`0x${b.toString('hex')}`);
  if (b[0]! & 0x80) v -= 1n << BigInt(b.length * 8);
  return v;
}
