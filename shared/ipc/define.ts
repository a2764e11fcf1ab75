import type { z } from 'zod';
import type { Result } from '../errors';
import type { ProgressEvent, TaskProgress } from './push';

/** One IPC channel: the schema its input is parsed with in main, and the shape of its output. */
export interface ChannelSpec<I extends z.core.$ZodType = z.core.$ZodType, O extends z.core.$ZodType = z.core.$ZodType> {
  readonly input: I;
  readonly output: O;
}

export type ChannelMap = Record<string, ChannelSpec>;

export type InputOf<S extends ChannelSpec> = z.input<S['input']>;
export type ParsedInputOf<S extends ChannelSpec> = z.output<S['input']>;
export type OutputOf<S extends ChannelSpec> = z.output<S['output']>;

/**
 * What main implements for a set of channels: one async function per channel, input parsed.
 * The context (absent when a test or the CLI calls a handler directly) carries progress back.
 */
export type HandlersFor<M extends ChannelMap> = {
  [K in keyof M]: (input: ParsedInputOf<M[K]>, context?: CallContext) => Promise<OutputOf<M[K]>>;
};

/** 'convention:save' → 'conventionSave'; 'identity:import-p12' → 'identityImportP12'. */
export type MethodName<K extends string> = K extends `${infer A}:${infer B}`
  ? `${Camel<A>}${Capitalize<Camel<B>>}`
  : Camel<K>;
type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;

/**
 * The renderer's view of a channel map: `window.paraphe.conventionSave(input)`, or
 * `window.paraphe.pdfPreview(input, { onProgress })` to follow that call's own progress.
 */
export type ApiFor<M extends ChannelMap> = {
  [K in keyof M & string as MethodName<K>]: (input: InputOf<M[K]>, options?: CallOptions) => Promise<Result<OutputOf<M[K]>>>;
};

/**
 * Options of one call, on the renderer's side. `onProgress` hears the progress of this call
 * only (events tagged with the id the preload gave it), until the call settles. Only long work
 * reports progress (rendering, signing); for the other channels it is never called.
 */
export interface CallOptions {
  readonly onProgress?: (event: ProgressEvent) => void;
}

/** A push channel (main → window): the schema of what it carries. */
export type PushMap = Record<string, z.core.$ZodType>;

/** 'paraphe:progress' → 'onProgress': the last part of the name, after `on`. */
export type PushMethodName<K extends string> = K extends `${string}:${infer B}` ? `on${Capitalize<Camel<B>>}` : `on${Capitalize<Camel<K>>}`;

/** The renderer's view of the push channels: `window.paraphe.onProgress(listener)` returns its unsubscribe. */
export type PushApiFor<P extends PushMap> = {
  [K in keyof P & string as PushMethodName<K>]: (listener: (event: z.output<P[K]>) => void) => () => void;
};

/** What a handler may do besides returning: report progress to the window that called it. */
export interface CallContext {
  readonly progress: (event: TaskProgress) => void;
}

/** Runtime twin of {@link PushMethodName}. */
export function pushMethodName(channel: string): string {
  const last = channel.split(':').at(-1) ?? '';
  const camel = last.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return `on${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
}

/** Runtime twin of {@link MethodName}. */
export function methodName(channel: string): string {
  const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const [head, ...rest] = channel.split(':');
  return camel(head ?? '') + rest.map((p) => {
    const c = camel(p);
    return c.charAt(0).toUpperCase() + c.slice(1);
  }).join('');
}
