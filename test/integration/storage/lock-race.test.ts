import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../main/storage/index';
import { bundleChild } from './data-folder';

/*
 * Two real processes open the same data folder at the same instant, round after round: never
 * may both hold it at once (each round, the holding intervals of the two must not overlap),
 * and the conventions they create must come out once each. One round in three starts with a
 * lock left by a dead process, one in three with an empty lock written a minute ago: both
 * children judge it stale at the same moment and only one may take it over (the stale lock is
 * linked into place once both children closed the folder of the round before, never over a
 * live one). The child is the real storage code bundled with esbuild (a plain `node` start).
 */

const ROUNDS = 45;
const PERIOD_MS = 300;
let work: string;
let childScript: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'paraphe-lock-race-'));
  childScript = await bundleChild('lock-race-child', work);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.split('\n').filter(Boolean)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

describe('two processes opening one data folder at the same instant', () => {
  it(`never both hold it, over ${ROUNDS} rounds (fresh, dead holder, old empty lock)`, async () => {
    const dataDir = join(work, 'data');
    const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    const t0 = Date.now() + 1_500; // both children started and loaded by then
    const args = (child: number) => [dataDir, String(child), String(t0), String(ROUNDS), String(PERIOD_MS), String(deadPid)];
    const [a, b] = await Promise.all([run(args(0)), run(args(1))]);

    const late = a.filter((l) => l.endsWith(' late')).length;
    const rounds = (lines: string[]) => new Map(lines.filter((l) => !l.endsWith(' late')).map((l) => {
      const [r, what, ...rest] = l.split(' ');
      return [Number(r), { what: what!, rest }] as const;
    }));
    const ra = rounds(a);
    const rb = rounds(b);
    let winners = 0;
    let contended = 0;
    for (let r = 0; r < ROUNDS; r += 1) {
      const x = ra.get(r)!;
      const y = rb.get(r)!;
      for (const o of [x, y]) if (o.what === 'refused') expect(o.rest.join(' '), `round ${r}`).toMatch(/^store-locked /);
      if (x.what === 'got' && y.what === 'got') {
        // Both got it: only allowed one after the other (one child was so late that the other had closed).
        const [xa, xr] = x.rest.map(Number) as [number, number];
        const [ya, yr] = y.rest.map(Number) as [number, number];
        expect(xr < ya || yr < xa, `round ${r}: both processes held the folder at once: ${JSON.stringify([x, y])}`).toBe(true);
        winners += 2;
      } else {
        expect([x.what, y.what].filter((w) => w === 'got'), `round ${r}: ${x.what}/${y.what}`).toHaveLength(1);
        winners += 1;
        contended += 1;
      }
    }
    // The race must really have been run: most rounds had both trying while one held the folder.
    expect(contended).toBeGreaterThan(ROUNDS * 0.8);
    expect(late, 'rounds whose stale lock could not be left in time').toBeLessThan(ROUNDS / 6);

    // Every round's convention once, nothing else; the lock and every claim are gone.
    const store = await openStore(dataDir);
    const ids = (await store.list()).map((s) => s.id).sort();
    expect(store.recovery).toBeNull();
    await store.close();
    expect(ids).toHaveLength(winners);
    expect(new Set(ids).size).toBe(winners);
    expect(readdirSync(dataDir).sort()).toEqual(['conventions', 'index.journal', 'index.json']);
  }, 60_000);
});
