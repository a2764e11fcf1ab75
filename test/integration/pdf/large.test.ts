import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConvention } from '../../../main/pdf/index';
import { syntheticConvention } from '../../fixtures/conventions';
import { keepArtifact, run, workFile } from './tools';

describe('a synthetic convention of 200 articles and 300 budget lines', () => {
  it('renders over 100 pages with bounded memory, and qpdf finds it clean', async () => {
    const c = syntheticConvention(200, 300);
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 5);
    const started = performance.now();
    const r = await renderConvention(c);
    const ms = performance.now() - started;
    clearInterval(sampler);
    const after = process.memoryUsage();
    peakRss = Math.max(peakRss, after.rss);
    peakHeap = Math.max(peakHeap, after.heapUsed);
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    console.log(`synthetic: ${r.pageCount} pages, ${Math.round(r.bytes.length / 1024)} kB, ${Math.round(ms)} ms, heap +${mb(peakHeap - before.heapUsed)} MB, peak RSS ${mb(peakRss)} MB`);

    expect(r.pageCount).toBeGreaterThan(100);
    expect(r.warnings).toEqual([]);
    // Generous bounds: a layout that kept whole pages of glyph objects, or a leak per page, breaks them.
    expect(peakHeap - before.heapUsed).toBeLessThan(400 * 1024 * 1024);
    expect(peakRss).toBeLessThan(1536 * 1024 * 1024);
    expect(r.bytes.length).toBeLessThan(5 * 1024 * 1024);

    const file = workFile('synthetic-200-articles.pdf');
    writeFileSync(file, r.bytes);
    keepArtifact(file, 'synthetic-200-articles.pdf');
    const check = run('qpdf', ['--check', file]);
    expect(check.status).toBe(0);
    const info = run('pdfinfo', [file]).stdout;
    expect(info).toMatch(new RegExp(`Pages:\\s+${r.pageCount}\\b`));
    const last = run('pdftotext', ['-f', String(r.pageCount), '-l', String(r.pageCount), file, '-']).stdout;
    expect(last).toContain(`Page ${r.pageCount} / ${r.pageCount}`);
  });
});
