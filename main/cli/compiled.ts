/**
 * Runs the command line's CommonJS bundles (out/cli/, scripts/build.mjs) with V8's code cache,
 * as a compiled tool runs its machine code: a bundle's functions are compiled once, their
 * bytecode kept beside it (`<bundle>.<node version>-<arch>.v8cache`), and the next call reads
 * that instead of parsing and compiling a few megabytes of JavaScript again (about two thirds
 * of `paraphe render`'s imports). Node 20 offers this for scripts only (vm.Script's
 * `cachedData`), not for ES modules, hence CommonJS bundles. A bundle's file name carries a
 * hash of its content, so a cache never meets other code than its own; V8 refuses a cache
 * made by another Node or with other V8 flags, and the bundle is then compiled as if there
 * were none. The build writes the caches by running the commonest commands once
 * (scripts/build.mjs); a cache missing or refused is written at the end of the first call that
 * succeeds (not a `--help`, whose cache would hold little), if the folder is writable.
 */
import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/**
 * V8 flags of every bundled call, set before the first bundle is compiled: V8 refuses a code
 * cache made under other flags. The interrupt budget is V8's budget before a function is
 * compiled by its optimizing compiler (TurboFan); raised for these short-lived processes, the
 * hot loops of a render or a verification are no longer optimized in the background while the
 * call is already ending (main/cli/commands/render.ts, bench/startup.ts). The young
 * generation grows by eight instead of two when full: a render allocates some 20 MB in a young
 * space that starts at 1 MB, whose starting size cannot be set once the process runs but whose
 * growth can (about 5 % of a render: fewer scavenges). No incremental marking: V8 otherwise
 * starts marking the old generation at a soft limit (about 11 of 18 MB, reached by the first
 * render), then runs every write of the layout through its marking barrier, marks on the other
 * core and compacts at the end, some 10 ms of a fresh process's first render (bench/startup.ts)
 * to free memory the process gives back anyway when it exits; a call that does outgrow the
 * limit collects at once, as a whole, which a command line with no window to keep responsive
 * can afford. Flags change when and how code is optimized and memory collected, never what it
 * computes (cli-render-bytes.test.ts).
 */
export const CLI_V8_FLAGS: readonly string[] = ['--interrupt-budget=1000000', '--semi-space-growth-factor=8', '--no-incremental-marking'];

/** The CommonJS wrapper Node itself puts around a module. */
const HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const TAIL = '\n});';

const loaded = new Map<string, unknown>();
/** Scripts compiled without a usable cache, to cache at exit. */
const uncached: { script: Script; cache: string }[] = [];
let flagsSet = false;
let exitHooked = false;

/** Where the code cache of `file` is, for this Node and this processor. */
export function cacheFileOf(file: string): string {
  return `${file}.${process.version}-${process.arch}.v8cache`;
}

/** Whether this call asks for help: its cache would hold little, so it writes none. */
function helpOnly(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h') || argv[0] === 'help';
}

/** Writes the missing caches, each atomically (two calls at once may both write). */
function writeCaches(code: number): void {
  if (code !== 0 || helpOnly(process.argv.slice(2)) || process.env.PARAPHE_CODE_CACHE === '0') return;
  for (const { script, cache } of uncached.splice(0)) {
    try {
      const tmp = `${cache}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cache);
    } catch {
      // A read-only installation: every call compiles, as before this cache existed.
    }
  }
}

/**
 * The exports of the CommonJS bundle `file` (an absolute path), run once per process, with its
 * code cache when there is one that V8 accepts. `builtins` are the Node modules the bundle
 * requires (node:crypto, node:zlib…, listed by scripts/build.mjs): loaded before the flags are
 * set. Node compiles its own modules from a code cache built into it, which V8 refuses once a
 * flag differs from the defaults; loaded after, node:crypto alone was compiled from its source
 * (about 4 ms instead of 1.4 ms in `paraphe render`).
 */
export function loadCompiled(file: string, builtins: readonly string[] = []): unknown {
  if (loaded.has(file)) return loaded.get(file);
  const require = createRequire(file);
  if (!flagsSet) {
    for (const name of builtins) require(name);
    for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
    flagsSet = true;
  }
  const cache = cacheFileOf(file);
  let cachedData: Buffer | undefined;
  try {
    if (process.env.PARAPHE_CODE_CACHE !== '0') cachedData = readFileSync(cache);
  } catch {
    // No cache yet: compiled from the source, cached at exit.
  }
  // The build writes ASCII only (scripts/build.mjs): read as Latin-1, a one-byte string made
  // without decoding, unless the file says otherwise.
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new Script(HEAD + source + TAIL, { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    if (cachedData !== undefined && process.env.PARAPHE_DEBUG === '1') process.stderr.write(`paraphe : cache de code refusé par V8 (${cache}) ; compilé, il sera réécrit.\n`);
    uncached.push({ script, cache });
    if (!exitHooked) {
      process.on('exit', writeCaches);
      exitHooked = true;
    }
  }
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file));
  loaded.set(file, module.exports);
  return module.exports;
}
