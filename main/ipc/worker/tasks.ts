/**
 * The long tasks main hands to its worker threads: rendering a convention, signing PDF
 * bytes, extending a signed PDF (« Prolonger la validité »: two verifications and the
 * network), and verifying a PDF received from elsewhere (in a thread of its own, with limits). Each is the pure code where it lives (main/pdf, main/signing) behind messages that
 * survive `postMessage`: no functions, certificates as DER, progress as {@link TaskProgress}.
 * The worker (entry.ts) and the in-process runner (runner.ts) both run {@link runTask}.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import type { Convention } from '../../../shared/model/convention';
import type { TaskProgress } from '../../../shared/ipc/push';
import type { RenderOptions, RenderResult } from '../../pdf/index';
import type { signBytes, SignOptions } from '../../signing/service';
import type { FieldState } from '../../signing/convention-signing';
import type { VerifyReport } from '../../signing/verify/verify-pdf';
import type { ExtendOptions, ExtendOutcome } from '../../signing/ltv/extend';

// Each task imports its engine on first use: the verification thread never loads the PDF
// engine or the fonts, and main, which imports this module for its in-process runner, pays
// for nothing at start. The work thread loads them during the 'warm-up' task instead.
const pdfEngine = () => import('../../pdf/index');
const signing = () => import('../../signing/service');

/** A convention to render, with the options that cross a thread (no callback). */
export interface RenderTaskInput {
  readonly convention: Convention;
  readonly options: Omit<RenderOptions, 'onProgress'>;
}

/** An identity as it crosses a thread: the key object (cloneable) and certificates as DER. */
export interface PortableIdentity {
  readonly privateKey: KeyObject;
  readonly certificate: Uint8Array;
  readonly chain: readonly Uint8Array[];
}

/** PDF bytes to sign, with the options that cross a thread. */
export interface SignTaskInput {
  readonly pdf: Uint8Array;
  readonly identity: PortableIdentity;
  readonly signatory?: number | string;
  readonly certify?: boolean;
  readonly trustAnchors: readonly Uint8Array[];
  /** ISO instant of the signature. */
  readonly now: string;
  /** The level's network options (plain data: the TSA's URL, timeouts, the proxy), as in SignOptions. */
  readonly timestamp?: SignOptions['timestamp'];
  readonly validationData?: SignOptions['validationData'];
  readonly archiveTimestamp?: SignOptions['archiveTimestamp'];
  readonly offline?: SignOptions['offline'];
}

/** PDF bytes to verify against the trusted certificates (DER). */
export interface VerifyTaskInput {
  readonly pdf: Uint8Array;
  readonly trustAnchors: readonly Uint8Array[];
}

/** A .p12 to open with its password: the key derivation (up to millions of iterations) runs here, not in main. */
export interface OpenP12TaskInput {
  readonly p12: Uint8Array;
  readonly password: string;
}

/** A signed PDF to extend, with the options that cross a thread (plain network settings, certificates as DER). */
export interface ExtendTaskInput {
  readonly pdf: Uint8Array;
  readonly tsa: ExtendOptions['tsa'];
  readonly validationData?: ExtendOptions['validationData'];
  readonly trustAnchors: readonly Uint8Array[];
  /** ISO instant of the checks. */
  readonly now: string;
}

/** The verifier's report and the signature fields, as the screens show them. */
export interface VerifyTaskOutput {
  readonly report: VerifyReport;
  readonly fields: FieldState[];
}

/** What signing returns across a thread: the signed file as chunks, and what was done. */
export type SignTaskOutput = Awaited<ReturnType<typeof signBytes>>;

/** What warming up did, in milliseconds (imports, fonts, a first render, the stamp font). */
export interface WarmUpOutput {
  readonly importMs: number;
  readonly renderMs: number;
  readonly stampFontMs: number;
}

/** Every task: its input and its output. */
export interface Tasks {
  'warm-up': { input: Record<string, never>; output: WarmUpOutput };
  render: { input: RenderTaskInput; output: RenderResult };
  sign: { input: SignTaskInput; output: SignTaskOutput };
  verify: { input: VerifyTaskInput; output: VerifyTaskOutput };
  extend: { input: ExtendTaskInput; output: ExtendOutcome };
  'open-p12': { input: OpenP12TaskInput; output: PortableIdentity };
}
export type TaskKind = keyof Tasks;

