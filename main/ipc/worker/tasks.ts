/**
 * The long tasks main hands to its worker threads: rendering a convention, signing PDF
 * bytes, and verifying a PDF received from elsewhere (in a thread of its own, with limits). Each is the pure code where it lives (main/pdf, main/signing) behind messages that
 * survive `postMessage`: no functions, certificates as DER, progress as {@link TaskProgress}.
 * The worker (entry.ts) and the in-process runner (runner.ts) both run {@link runTask}.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import type { Convention } from '../../../shared/model/convention';
import type { TaskProgress } from '../../../shared/ipc/push';
import { renderConvention, type RenderOptions, type RenderResult } from '../../pdf/index';
import { signBytes, type SignOptions } from '../../signing/service';
import { fieldStates, type FieldState } from '../../signing/convention-signing';
import { verifyPdf, type VerifyReport } from '../../signing/verify/verify-pdf';

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
}

/** PDF bytes to verify against the trusted certificates (DER). */
export interface VerifyTaskInput {
  readonly pdf: Uint8Array;
  readonly trustAnchors: readonly Uint8Array[];
}

/** The verifier's report and the signature fields, as the screens show them. */
export interface VerifyTaskOutput {
  readonly report: VerifyReport;
  readonly fields: FieldState[];
}

/** What signing returns across a thread: the signed file as chunks, and what was done. */
export type SignTaskOutput = Awaited<ReturnType<typeof signBytes>>;

/** Every task: its input and its output. */
export interface Tasks {
  render: { input: RenderTaskInput; output: RenderResult };
  sign: { input: SignTaskInput; output: SignTaskOutput };
  verify: { input: VerifyTaskInput; output: VerifyTaskOutput };
}
export type TaskKind = keyof Tasks;

/** Runs one task here, in this thread, reporting progress as the window will see it. */
export async function runTask<K extends TaskKind>(kind: K, input: Tasks[K]['input'], onProgress: (p: TaskProgress) => void): Promise<Tasks[K]['output']> {
  if (kind === 'render') {
    const { convention, options } = input as RenderTaskInput;
    const out: RenderResult = await renderConvention(convention, { ...options, onProgress: (p) => onProgress({ task: 'render', ...p }) });
    return out as Tasks[K]['output'];
  }
  if (kind === 'verify') {
    const v = input as VerifyTaskInput;
    return verifyTask(Buffer.from(v.pdf.buffer, v.pdf.byteOffset, v.pdf.byteLength), v.trustAnchors.map((c) => new X509Certificate(c))) as Tasks[K]['output'];
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
  };
  return (await signBytes(pdf, options)) as Tasks[K]['output'];
}

/** Verifies `pdf` and lists its fields (none when the verifier could read the file but not its form). */
export function verifyTask(pdf: Buffer, trustAnchors: readonly X509Certificate[]): VerifyTaskOutput {
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
