/**
 * What main/signing offers: identities (PKCS#12 import, test identities), the trust list,
 * PAdES B-B signing of a signatory's field as an incremental update, and a verifier that
 * fails closed and names every change made after a signature.
 */
export { openPkcs12, type OpenedIdentity } from './crypto/pkcs12';
export { describeCertificate, type CertificateSummary } from './crypto/certificate';
export { validateChain, type ChainResult, type TrustStatus } from './crypto/chain';
export { createTestIdentity, TEST_IDENTITY_OU } from './test-identity';
export { IdentityStore, TrustStore, Pkcs11ModuleStore, parseCertificates, assertUsableForSigning, type IdentityInfo, type TrustedCertificate, type Pkcs11ModuleEntry } from './stores';
export { signPdf, type SignRequest, type SignOutcome, type SignProgress } from './sign-pdf';
export { formatReport } from './report-text';
export { verifyPdf, type VerifyReport, type SignatureReport, type Verdict } from './verify/verify-pdf';
export { signBytes, signBytesWith, signFile, signFileWith, verifyFile, readUserFile, type SignFileResult, type SignOptions } from './service';
export { findSignatureFields, type SignatureField } from './pdf/fields';
export { writeAtomic, writeUserFile } from './files';
export { loadStampFont, type StampFont } from './stamp-font';