/** Runs one task here, in this thread, reporting progress as the window will see it. */
export async function runTask<K extends TaskKind>(kind: K, input: Tasks[K]['input'], onProgress: (p: TaskProgress) => void): Promise<Tasks[K]['output']> {
  if (kind === 'warm-up') return (await warmUp()) as Tasks[K]['output'];
  if (kind === 'render') {
    const { convention, options } = input as RenderTaskInput;
    const { renderConvention } = await pdfEngine();
    const out: RenderResult = await renderConvention(convention, { ...options, onProgress: (p) => onProgress({ task: 'render', ...p }) });
    return out as Tasks[K]['output'];
  }
  if (kind === 'verify') {
    const v = input as VerifyTaskInput;
    return (await verifyTask(Buffer.from(v.pdf.buffer, v.pdf.byteOffset, v.pdf.byteLength), v.trustAnchors.map((c) => new X509Certificate(c)))) as Tasks[K]['output'];
  }
  if (kind === 'open-p12') {
    const { p12, password } = input as OpenP12TaskInput;
    const { openPkcs12 } = await import('../../signing/crypto/pkcs12');
    const opened = openPkcs12(Buffer.from(p12.buffer, p12.byteOffset, p12.byteLength), password);
    const portable: PortableIdentity = { privateKey: opened.privateKey, certificate: opened.certificate.raw, chain: opened.chain.map((c) => c.raw) };
    return portable as Tasks[K]['output'];
  }
  if (kind === 'extend') {
    const x = input as ExtendTaskInput;
    const { extendPdf } = await import('../../signing/ltv/extend');
    const pdf = Buffer.from(x.pdf.buffer, x.pdf.byteOffset, x.pdf.byteLength);
    const options: ExtendOptions = {
      tsa: x.tsa,
      ...(x.validationData ? { validationData: x.validationData } : {}),
      trustAnchors: x.trustAnchors.map((c) => new X509Certificate(c)),
      now: new Date(x.now),
    };
    return (await extendPdf(pdf, options)) as Tasks[K]['output'];
  }
  const s = input as SignTaskInput;
  const pdf = Buffer.from(s.pdf.buffer, s.pdf.byteOffset, s.pdf.byteLength);
  const options: SignOptions = {
    identity: { privateKey: s.identity.privateKey, certificate: new X509Certificate(s.identity.certificate), chain: s.identity.chain.map((c) => new X509Certificate(c)) },
    signatory: s.signatory,
    certify: s.certify,
    trustAnchors: s.trustAnchors.map((c) => new X509Certificate(c)),
    now: new Date(s.now),
    onProgress: (p) => onProgress({ task: 'sign', ...p }),
    timestamp: s.timestamp,
    validationData: s.validationData,
    archiveTimestamp: s.archiveTimestamp,
    offline: s.offline,
  };
  const { signBytes } = await signing();
  return (await signBytes(pdf, options)) as Tasks[K]['output'];
}

let warming: Promise<WarmUpOutput> | undefined;

/**
 * Loads the PDF engine, parses Marianne, renders the worked example once (the first layout
 * pays for JIT compilation: about as much again as a warm one) and builds the stamp font, so
 * that the first preview and the first signature cost what later ones do. Once per thread.
 */
export function warmUp(): Promise<WarmUpOutput> {
  warming ??= (async () => {
    const t0 = performance.now();
    const [{ renderConvention, loadMarianne }, { getTemplate }, { loadStampFont }] = await Promise.all([
      pdfEngine(),
      import('../../../shared/templates/index'),
      import('../../signing/stamp-font'),
    ]);
    loadMarianne();
    const t1 = performance.now();
    const example = getTemplate('exemple-camino-2020');
    if (example) await renderConvention(example.build(), { date: '2020-03-26' });
    const t2 = performance.now();
    await loadStampFont();
    return { importMs: t1 - t0, renderMs: t2 - t1, stampFontMs: performance.now() - t2 };
  })();
  return warming;
}

/** Verifies `pdf` and lists its fields (none when the verifier could read the file but not its form). */
export async function verifyTask(pdf: Buffer, trustAnchors: readonly X509Certificate[]): Promise<VerifyTaskOutput> {
  const [{ verifyPdf }, { fieldStates }] = await Promise.all([import('../../signing/verify/verify-pdf'), import('../../signing/convention-signing')]);
  const report = verifyPdf(pdf, { trustAnchors });
  let fields: FieldState[] = [];
  try {
    fields = fieldStates(pdf);
  } catch {
    fields = [];
  }
  return { report, fields };
}

/** The sign task's input from the in-memory options the services use. */
export function signTaskInput(pdf: Uint8Array, opts: SignOptions): SignTaskInput {
  return {
    pdf,
    identity: { privateKey: opts.identity.privateKey, certificate: opts.identity.certificate.raw, chain: opts.identity.chain.map((c) => c.raw) },
    signatory: opts.signatory,
    certify: opts.certify,
    trustAnchors: (opts.trustAnchors ?? []).map((c) => c.raw),
    now: (opts.now ?? new Date()).toISOString(),
    ...(opts.timestamp ? { timestamp: { ...opts.timestamp } } : {}),
    ...(opts.validationData ? { validationData: { ...opts.validationData } } : {}),
    ...(opts.archiveTimestamp ? { archiveTimestamp: true } : {}),
    ...(opts.offline ? { offline: opts.offline } : {}),
  };
}

/** The extend task's input from the in-memory options extendPdf takes. */
export function extendTaskInput(pdf: Uint8Array, opts: ExtendOptions): ExtendTaskInput {
  return {
    pdf,
    tsa: { ...opts.tsa },
    ...(opts.validationData ? { validationData: { ...opts.validationData } } : {}),
    trustAnchors: opts.trustAnchors.map((c) => c.raw),
    now: (opts.now ?? new Date()).toISOString(),
  };
}

/** Buffers worth moving rather than copying: those that own their whole memory. */
export function transferable(views: readonly Uint8Array[]): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const v of views) {
    const b = v.buffer;
    // A Buffer from Node's pool shares its ArrayBuffer with others: moving it would empty them.
    if (b instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === b.byteLength && b.byteLength > 64 * 1024) seen.add(b);
  }
  return [...seen];
}
