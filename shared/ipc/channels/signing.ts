import { z } from 'zod';

/*
 * Channels of identities, the trust list, signing and verifying. Secrets never leave main:
 * the only secret that crosses IPC is a password typed by the user, on its way in. PDFs and
 * certificate files are designated by their path (main reads them), never sent as bytes.
 */

const Path = z.string().min(1).max(4096);
const Password = z.string().max(1024);
const Fingerprint = z.string().regex(/^[0-9a-f]{64}$/);

/** A certificate as shown to the user. Mirrors `CertificateSummary` in main/signing. */
export const CertificateSummarySchema = z.object({
  subject: z.string(),
  commonName: z.string(),
  organization: z.string().optional(),
  issuer: z.string(),
  issuerCommonName: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyUsage: z.array(z.string()).readonly(),
  isCa: z.boolean(),
  selfSigned: z.boolean(),
  sha256Fingerprint: z.string(),
  keyType: z.string(),
});

/** An imported signing identity (the .p12 stays encrypted in the data folder). */
export const IdentityInfoSchema = z.object({
  id: Fingerprint,
  certificate: CertificateSummarySchema,
  isTest: z.boolean(),
  importedAt: z.string(),
  chainLength: z.number().int(),
});
export type IdentityInfoDto = z.infer<typeof IdentityInfoSchema>;

/** A certificate of the trust list. */
export const TrustedCertificateSchema = z.object({
  id: Fingerprint,
  certificate: CertificateSummarySchema,
  addedAt: z.string(),
});

const TrustStatusSchema = z.enum(['trusted', 'untrusted', 'expired', 'invalid-chain']);

/** A signature field of a PDF, for the wizard's « who signs next ». */
export const SignatureFieldInfoSchema = z.object({
  name: z.string(),
  order: z.number().int().optional(),
  label: z.string().optional(),
  signatoryName: z.string().optional(),
  signatoryTitle: z.string().optional(),
  party: z.string().optional(),
  signed: z.boolean(),
  page: z.number().int().optional(),
});

/** What signing did. Mirrors `SignFileResult`. */
export const SignResultSchema = z.object({
  output: z.string(),
  length: z.number().int(),
  fieldName: z.string(),
  order: z.number().int().optional(),
  signerName: z.string(),
  certified: z.boolean(),
  newField: z.boolean(),
  signedAt: z.string(),
  trust: TrustStatusSchema,
  trustMessage: z.string(),
});

/** The verifier's report on one signature. Mirrors `SignatureReport`. */
export const SignatureReportSchema = z.object({
  index: z.number().int(),
  field: z.string(),
  page: z.number().int().optional(),
  signer: CertificateSummarySchema.optional(),
  signingTime: z.string().optional(),
  subFilter: z.string().optional(),
  digestAlgorithm: z.string().optional(),
  integrity: z.boolean(),
  byteRange: z.array(z.number()).readonly().optional(),
  revision: z.number().int().optional(),
  revisions: z.number().int(),
  coversWholeDocument: z.boolean(),
  certification: z.number().int().optional(),
  changesAllowed: z.array(z.string()).readonly(),
  changesDisallowed: z.array(z.string()).readonly(),
  trust: TrustStatusSchema.optional(),
  trustMessage: z.string().optional(),
  chain: z.array(CertificateSummarySchema).readonly(),
  status: z.enum(['valid', 'untrusted', 'modified', 'invalid']),
  problems: z.array(z.string()).readonly(),
});

/** The verifier's report on a document. Mirrors `VerifyReport`. */
export const VerifyReportSchema = z.object({
  verdict: z.enum(['valid', 'untrusted', 'modified', 'invalid', 'unsigned']),
  summary: z.string(),
  signatures: z.array(SignatureReportSchema).readonly(),
  fileSize: z.number().int(),
});
export type VerifyReportDto = z.infer<typeof VerifyReportSchema>;

/** The signing channels of the IPC contract. */
export const signingChannels = {
  'identity:list': { input: z.object({}), output: z.array(IdentityInfoSchema) },
  'identity:import-p12': { input: z.strictObject({ path: Path, password: Password }), output: IdentityInfoSchema },
  'identity:create-test': {
    input: z.strictObject({ name: z.string().min(1).max(200), org: z.string().min(1).max(200), password: Password }),
    output: IdentityInfoSchema,
  },
  'identity:remove': { input: z.strictObject({ id: Fingerprint }), output: z.array(IdentityInfoSchema) },
  'trust:list': { input: z.object({}), output: z.array(TrustedCertificateSchema) },
  'trust:import': { input: z.strictObject({ path: Path }), output: z.array(TrustedCertificateSchema) },
  'trust:remove': { input: z.strictObject({ id: Fingerprint }), output: z.array(TrustedCertificateSchema) },
  'signing:fields': { input: z.strictObject({ pdfPath: Path }), output: z.array(SignatureFieldInfoSchema) },
  'signing:sign-next-field': {
    input: z.strictObject({
      pdfPath: Path,
      outputPath: Path,
      identityId: Fingerprint,
      password: Password,
      /** Order number or signatory name; the next empty field in order when absent. */
      signatory: z.union([z.number().int().min(1).max(1000), z.string().min(1).max(200)]).optional(),
      certify: z.boolean().optional(),
    }),
    output: SignResultSchema,
  },
  'signing:verify-pdf': { input: z.strictObject({ pdfPath: Path }), output: VerifyReportSchema },
} as const;
