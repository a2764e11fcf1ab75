import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../../../main/signing/pdf/fields';
import { makeFieldsPdf } from '../../../../helpers/signing/make-pdf';
import { put, tempDir } from '../../../../helpers/signing/sign';

let dir: string;
beforeAll(() => {
  dir = tempDir('paraphe-pdffile-');
});

describe('PdfFile: cross-reference tables, xref streams, object streams', () => {
  it('reads a classic-table file and its signature fields with the Paraphe contract', async () => {
    const f = PdfFile.open(await makeFieldsPdf({ pages: 2 }));
    expect(f.usesXrefStreams()).toBe(false);
    expect(f.pages()).toHaveLength(2);
    const fields = findSignatureFields(f);
    expect(fields.map((x) => [x.name, x.order, x.signatory?.name, x.page])).toEqual([
      ['signature-1', 1, 'Brice HUET', 2],
      ['signature-2', 2, 'Patrick SOULÉ', 2],
      ['signature-3', 3, 'Nadi BOU HANNA', 2],
    ]);
    expect(fields[0]!.label).toBe('Signature 1 : Brice HUET, le délégant');
  });

  it('reads xref streams with objects in object streams (pdf-lib and qpdf outputs) and linearized files', async () => {
    const src = await makeFieldsPdf({ pages: 3 });
    const libOs = PdfFile.open(await makeFieldsPdf({ pages: 3, objectStreams: true }));
    expect(libOs.usesXrefStreams()).toBe(true);
    expect([...libOs.entries.values()].some((e) => e.type === 'compressed')).toBe(true);
    expect(findSignatureFields(libOs)).toHaveLength(3);
    const input = put(dir, 'src.pdf', src);
    for (const args of [['--object-streams=generate'], ['--linearize'], ['--linearize', '--object-streams=generate']]) {
      const out = join(dir, `out-${args.join('')}.pdf`);
      execFileSync('qpdf', [...args, input, out]);
      const f = PdfFile.open(readFileSync(out));
      expect(f.pages()).toHaveLength(3);
      expect(findSignatureFields(f)).toHaveLength(3);
    }
  });

  it('opens a prefix of the file as the state of an earlier revision', async () => {
    const pdf = await makeFieldsPdf();
    const f = PdfFile.open(pdf);
    expect(f.startxref).toBeGreaterThan(0);
    expect(() => PdfFile.open(pdf.subarray(0, 100))).toThrowError(/incomplet ou endommagé/);
    expect(() => PdfFile.open(Buffer.from('GIF89a'))).toThrowError(/n’est pas un PDF/);
  });
});
