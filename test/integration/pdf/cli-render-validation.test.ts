import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { smallConvention } from '../../fixtures/conventions';
import { memoryIo } from '../../unit/main/cli/memory-io';

/*
 * `paraphe render` validates the convention once: the renderer's own check refuses errors and
 * hands the findings back, printed by the command. The validator is the real one, counted.
 */
const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../../shared/rules/validate', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../shared/rules/validate')>();
  return { ...real, validateConvention: (...args: Parameters<typeof real.validateConvention>) => ((calls.n += 1), real.validateConvention(...args)) };
});

const { main } = await import('../../../main/cli/index');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-render-once-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  calls.n = 0;
});

describe('paraphe render validates once', () => {
  it('a valid convention: one validation, the PDF written', async () => {
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(smallConvention()));
    const io = memoryIo({ cwd: dir });
    expect(await main(['render', 'ok.json', '-o', 'ok.pdf', '--date', '2022-05-06'], io)).toBe(0);
    expect(readFileSync(join(dir, 'ok.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(calls.n).toBe(1);
  });

  it('an invalid one: one validation, errors then warnings printed, no file', async () => {
    const c = smallConvention();
    c.place = '';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(c));
    const io = memoryIo({ cwd: dir });
    expect(await main(['render', 'bad.json', '-o', 'bad.pdf'], io)).toBe(1);
    expect(calls.n).toBe(1);
    expect(existsSync(join(dir, 'bad.pdf'))).toBe(false);
    expect(io.out().split('\n')).toContain('place : Indiquez le lieu de signature (« Fait à … »).');
    expect(io.err()).toBe("paraphe render : 1 erreur dans la convention : corrigez-la puis relancez. Aucun PDF n'a été écrit.\n");
  });
});
