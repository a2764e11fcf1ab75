import { PDFArray, PDFHexString, PDFName, type PDFDocument } from 'pdf-lib';
import { srgbIccProfile, SRGB_DESCRIPTION } from './icc';
import { pdfText } from './pdf-strings';

/** What the document says about itself (info dictionary and XMP). */
export interface DocumentMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  /** ISO day (« 2020-03-26 »): creation and modification dates, never the clock. */
  readonly date: string;
  /** 32 hex digits: the file identifier, derived from the content. */
  readonly id: string;
  readonly lang: string;
}

export const CREATOR = 'Paraphe';
export const PRODUCER = 'Paraphe (pdf-lib)';

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The XMP packet: Dublin Core, XMP basic, PDF schema, and the PDF/A-2b identification. */
export function xmpPacket(m: DocumentMetadata): string {
  const when = `${m.date}T00:00:00Z`;
  const alt = (v: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(v)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title>${alt(m.title)}</dc:title>`,
    `   <dc:creator><rdf:Seq><rdf:li>${escapeXml(m.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `   <dc:description>${alt(m.subject)}</dc:description>`,
    `   <dc:language><rdf:Bag><rdf:li>${escapeXml(m.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `   <xmp:CreatorTool>${CREATOR}</xmp:CreatorTool>`,
    `   <xmp:CreateDate>${when}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${when}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${when}</xmp:MetadataDate>`,
    `   <pdf:Producer>${PRODUCER}</pdf:Producer>`,
    `   <pdf:Keywords>${escapeXml(m.keywords.join(', '))}</pdf:Keywords>`,
    '   <pdfaid:part>2</pdfaid:part>',
    '   <pdfaid:conformance>B</pdfaid:conformance>',
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    // Padding lets a later tool update the packet in place, as XMP recommends.
    ...Array.from({ length: 8 }, () => ' '.repeat(99)),
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** « D:20200326000000Z » — the same instant as the XMP dates. */
function pdfDate(isoDay: string): string {
  return `D:${isoDay.replace(/-/g, '')}000000Z`;
}

/**
 * Makes the document archival: info dictionary and XMP that agree, the sRGB output intent,
 * the language, and a trailer /ID derived from the content (so output is reproducible).
 */
export function applyArchival(doc: PDFDocument, m: DocumentMetadata): void {
  const ctx = doc.context;
  const info = ctx.obj({
    Title: pdfText(m.title),
    Author: pdfText(m.author),
    Subject: pdfText(m.subject),
    Keywords: pdfText(m.keywords.join(', ')),
    Creator: pdfText(CREATOR),
    Producer: pdfText(PRODUCER),
    CreationDate: pdfText(pdfDate(m.date)),
    ModDate: pdfText(pdfDate(m.date)),
  });
  ctx.trailerInfo.Info = ctx.register(info);

  // XMP is left uncompressed: archival readers must find it without decoding.
  const xmp = ctx.stream(new TextEncoder().encode(xmpPacket(m)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(xmp));

  const icc = ctx.flateStream(srgbIccProfile(), { N: 3 });
  const intent = ctx.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: pdfText(SRGB_DESCRIPTION),
    Info: pdfText(SRGB_DESCRIPTION),
    RegistryName: pdfText('http://www.color.org'),
    DestOutputProfile: ctx.register(icc),
  });
  doc.catalog.set(PDFName.of('OutputIntents'), ctx.obj([ctx.register(intent)]));
  doc.catalog.set(PDFName.of('Lang'), pdfText(m.lang));
  doc.catalog.set(PDFName.of('ViewerPreferences'), ctx.obj({ DisplayDocTitle: true }));

  const id = PDFHexString.of(m.id);
  ctx.trailerInfo.ID = PDFArray.withContext(ctx);
  (ctx.trailerInfo.ID as PDFArray).push(id);
  (ctx.trailerInfo.ID as PDFArray).push(id);
}
