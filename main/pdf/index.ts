/**
 * The convention as a PDF. Layout (main/pdf/layout/) is pure: a convention and font metrics
 * in, pages of positioned boxes out. Drawing (draw.ts) puts those boxes in a pdf-lib document
 * with Marianne embedded as subsets, adds one empty signature field per signatory
 * (signature-fields.ts) and the archival metadata (archival.ts).
 */
import type { Convention } from '../../shared/model/convention';
import { renderConvention, type RenderOptions, type RenderProgress, type RenderResult } from './render';
import { writeFileAtomic } from './write';

export { renderConvention, assertRenderable, RENDERER_VERSION, type RenderOptions, type RenderProgress, type RenderResult } from './render';
export { signatureFieldName } from './signature-fields';
export { writeFileAtomic } from './write';
export { layoutConvention, type LaidOutDocument } from './layout/document';
export { dsfrFontDir, loadMarianne, metricsOf } from './fonts';

/** Renders and writes the PDF to `path` (all or nothing); returns where, its SHA-256 and what rendering said. */
export async function renderConventionToFile(
  c: Convention,
  path: string,
  opts: RenderOptions = {},
): Promise<RenderResult & { path: string; sha256: string }> {
  const result = await renderConvention(c, opts);
  const written = await writeFileAtomic(path, result.bytes);
  return { ...result, ...written };
}
