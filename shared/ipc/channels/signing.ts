import { z } from 'zod';

/*
 * Channels of identities, the trust list, signing and verifying. Secrets never leave main:
 * the only secret that crosses IPC is a password typed by the user, on its way in. PDFs and
 * certificate files are designated by their path (main reads them), never sent as bytes.
 */

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

/** What signing did. Mirrors `SignFileResult` (without any path). */
export const SignResultSchema = z.object({
  length: z.number().int(),
  fieldName: z.string(),
  order: z.number().int().optional(),
  signerName: z.string(),
  /** The signatory the field was placed for, when the certificate is in another name (the stamp says « pour … »). */
  onBehalfOf: z.string().optional(),
  certified: z.boolean(),
  newField: z.boolean(),
  signedAt: z.string(),
  trust: TrustStatusSchema,
  trustMessage: z.string(),
  /** The PAdES level reached (the settings' level, or B-B when the TSA could not be reached). */
  level: z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']).optional(),
  /** The signature timestamp (B-T and above): the TSA's time and name. */
  timestamp: z.object({ time: z.string(), authority: z.string() }).optional(),
  /** B-LTA: the document timestamp added after the /DSS. */
  documentTimestamp: z.object({ time: z.string(), authority: z.string() }).optional(),
  /** French, to show with the outcome: « Horodatage indisponible (délai dépassé) : signature apposée sans horodatage (niveau B-B). » */
  notice: z.string().optional(),
});

/** Where the signing of a stored convention stands. Mirrors `SignatureState`. */
export const SignatureStateSchema = z.object({
  status: z.enum(['draft', 'finalized', 'signing', 'signed']),
  contentSha256: z.string().optional(),
  file: z.object({ label: z.string(), sha256: z.string(), createdAt: z.string(), signed: z.boolean() }).optional(),
  fields: z.array(SignatureFieldInfoSchema).readonly(),
  signedCount: z.number().int(),
  next: SignatureFieldInfoSchema.optional(),
  /** Sent to the next signatory (« Envoyer pour signature ») and not back yet. */
  awaiting: z.object({ name: z.string(), order: z.number().int().optional(), sentAt: z.string() }).optional(),
  /** The finalized PDF and the signed copies kept for the finalized version, oldest first. */
  copies: z.array(z.object({ label: z.string(), createdAt: z.string(), sha256: z.string(), signed: z.boolean() })).readonly(),
});
export type SignatureStateDto = z.infer<typeof SignatureStateSchema>;

/** The verifier's report on one signature. Mirrors `SignatureReport`. */
export const SignatureReportSchema = z.object({
  index: z.number().int(),
  field: z.string(),
  page: z.number().int().optional(),
  signer: CertificateSummarySchema.optional(),
  /** Whom the field was placed for (Paraphe's fields say it), and whether the certificate is in another name. */
  expectedSignatory: z.object({ name: z.string(), title: z.string().optional(), party: z.string().optional() }).optional(),
  otherName: z.boolean().optional(),
  signingTime: z.string().optional(),
  subFilter: z.string().optional(),
  digestAlgorithm: z.string().optional(),
  integrity: z.boolean(),
  byteRange: z.array(z.number()).readonly().optional(),
  revision: z.number().int().optional(),
  revisions: z.number().int(),
  coverage: z.string().optional(),
  coversWholeDocument: z.boolean(),
  certification: z.number().int().optional(),
  changesAllowed: z.array(z.string()).readonly(),
  changesDisallowed: z.array(z.string()).readonly(),
  trust: TrustStatusSchema.optional(),
  trustMessage: z.string().optional(),
  chain: z.array(CertificateSummarySchema).readonly(),
  status: z.enum(['valid', 'untrusted', 'modified', 'invalid']),
  /** PAdES level reached (B-T: a valid signature timestamp). */
  level: z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']).optional(),
  /** The signature timestamp: the TSA's time and name, and whether it counts as proof of time. */
  timestamp: z.object({ time: z.string().optional(), authority: z.string().optional(), status: z.enum(['valid', 'untrusted', 'invalid']) }).optional(),
  /** Revocation data used (B-LT): its source, the status it gives, when it was produced. */
  revocation: z.object({ source: z.enum(['ocsp', 'crl']), status: z.enum(['good', 'revoked', 'unknown']), producedAt: z.string().optional() }).optional(),
  problems: z.array(z.string()).readonly(),
});

