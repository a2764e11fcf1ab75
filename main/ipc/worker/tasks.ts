/**
 * The long tasks main hands to its worker thread: rendering a convention and signing PDF
 * bytes. Each is the pure code where it lives (main/pdf, main/signing) behind messages that
 * survive `postMessage`: no functions, certificates as DER, progress as {@link TaskProgress}.
 * The worker (entry.ts) and the in-process runner (runner.ts) both run {@link runTask}.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import type { Convention } from '../../../shared/model/convention';
import type { TaskProgress } from '../../../shared/ipc/push';
import { renderConvention, type RenderOptions, type RenderResult } from '../../pdf/index';
import { signBytes, type SignOptions } from '../../signing/service';

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

/** What signing returns across a thread: the signed file as chunks, and what was done. */
export type SignTaskOutput = Awaited<ReturnType<typeof signBytes>>;

/** Every task: its input and its output. */
export interface Tasks {
  render: { input: RenderTaskInput; output: RenderResult };
  sign: { input: SignTaskInput; output: SignTaskOutput };
}
export type TaskKind = keyof Tasks;

/** Runs one task here, in this thread, reporting progress as the window will see it. */
export async function runTask<K extends TaskKind>(kind: K, input: Tasks[K]['input'], onProgress: (p: TaskProgress) => void): Promise<Tasks[K]['output']> {
  if (kind === 'render') {
    const { convention, options } = input as RenderTaskInput;
    const out: RenderResult = await renderConvention(convention, { ...options, onProgress: (p) => onProgress({ task: 'render', ...p }) });
    return out as Tasks[K]['output'];
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
