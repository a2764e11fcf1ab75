#!/usr/bin/env node
/**
 * Prints, after the end-to-end run, every test that failed or needed its second try, with the
 * first lines of each error: .ci/run calls it last, so that what went wrong is at the end of
 * a long log rather than somewhere in its middle. Reads the JSON report Playwright writes in CI
 * (playwright.config.ts); says nothing when there is none (the run stopped before Playwright).
 */
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/e2e-report.json';
if (!existsSync(file)) process.exit(0);

let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.log(`e2e-summary : rapport illisible (${file}) : ${e instanceof Error ? e.message : String(e)}`);
  process.exit(0);
}

const strip = (s) => s.replace(/\u001b\[[0-9;]*m/g, '');
const rows = [];
const walk = (suite, path) => {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      const failures = (test.results ?? []).filter((r) => r.status !== 'passed' && r.status !== 'skipped');
      if (failures.length === 0) continue;
      rows.push({ where: `${spec.file}:${spec.line} › ${[...path, spec.title].join(' › ')}`, outcome: test.status, failures });
    }
  }
  for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
};
// The top level is one suite per file; below it, the describe blocks, named in the path.
for (const suite of report.suites ?? []) walk(suite, []);

if (rows.length === 0) {
  console.log('e2e-summary : aucun échec, aucun test rejoué.');
  process.exit(0);
}
console.log(`\ne2e-summary : ${rows.length} test(s) en échec ou rejoué(s)`);
for (const row of rows) {
  console.log(`\n${row.outcome === 'flaky' ? 'INSTABLE (réussi au second essai)' : 'ÉCHEC'} — ${row.where}`);
  for (const r of row.failures) {
    console.log(`  essai ${r.retry + 1} : ${r.status} en ${Math.round(r.duration / 100) / 10} s`);
    for (const err of r.errors ?? []) {
      const lines = strip(err.message ?? String(err.value ?? '')).split('\n').slice(0, 25);
      for (const l of lines) console.log(`    ${l}`);
      if (err.location) console.log(`    à ${err.location.file}:${err.location.line}`);
    }
  }
}