/** A document timestamp (B-LTA, « Horodatage du document N »). Mirrors `DocumentTimestampReport`. */
export const DocumentTimestampReportSchema = z.object({
  index: z.number().int(),
  field: z.string(),
  /** The TSA's time and name. */
  time: z.string().optional(),
  authority: z.string().optional(),
  status: z.enum(['valid', 'untrusted', 'modified', 'invalid']),
  revision: z.number().int().optional(),
  revisions: z.number().int(),
  coverage: z.string().optional(),
  coversWholeDocument: z.boolean(),
  changesAllowed: z.array(z.string()).readonly(),
  changesDisallowed: z.array(z.string()).readonly(),
  problems: z.array(z.string()).readonly(),
});

/** The verifier's report on a document. Mirrors `VerifyReport`. */
export const VerifyReportSchema = z.object({
  verdict: z.enum(['valid', 'untrusted', 'modified', 'invalid', 'unsigned']),
  summary: z.string(),
  signatures: z.array(SignatureReportSchema).readonly(),
  /** The document timestamps, oldest first (apart from the signatures). */
  documentTimestamps: z.array(DocumentTimestampReportSchema).readonly(),
  /** Only validation data (/DSS) and document timestamps follow the last signature (B-LT, B-LTA). */
  endsWithValidationData: z.boolean(),
  fileSize: z.number().int(),
});
export type VerifyReportDto = z.infer<typeof VerifyReportSchema>;

const ConventionId = z.strictObject({ conventionId: z.string().min(1).max(100) });

