import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../../shared/ipc/contract';
import { createAppDispatch, openServices } from '../../../../main/ipc/handler-table';
import { trustedSender, type Dispatch } from '../../../../main/ipc/register';
import type { Ports } from '../../../../main/ports';

/*
 * Every channel of the contract, fed malformed payloads (anything fast-check can make, and
 * near-misses with the right keys and wrong values): each call answers a Result envelope, never
 * throws, never reports an internal error, and leaves the data folder byte-for-byte unchanged.
 */

const APP = 'file:///app/out/renderer/index.html';
/** Channels that may legitimately answer ok for an arbitrary payload: they only read. */
const READ_ONLY_OK = new Set(['app:info', 'template:list', 'convention:list', 'trash:list', 'convention:validate', 'trash:empty', 'identity:list', 'trust:list',
  // These take no input but open main's own dialog, which answers « cancelled » here: null, nothing written.
  'trust:import', 'pdf-file:open', 'received:open',
  // « Importer un document Word »: main's « Ouvrir » dialog, cancelled here (null, nothing created).
  'convention:import-word',
  // The card middlewares found on this machine and their tokens (read only); adding one opens main's dialog (cancelled here).
  'pkcs11:list', 'pkcs11:add-module',
  // The signing settings as stored (defaults here: nothing is written by reading them).
  'settings:get',
  // What the home list searches on (each convention's date and parties), read only.
  'convention:facets']);

let root = '';
let dataDir = '';
let dispatch: Dispatch;
let close: () => Promise<void>;
const written: string[] = [];

/** Every file under dir with the SHA-256 of its content, sorted: a fingerprint of the folder. */
async function fingerprint(dir: string): Promise<string> {
  const lines: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        lines.push(`${relative(dir, p)}/`);
        await walk(p);
      } else {
        lines.push(`${relative(dir, p)} ${createHash('sha256').update(await readFile(p)).digest('hex')}`);
      }
    }
  };
  await walk(dir);
  return lines.sort().join('\n');
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'paraphe-fuzz-'));
  dataDir = join(root, 'data');
  await mkdir(join(root, 'exports'));
  const ports: Ports = {
    dialog: {
      chooseSavePath: async ({ defaultName }) => {
        written.push(defaultName);
        return join(root, 'exports', defaultName);
      },
      chooseOpenPath: async () => null,
    },
    paths: { dataDir, appName: 'Paraphe', version: '0.0.0-test' },
    shell: { openPath: async () => undefined, showItemInFolder: () => undefined },
  };
  const services = await openServices(ports);
  close = services.close;
  ({ dispatch } = createAppDispatch(services, { isTrustedSender: trustedSender({ fileUrl: APP }), log: (message, error) => void logged.push(`${message} ${String(error)} ${(error as Error | undefined)?.stack ?? ''}`) }));
  // Some real content, so that handlers have something to (not) damage.
  for (const templateId of ['delegation-de-gestion', 'exemple-camino-2020']) {
    const created = await dispatch('convention:create', { templateId }, APP);
    expect(created.ok).toBe(true);
  }
});

afterAll(async () => {
  await close?.();
  if (root) await rm(root, { recursive: true, force: true });
});

/** A PIN no handler may echo in an answer or a log line. */
const FUZZ_PIN = 'pin-fuzz-7Yq2Lw';
const logged: string[] = [];

const hostilePath = fc.oneof(fc.string(), fc.constantFrom('/', '/etc/hostname', '/dev/null', '.', 'package.json', '/nonexistent/x.pdf'), fc.anything());

/** Payloads: anything at all, or objects with the contract's key names and hostile values. */
const payloads = fc.oneof(
  fc.anything({ withBoxedValues: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true, withBigInt: true, withDate: true, withMap: true, withSet: true }),
  fc.record(
    {
      id: fc.oneof(fc.string(), fc.constantFrom('', '../..', '__proto__', 'x'.repeat(101), '../../etc/passwd'), fc.anything()),
      title: fc.oneof(fc.string(), fc.constant(''), fc.constant('   '), fc.anything()),
      version: fc.oneof(fc.integer(), fc.double(), fc.anything()),
      templateId: fc.oneof(fc.string(), fc.anything()),
      baseId: fc.oneof(fc.string(), fc.anything()),
      text: fc.oneof(fc.string(), fc.json(), fc.constant('{"schemaVersion":1}'), fc.anything()),
      fileName: fc.oneof(fc.string(), fc.anything()),
      convention: fc.anything(),
      summary: fc.anything(),
      // Paths main would read: missing, a folder, not a PDF, a device.
      path: hostilePath,
      pdfPath: hostilePath,
      outputPath: hostilePath,
      identityId: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string()),
      password: fc.oneof(fc.string(), fc.anything()),
      // Card channels: well-formed references to modules, tokens and keys that do not exist, and a PIN.
      conventionId: fc.oneof(fc.string(), fc.constantFrom('../..', 'x'.repeat(101)), fc.anything()),
      moduleId: fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), fc.string()),
      card: fc.oneof(fc.record({ moduleId: fc.stringMatching(/^[0-9a-f]{16}$/), token: fc.string({ minLength: 1, maxLength: 64 }), keyId: fc.stringMatching(/^[0-9a-f]{0,8}$/) }), fc.anything()),
      pin: fc.oneof(fc.constant(FUZZ_PIN), fc.string(), fc.anything()),
    },
    { requiredKeys: [] },
  ),
);

describe('IPC fuzzing over the whole contract', () => {
  const channels = Object.keys(contract);

  it('covers every channel of the contract', () => {
    expect(channels.length).toBeGreaterThanOrEqual(20);
  });

  it.each(channels)('%s: malformed payloads get a typed error and write nothing', async (channel) => {
    const before = await fingerprint(dataDir);
    await fc.assert(
      fc.asyncProperty(payloads, async (payload) => {
        let result: Awaited<ReturnType<Dispatch>>;
        try {
          result = await dispatch(channel, payload, APP);
        } catch (e) {
          throw new Error(`dispatch a levé une exception : ${String(e)}`);
        }
        // The envelope crosses a process boundary: it must survive structured cloning.
        expect(structuredClone(result)).toEqual(result);
        // A PIN (or password) goes in, never out: not in the answer, its error details, nor the log.
        expect(JSON.stringify(result)).not.toContain(FUZZ_PIN);
        expect(logged.join('\n')).not.toContain(FUZZ_PIN);
        if (result.ok) {
          expect(READ_ONLY_OK.has(channel), `${channel} a accepté ${fc.stringify(payload)}`).toBe(true);
        } else {
          expect(typeof result.error.code).toBe('string');
          expect(result.error.code).not.toBe('internal');
          expect(result.error.message.length).toBeGreaterThan(20);
        }
        expect(await fingerprint(dataDir)).toBe(before);
      }),
      { numRuns: 120 },
    );
    expect(written).toEqual([]);
  });

  it('the fingerprint does see a real write (so the checks above can fail)', async () => {
    const before = await fingerprint(dataDir);
    const list = await dispatch('convention:list', undefined, APP);
    if (!list.ok) throw new Error(list.error.message);
    const [first] = list.value as Array<{ id: string }>;
    await expect(dispatch('convention:rename', { id: first!.id, title: 'Renommée par le test' }, APP)).resolves.toMatchObject({ ok: true });
    expect(await fingerprint(dataDir)).not.toBe(before);
  });
});
