import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../main/signing/pdf/file';
import { PdfStream, dict, name } from '../../../../../main/signing/pdf/objects';
import { appendRaw, appendUpdate } from '../../../../helpers/signing/attacks';
import { makeFieldsPdf } from '../../../../helpers/signing/make-pdf';
import { put, tempDir } from '../../../../helpers/signing/sign';

let dir: string;
beforeAll(() => {
  dir = tempDir('paraphe-revisions-');
});

const qpdf = (src: Buffer, label: string, args: string[]): Buffer => {
  const input = put(dir, `${label}-in.pdf`, src);
  const out = join(dir, `${label}-out.pdf`);
  execFileSync('qpdf', [...args, input, out]);
  return readFileSync(out);
};

describe('PdfFile.revisionEnds: revisions from the cross-reference chain', () => {
  it('one revision ends at the end of the file; each update adds the end of its %%EOF', async () => {
    const base = await makeFieldsPdf();
    expect(base.subarray(-5).toString('latin1')).toBe('%%EOF');
    expect(PdfFile.open(base).revisionEnds()).toEqual([base.length]);
    const one = appendUpdate(base, [[1, dict({ Type: name('Catalog') })]]);
    const two = appendUpdate(one, [[2, dict({ Note: 1 })]]);
    // pdf-lib ends its file without an EOL: the update's writer adds one, which ends revision 1.
    expect(PdfFile.open(two).revisionEnds()).toEqual([base.length + 1, one.length, two.length]);
    expect([base.length - 1, base.length, base.length + 1, base.length + 2, one.length].map((n) => PdfFile.open(two).revisionAt(n))).toEqual([undefined, 1, 1, undefined, 2]);
    // Each end opens as the state of that revision.
    for (const end of PdfFile.open(two).revisionEnds()) expect(PdfFile.open(two.subarray(0, end)).revisionEnds().at(-1)).toBe(end);
  });

  it('does not count %%EOF strings inside streams, nor bytes after the last revision', async () => {
    const base = await makeFieldsPdf();
    const noisy = appendUpdate(base, [[9000, new PdfStream(dict({}), Buffer.from('%%EOF\nstartxref\n0\n%%EOF\n'.repeat(1000), 'latin1'))]]);
    expect(PdfFile.open(noisy).revisionEnds()).toEqual([base.length + 1, noisy.length]);
    const junk = appendRaw(noisy, 'des octets sans table\n').pdf;
    expect(PdfFile.open(junk).revisionEnds()).toEqual([base.length + 1, noisy.length]);
  });

  it('xref streams, hybrid tables and linearized files: one revision, then one per update', async () => {
    const base = await makeFieldsPdf({ pages: 2 });
    const streams = await makeFieldsPdf({ pages: 2, objectStreams: true });
    expect(PdfFile.open(streams).revisionEnds()).toEqual([streams.length]);
    for (const [label, args] of [['lin', ['--linearize']], ['linos', ['--linearize', '--object-streams=generate']], ['os', ['--object-streams=generate']]] as const) {
      const out = qpdf(base, label, [...args]);
      const f = PdfFile.open(out);
      if (label.startsWith('lin')) expect(f.sections.length).toBe(2);
      expect(f.revisionEnds(), label).toEqual([out.length]);
      const updated = appendUpdate(out, [[f.size(), dict({ Note: 1 })]]);
      expect(PdfFile.open(updated).revisionEnds(), label).toEqual([out.length, updated.length]);
    }
  });

  it('a section without its own startxref belongs to the next revision closed', async () => {
    const base = await makeFieldsPdf();
    const f = PdfFile.open(base);
    // An update whose xref section is followed by junk instead of startxref, then a second one.
    const mid = Buffer.concat([base, Buffer.from(`xref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Size ${f.size()} /Root ${f.trailer.get('Root')!.toString()} /Prev ${f.startxref}>>\n`, 'latin1')]);
    const midXref = base.length;
    const tail = `xref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Size ${f.size()} /Root ${f.trailer.get('Root')!.toString()} /Prev ${midXref}>>\nstartxref\n${mid.length}\n%%EOF\n`;
    const pdf = Buffer.concat([mid, Buffer.from(tail, 'latin1')]);
    const g = PdfFile.open(pdf);
    expect(g.sections.length).toBe(3);
    expect(g.revisionEnds()).toEqual([base.length, pdf.length]);
    expect(g.revisionAt(mid.length)).toBeUndefined();
  });

  it('refuses a chain of more than 1,000 sections with a French message', async () => {
    const base = await makeFieldsPdf();
    const f = PdfFile.open(base);
    const root = f.trailer.get('Root')!.toString();
    const chain = (updates: number): Buffer => {
      let text = '';
      let prev = f.startxref;
      for (let i = 0; i < updates; i++) {
        const at = base.length + Buffer.byteLength(text, 'latin1');
        text += `xref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Size ${f.size()} /Root ${root} /Prev ${prev}>>\nstartxref\n${at}\n%%EOF\n`;
        prev = at;
      }
      return Buffer.concat([base, Buffer.from(text, 'latin1')]);
    };
    expect(() => PdfFile.open(chain(1000))).toThrowError(expect.objectContaining({ code: 'PDF_TOO_COMPLEX', message: expect.stringMatching(/plus de 1 000 sections/) }));
    expect(PdfFile.open(chain(999)).revisionEnds()).toHaveLength(1000);
  });
});
