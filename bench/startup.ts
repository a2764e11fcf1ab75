/**
 * Start-up benchmark (issue 16): whole processes, as a user or a script runs them, in
 * interleaved rounds (each round runs every command once, so the load of this shared machine
 * falls on all alike), medians and ratios:
 * - `paraphe --version` against `node -e 0` (goal: within 2×);
 * - `paraphe verify` of the signed worked example against `node -e 0` (goal: 3×), beside pdfsig;
 * - `paraphe render` of the worked example against a warm render in this process plus
 *   `node -e 0` (goal: 3×);
 * - a fresh process's first render, imports included, against Typst
 *   (@myriaddreamin/typst-ts-node-compiler) started cold and compiling the same text. It runs
 *   the command line's `render` in the process as `paraphe render` does: its bundle and V8's
 *   code cache of it, V8's flags of main/cli/compiled.ts (optimization budget raised, young
 *   generation grown faster, no incremental marking). The app's worker keeps V8's defaults (V8 flags are the whole
 *   process's, main's too, and a thread cannot have its own) and warms the engine up before
 *   the first preview.
 * The CLI is rebuilt first (out/cli/), as `npm ci` and `npm run build` do, with the code caches
 * the build writes; the first `verify` of the rounds writes its own.
 * Beside wall time, each figure's CPU time (user + system, the process's own, threads
 * included): on a machine others load, it moves far less than wall time.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderConvention } from '../main/pdf/index';
import { signFile } from '../main/signing/service';
import { openPkcs12 } from '../main/signing/crypto/pkcs12';
import { getTemplate } from '../shared/templates/index';
import { makeTestPki, TEST_PASSWORD } from '../test/helpers/signing/pki';
import { plainParagraphs } from './pdf';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'paraphe.mjs');
const ROUNDS = Number(process.env.PARAPHE_BENCH_ROUNDS ?? 15);
const TYPST = '@myriaddreamin/typst-ts-node-compiler';

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const verdict = (r: number, goal: number) => (r <= goal ? `objectif ≤ ${goal}× tenu` : `objectif ≤ ${goal}× NON tenu`);

/** Wall time of one whole process; fails on an exit code not in `ok`. */
function timed(cmd: string, args: readonly string[], ok: readonly number[] = [0], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env, encoding: 'utf8' });
  const dt = performance.now() - t0;
  if (r.error) throw r.error;
  if (!ok.includes(r.status ?? -1)) throw new Error(`${cmd} ${args.join(' ')} : code ${r.status} ${r.stderr}`);
  return dt;
}

/**
 * A preload that appends the process's CPU time (ms, user + system) to PARAPHE_BENCH_CPU at
 * exit: Node gives no child's resource usage, so each Node process reports its own.
 */
const CPU_PRELOAD = `const { appendFileSync } = require('node:fs');
process.on('exit', () => {
  const u = process.cpuUsage();
  if (process.env.PARAPHE_BENCH_CPU) appendFileSync(process.env.PARAPHE_BENCH_CPU, ((u.user + u.system) / 1000) + '\\n');
});`;

/** Wall and CPU time of one whole Node process (the CPU preload given first). */
function timedNode(preload: string, cpuFile: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): { wall: number; cpu: number } {
  writeFileSync(cpuFile, '');
  const wall = timed(process.execPath, ['--require', preload, ...args], [0], { ...env, PARAPHE_BENCH_CPU: cpuFile });
  return { wall, cpu: Number(readFileSync(cpuFile, 'utf8').trim()) };
}

/** Where Typst's compiler is: this project's node_modules, or PARAPHE_TYPST_DIR (a folder where it is installed). */
function typstEntry(): string | undefined {
  for (const from of [join(root, 'package.json'), ...(process.env.PARAPHE_TYPST_DIR ? [join(process.env.PARAPHE_TYPST_DIR, 'package.json')] : [])]) {
    try {
      return createRequire(from).resolve(TYPST);
    } catch {
      /* not there */
    }
  }
  return undefined;
}

