import { z } from 'zod';
import { IsoDateSchema } from '../../model/convention';

/*
 * Rendering a convention to PDF. A stored convention is rendered by id: the file is kept
 * beside its data with its SHA-256 and the audit log says so. A draft the renderer holds (the
 * wizard's live preview) may be sent whole: main parses and validates it, and writes a preview
 * file that is neither attached nor audited.
 */

const Id = z.string().min(1).max(100);

/** What `pdf:render` returns: where the file is and what rendering noticed. */
export const RenderedPdfSchema = z.object({
  path: z.string(),
  pageCount: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** French, one per problem: a character the font lacks, etc. */
  warnings: z.array(z.string()),
});
export type RenderedPdfDto = z.infer<typeof RenderedPdfSchema>;

/**
 * What `pdf:preview` returns: the PDF itself (base64, which every bridge carries), for the
 * wizard's page-by-page preview. The sandboxed renderer cannot read a path; nothing is stored.
 */
export const PreviewPdfSchema = z.object({
  base64: z.string(),
  pageCount: z.number().int().positive(),
  warnings: z.array(z.string()),
});

/** The contract's PDF channels. */
export const pdfChannels = {
  'pdf:render': {
    input: z.union([
      z.strictObject({ conventionId: Id, date: z.optional(IsoDateSchema) }),
      z.strictObject({ convention: z.unknown(), date: z.optional(IsoDateSchema) }),
    ]),
    output: RenderedPdfSchema,
  },
  /** Renders without storing or auditing anything: the wizard's preview (Relecture). */
  'pdf:preview': {
    input: z.union([
      z.strictObject({ conventionId: Id, date: z.optional(IsoDateSchema) }),
      z.strictObject({ convention: z.unknown(), date: z.optional(IsoDateSchema) }),
    ]),
    output: PreviewPdfSchema,
  },
} as const;
