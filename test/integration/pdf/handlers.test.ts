import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPdfHandlers } from '../../../main/ipc/handlers/pdf';
import { openStore } from '../../../main/storage/index';
import type { ConventionStore } from '../../../main/storage/types';
import { pdfChannels } from '../../../shared/ipc/channels/pdf';
import { getTemplate } from '../../../shared/templates/index';
import { smallConvention } from '../../fixtures/conventions';

let root = '';
let store: ConventionStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'paraphe-pdf-ipc-'));
  store = await openStore(join(root, 'data'));
});
afterEach(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

const spec = pdfChannels['pdf:render'];
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('pdf:render', () => {
  it('renders a stored convention, keeps the file beside the data with its SHA-256, and audits it once', async () => {
    const record = await store.create(getTemplate('exemple-camino-2020')!.build());
    const h = createPdfHandlers({ store });
    const out = spec.output.parse(await h['pdf:render'](spec.input.parse({ conventionId: record.summary.id })));
    expect(out.pageCount).toBeGreaterThan(5);
    expect(out.warnings).toEqual([]);
    const bytes = await readFile(out.path);
    expect(sha(bytes)).toBe(out.sha256);
    expect(out.path.startsWith(join(root, 'data'))).toBe(true);
    const files = (await store.get(record.summary.id)).files;
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ kind: 'pdf', path: out.path, sha256: out.sha256, label: `PDF pour signature (${out.pageCount} pages)` });
    const rendered = (await store.audit(record.summary.id)).filter((e) => e.action === 'rendered');
    expect(rendered).toHaveLength(1);
  });

  it('uses the given date, so the same convention and date give the same file', async () => {
    const record = await store.create(smallConvention());
    const h = createPdfHandlers({ store });
    const a = await h['pdf:render'](spec.input.parse({ conventionId: record.summary.id, date: '2022-01-03' }));
    const b = await h['pdf:render'](spec.input.parse({ conventionId: record.summary.id, date: '2022-01-03' }));
    expect(a.sha256).toBe(b.sha256);
    const c = await h['pdf:render'](spec.input.parse({ conventionId: record.summary.id }));
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('renders a draft sent whole as a preview, neither attached nor audited', async () => {
    const h = createPdfHandlers({ store, previewDir: join(root, 'previews') });
    const out = await h['pdf:render'](spec.input.parse({ convention: smallConvention() }));
    expect(out.path).toBe(join(root, 'previews', 'apercu-fixture-small.pdf'));
    expect(sha(await readFile(out.path))).toBe(out.sha256);
    expect(await store.list()).toEqual([]);
  });

  it('refuses a draft with errors with the validator’s findings, and writes nothing', async () => {
    const h = createPdfHandlers({ store, previewDir: join(root, 'previews') });
    const bad = smallConvention();
    bad.articles = [];
    await expect(h['pdf:render'](spec.input.parse({ convention: bad }))).rejects.toMatchObject({
      code: 'invalid-convention',
      details: expect.arrayContaining([expect.objectContaining({ path: 'articles', severity: 'error' })]),
    });
    await expect(h['pdf:render'](spec.input.parse({ convention: { nope: true } }))).rejects.toMatchObject({ name: 'UserError' });
    await expect(readFile(join(root, 'previews', 'apercu-fixture-small.pdf'))).rejects.toThrow();
  });

  it('says so in French for an unknown id', async () => {
    const h = createPdfHandlers({ store });
    await expect(h['pdf:render'](spec.input.parse({ conventionId: 'inconnue' }))).rejects.toMatchObject({ name: 'UserError' });
  });

  it('pdf:preview returns the bytes of the stored convention, storing and auditing nothing', async () => {
    const record = await store.create(smallConvention());
    const h = createPdfHandlers({ store });
    const preview = pdfChannels['pdf:preview'];
    const out = preview.output.parse(await h['pdf:preview'](preview.input.parse({ conventionId: record.summary.id, date: '2022-01-03' })));
    const bytes = Buffer.from(out.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const rendered = await h['pdf:render'](spec.input.parse({ conventionId: record.summary.id, date: '2022-01-03' }));
    expect(sha(bytes)).toBe(rendered.sha256);
    expect(out.pageCount).toBe(rendered.pageCount);
    // Only pdf:render left a file and an audit entry.
    expect((await store.get(record.summary.id)).files).toHaveLength(1);
    expect((await store.audit(record.summary.id)).filter((e) => e.action === 'rendered')).toHaveLength(1);
    // What is not a convention at all is refused; a convention with errors is previewed (next test).
    await expect(h['pdf:preview'](preview.input.parse({ convention: { nope: true } }))).rejects.toMatchObject({ name: 'UserError' });
  });

  it('pdf:preview shows an unfinished draft too (marked « Projet », no signature field)', async () => {
    const h = createPdfHandlers({ store });
    const preview = pdfChannels['pdf:preview'];
    const out = await h['pdf:preview'](preview.input.parse({ convention: getTemplate('delegation-de-gestion')!.build() }));
    expect(out.pageCount).toBeGreaterThan(0);
    const text = Buffer.from(out.base64, 'base64').toString('latin1');
    expect(text).not.toContain('/AcroForm');
  });

  it('parses its input strictly: unknown keys and impossible shapes are refused before the handler runs', () => {
    expect(spec.input.safeParse({ conventionId: 'x', extra: 1 }).success).toBe(false);
    expect(spec.input.safeParse({ conventionId: '' }).success).toBe(false);
    expect(spec.input.safeParse({ conventionId: 'x', date: '26/03/2020' }).success).toBe(false);
    expect(spec.input.safeParse({}).success).toBe(false);
    expect(spec.input.safeParse({ conventionId: 'x', date: '2020-03-26' }).success).toBe(true);
  });
});