/** The worked example's text as Typst markup: the same paragraphs and headings, A4, page breaks where ours are forced. */
function typstSource(paragraphs: ReturnType<typeof plainParagraphs>): string {
  const esc = (t: string) => t.replace(/[\\#*_`$<>@=\-+/[\]~"']/g, (c) => `\\${c}`);
  const lines = ['#set page(paper: "a4", margin: (x: 25mm, y: 20mm))', '#set text(lang: "fr", size: 10pt)', '#set par(justify: true)', ''];
  for (const p of paragraphs) {
    if (p.newPage) lines.push('#pagebreak()');
    lines.push(p.bold ? `*${esc(p.text)}*` : esc(p.text), '');
  }
  return lines.join('\n');
}

/** Prints the figures. */
export async function run(): Promise<void> {
  const { buildCli } = (await import(pathToFileURL(join(root, 'scripts', 'build.mjs')).href)) as { buildCli: (outdir?: string) => Promise<unknown> };
  // Where bin/paraphe.mjs looks, even when PARAPHE_OUT_DIR sends the other builds elsewhere.
  await buildCli(join(root, 'out', 'cli'));
  const dir = mkdtempSync(join(tmpdir(), 'paraphe-bench-startup-'));
  try {
    // The worked example: JSON, rendered PDF, signed by a certificate of a test CA given as trusted.
    const template = getTemplate('exemple-camino-2020')!;
    const convention = template.build();
    const json = join(dir, 'camino.json');
    writeFileSync(json, JSON.stringify(convention));
    const pdf = join(dir, 'camino.pdf');
    writeFileSync(pdf, (await renderConvention(convention, { date: '2020-03-26' })).bytes);
    const pki = makeTestPki();
    const signed = join(dir, 'camino-1.pdf');
    await signFile({ input: pdf, output: signed, identity: openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD), trustAnchors: [] });

    // In this process, warm: the peer of `paraphe render` once imports and JIT are paid.
    for (let i = 0; i < 3; i++) await renderConvention(convention, { date: '2020-03-26' });
    const warm: number[] = [];
    const warmCpu: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await renderConvention(convention, { date: '2020-03-26' });
      const c = process.cpuUsage(c0);
      warm.push(performance.now() - t0);
      warmCpu.push((c.user + c.system) / 1000);
    }

    // A fresh process's first render, timed inside it from before its first import, and
    // Typst's cold start + first compile of the same text, timed the same way.
    const firstRenderScript = join(dir, 'first-render.mjs');
    writeFileSync(
      firstRenderScript,
      `const t0 = performance.now();
const c0 = process.cpuUsage();
const { createRequire } = await import('node:module');
const { main } = createRequire(import.meta.url)(${JSON.stringify(join(root, 'out', 'cli', 'paraphe.cjs'))});
const io = { stdout() {}, stderr() {}, readStdin: async () => '', askPassword: async () => '', env: {}, cwd: process.cwd() };
const code = await main(['render', ${JSON.stringify(json)}, '-o', ${JSON.stringify(join(dir, 'first.pdf'))}, '--date', '2020-03-26'], io);
if (code !== 0) process.exit(code);
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ total: performance.now() - t0, cpu: (c.user + c.system) / 1000 }));`,
    );
    const typst = typstEntry();
    const typstScript = join(dir, 'typst.cjs');
    if (typst) {
      writeFileSync(join(dir, 'camino.typ'), typstSource(plainParagraphs(convention)));
      writeFileSync(
        typstScript,
        `const t0 = performance.now();
const c0 = process.cpuUsage();
const { NodeCompiler } = require(${JSON.stringify(typst)});
const compiler = NodeCompiler.create();
const t1 = performance.now();
const pdf = compiler.pdf({ mainFileContent: require('node:fs').readFileSync(${JSON.stringify(join(dir, 'camino.typ'))}, 'utf8') });
require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'typst.pdf'))}, pdf);
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ total: performance.now() - t0, start: t1 - t0, cpu: (c.user + c.system) / 1000 }));`,
      );
    }
    const inChild = (script: string) => {
      const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${script} : code ${r.status} ${r.stderr}`);
      return r.stdout;
    };

    const pdfsig = spawnSync('pdfsig', ['-v'], { encoding: 'utf8' }).error ? undefined : 'pdfsig';
    const t = { node: [] as number[], version: [] as number[], help: [] as number[], verify: [] as number[], pdfsig: [] as number[], render: [] as number[], first: [] as number[], typst: [] as number[], typstStart: [] as number[] };
    const cpu = { node: [] as number[], version: [] as number[], verify: [] as number[], render: [] as number[], first: [] as number[], typst: [] as number[] };
    const preload = join(dir, 'cpu.cjs');
    writeFileSync(preload, CPU_PRELOAD);
    const cpuFile = join(dir, 'cpu.txt');
    const node = (key: 'node' | 'version' | 'verify' | 'render', args: readonly string[], e: NodeJS.ProcessEnv = process.env) => {
      const r = timedNode(preload, cpuFile, args, e);
      t[key].push(r.wall);
      cpu[key].push(r.cpu);
    };
    // The bundle just built, even if someone edits a source meanwhile (shared machine).
    const env = { ...process.env, PARAPHE_DEBUG: '', PARAPHE_CLI: 'bundle' };
    // The page cache holds the bundle from here on; and it is the bundle that runs, not the sources.
    const check = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env: { ...env, PARAPHE_DEBUG: '1' } });
    if (check.status !== 0 || check.stderr !== '') throw new Error(`paraphe --version : ${check.stderr}`);
    for (let i = 0; i < ROUNDS; i++) {
      node('node', ['-e', '0']);
      node('version', [bin, '--version'], env);
      t.help.push(timed(process.execPath, [bin, '--help'], [0], env));
      node('verify', [bin, 'verify', signed, '--trust', pki.caPem], env);
      if (pdfsig) t.pdfsig.push(timed('pdfsig', [signed]));
      node('render', [bin, 'render', json, '-o', join(dir, 'out.pdf'), '--date', '2020-03-26'], env);
      if (i < Math.min(ROUNDS, 11)) {
        const first = JSON.parse(inChild(firstRenderScript)) as { total: number; cpu: number };
        t.first.push(first.total);
        cpu.first.push(first.cpu);
        if (typst) {
          const r = JSON.parse(inChild(typstScript)) as { total: number; start: number; cpu: number };
          t.typst.push(r.total);
          t.typstStart.push(r.start);
          cpu.typst.push(r.cpu);
        }
      }
    }

    const nodeMs = median(t.node);
    const warmRender = median(warm);
    const cpuOf = (key: keyof typeof cpu) => median(cpu[key]);
    const cpuNote = (key: keyof typeof cpu, peer: number) => `CPU ${ms(cpuOf(key))}, ${ratio(cpuOf(key), peer)}`;
    const pages = (file: string) => (spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout.match(/^Pages:\s+(\d+)/m)?.[1] ?? '?');
    console.log(`Processus entiers, ${ROUNDS} tours entrelacés, médianes (temps écoulé) :`);
    console.log(`  node -e 0                         ${ms(nodeMs)}   (CPU ${ms(cpuOf('node'))})`);
    console.log(`  paraphe --version                 ${ms(median(t.version))}   ${ratio(median(t.version), nodeMs)} node -e 0 (${verdict(median(t.version) / nodeMs, 2)}) ; ${cpuNote('version', cpuOf('node'))}`);
    console.log(`  paraphe --help                    ${ms(median(t.help))}   ${ratio(median(t.help), nodeMs)} node -e 0`);
    console.log(`  paraphe verify (exemple signé)    ${ms(median(t.verify))}   ${ratio(median(t.verify), nodeMs)} node -e 0 (${verdict(median(t.verify) / nodeMs, 3)}) ; ${cpuNote('verify', cpuOf('node'))}`);
    if (pdfsig) console.log(`  pdfsig (même fichier)             ${ms(median(t.pdfsig))}   paraphe verify = ${ratio(median(t.verify), median(t.pdfsig))} pdfsig`);
    else console.log('  pdfsig absent (paquet poppler-utils) : pas de comparaison');
    console.log(
      `  paraphe render (exemple, ${pages(join(dir, 'out.pdf'))} p.)    ${ms(median(t.render))}   ${ratio(median(t.render), warmRender + nodeMs)} (rendu à chaud ${ms(warmRender)} + node -e 0) (${verdict(median(t.render) / (warmRender + nodeMs), 3)}) ; ${cpuNote('render', median(warmCpu) + cpuOf('node'))} (à chaud CPU ${ms(median(warmCpu))})`,
    );
    console.log(`Premier rendu d’un processus neuf, importations comprises (médiane de ${t.first.length}) : ${ms(median(t.first))} (CPU ${ms(cpuOf('first'))})`);
    if (typst) {
      console.log(
        `  Typst à froid + première compilation du même texte (${pages(join(dir, 'typst.pdf'))} p., paragraphes seulement) : ${ms(median(t.typst))} (dont démarrage ${ms(median(t.typstStart))}) ; Paraphe = ${ratio(median(t.first), median(t.typst))} Typst (${verdict(median(t.first) / median(t.typst), 2)}) ; ${cpuNote('first', cpuOf('typst'))} (Typst CPU ${ms(cpuOf('typst'))})`,
      );
    } else {
      console.log(`  ${TYPST} n’est pas installé (ni ici ni dans PARAPHE_TYPST_DIR) : pas de comparaison avec Typst.`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