/** A PDF dropped on the window: its name and its bytes (base64), the only file the renderer can read. */
const DroppedPdf = z.strictObject({
  fileName: z.string().min(1).max(1000),
  /** Up to ~100 MB of PDF. */
  base64: z.string().min(1).max(140_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

/** A received PDF as « Signer un document reçu » shows it: its bytes for pdf.js, its report, whose turn. */
export const ReceivedPdfSchema = z.object({
  /** One-time id naming the file in main (never its path). */
  fileId: z.string(),
  fileName: z.string(),
  base64: z.string(),
  report: VerifyReportSchema,
  fields: z.array(SignatureFieldInfoSchema),
  next: SignatureFieldInfoSchema.optional(),
  /** True when the fields carry a signing order (placed by Paraphe). */
  ordered: z.boolean(),
  /** Empty fields the signatory may choose. */
  choices: z.array(SignatureFieldInfoSchema),
});
export type ReceivedPdfDto = z.infer<typeof ReceivedPdfSchema>;

/**
 * The signing channels of the IPC contract. No channel takes a path from the renderer: a
 * stored convention is named by its id, and any other file is chosen by the user in main's
 * own dialogs (a PDF opened for verification is then named by a one-time id).
 */
export const signingChannels = {
  'identity:list': { input: z.strictObject({}), output: z.array(IdentityInfoSchema) },
  /** Asks for the .p12/.pfx file in a dialog; null when the user cancels. */
  'identity:import-p12': { input: z.strictObject({ password: Password }), output: IdentityInfoSchema.nullable() },
  'identity:create-test': {
    input: z.strictObject({ name: z.string().min(1).max(200), org: z.string().min(1).max(200), password: Password }),
    output: IdentityInfoSchema,
  },
  'identity:remove': { input: z.strictObject({ id: Fingerprint }), output: z.array(IdentityInfoSchema) },
  'trust:list': { input: z.strictObject({}), output: z.array(TrustedCertificateSchema) },
  /** Asks for the CA certificate file (PEM or DER) in a dialog; null when the user cancels. */
  'trust:import': { input: z.strictObject({}), output: z.array(TrustedCertificateSchema).nullable() },
  'trust:remove': { input: z.strictObject({ id: Fingerprint }), output: z.array(TrustedCertificateSchema) },
  /** The fields of the convention's PDF, who has signed and who is next. */
  'signature:state': { input: ConventionId, output: SignatureStateSchema },
  /** Renders the finalized convention into the PDF to sign (once). */
  'signature:prepare': { input: ConventionId, output: SignatureStateSchema },
  /** Signs the next field in order with an imported identity. */
  'signature:sign-next': {
    input: z.strictObject({ conventionId: z.string().min(1).max(100), identityId: Fingerprint, password: Password }),
    output: z.object({ state: SignatureStateSchema, signature: SignResultSchema }),
  },
  'signature:verify': { input: ConventionId, output: VerifyReportSchema },
  /** Saves the PDF as signed so far, with its verification report, where the user chooses; null when cancelled. */
  'signature:export': {
    input: ConventionId,
    output: z.object({ fileName: z.string(), reportFileName: z.string(), verdict: VerifyReportSchema.shape.verdict }).nullable(),
  },
  /**
   * « Envoyer pour signature »: main's save dialog writes the PDF as signed so far, named
   * « {nom court} – à signer par {n} {Nom}.pdf »; the convention then waits for that signatory.
   * Null when cancelled.
   */
  'signature:send': { input: ConventionId, output: z.object({ fileName: z.string(), state: SignatureStateSchema }).nullable() },
  /**
   * « Importer un exemplaire signé »: chosen in main's dialog, or dropped on the window (bytes).
   * Refused with the reason (nothing changes) unless it is the finalized PDF plus the next valid
   * signatures in order; the same copy twice is `already-imported`. Null when cancelled.
   */
  'signature:import-copy': {
    input: z.strictObject({ conventionId: z.string().min(1).max(100), dropped: DroppedPdf.optional() }),
    output: z.object({
      outcome: z.enum(['imported', 'already-imported']),
      added: z.array(z.object({ order: z.number().int().optional(), name: z.string() })).readonly(),
      state: SignatureStateSchema,
      report: VerifyReportSchema,
    }).nullable(),
  },
  /** « Signer un document reçu »: the user picks a PDF in main's dialog. Null when cancelled. */
  'received:open': { input: z.strictObject({}), output: ReceivedPdfSchema.nullable() },
  /**
   * Signs the next field (or the empty field chosen, for a PDF made elsewhere) of a PDF opened
   * with `received:open`; written beside it as « {nom} – signé par {n} {Nom}.pdf », never over it.
   */
  'received:sign': {
    input: z.strictObject({ fileId: z.string().min(1).max(100), identityId: Fingerprint, password: Password, fieldName: z.string().min(1).max(500).optional() }),
    output: ReceivedPdfSchema.extend({ signature: SignResultSchema }),
  },
  /** « Vérifier un PDF »: the user picks any PDF; its report and fields. Null when cancelled. */
  'pdf-file:open': {
    input: z.strictObject({}),
    output: z.object({ fileId: z.string(), fileName: z.string(), report: VerifyReportSchema, fields: z.array(SignatureFieldInfoSchema) }).nullable(),
  },
  /** Counter-signs a PDF opened with `pdf-file:open` into a new file the user chooses; null when cancelled. */
  'pdf-file:countersign': {
    input: z.strictObject({ fileId: z.string().min(1).max(100), identityId: Fingerprint, password: Password }),
    output: z.object({ fileName: z.string(), signature: SignResultSchema, report: VerifyReportSchema }).nullable(),
  },
} as const;

/**
 * « Prolonger la validité » (PAdES B-LTA): a PDF opened with `pdf-file:open` that verifies gets
 * fresh revocation data and a document timestamp from the settings' TSA, written into a new
 * file the user chooses in main's dialog (never over the original). Null when cancelled.
 */
export const extendChannels = {
  'signature:extend': {
    input: z.strictObject({ fileId: z.string().min(1).max(100) }),
    output: z.object({
      fileName: z.string(),
      /** The new document timestamp: the TSA's time and name. */
      timestamp: z.object({ time: z.string(), authority: z.string() }),
      report: VerifyReportSchema,
      fields: z.array(SignatureFieldInfoSchema),
    }).nullable(),
  },
} as const;
