import { describe, expect, it } from 'vitest';
import { xmpPacket } from '../../../../main/pdf/archival';

describe('xmpPacket', () => {
  const base = { title: 'A & B <C> "D"', author: 'MTES ; DINUM', subject: 'Convention', keywords: ['0113-PEBC-ELAB'], date: '2020-03-26', id: '0'.repeat(32), lang: 'fr-FR' };

  it('escapes XML in every text and identifies PDF/A-2b', () => {
    const x = xmpPacket(base);
    expect(x).toContain('<rdf:li xml:lang="x-default">A &amp; B &lt;C&gt; &quot;D&quot;</rdf:li>');
    expect(x).not.toContain('<C>');
    expect(x).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(x).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(x.startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(x.endsWith('<?xpacket end="w"?>')).toBe(true);
  });

  it('writes the document date, not the clock', () => {
    const x = xmpPacket(base);
    for (const tag of ['CreateDate', 'ModifyDate', 'MetadataDate']) expect(x).toContain(`<xmp:${tag}>2020-03-26T00:00:00Z</xmp:${tag}>`);
  });
});
