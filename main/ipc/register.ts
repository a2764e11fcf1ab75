import type { z } from 'zod';
import { UserError, cloneableDetails, type Result, type UserErrorData } from '../../shared/errors';
import type { CallContext, ChannelMap, HandlersFor } from '../../shared/ipc/define';
import { MAX_INPUT_DEPTH, parseInput } from '../../shared/ipc/parse-input';
import { CallIdSchema, PROGRESS_CHANNEL, ProgressEventSchema, TaskProgressSchema, type TaskProgress } from '../../shared/ipc/push';

/*
 * The one place where IPC handlers are wired. Every call goes through `dispatch`: check who is
 * calling, parse the input with the contract's schema, run the handler, wrap the outcome in a
 * `Result`. Electron's ipcMain and the browser test harness both call the same function, so
 * the harness exercises exactly what the app runs.
 */

/** Decides whether a frame URL is our own renderer. */
export type SenderCheck = (frameUrl: string | undefined) => boolean;

/** Where the renderer is loaded from: the built file, or the Vite dev server. */
export interface TrustedRenderer {
  /** `file://…/index.html`: a page loaded from a file (the app itself uses `app`). */
  readonly fileUrl?: string;
  /** `http://127.0.0.1:5173` while developing, or the harness's static server. */
  readonly origin?: string;
  /** `paraphe://app`: the app's own scheme and host (a non-web scheme has no URL origin to compare). */
  readonly app?: string;
}

/** Accepts only our own page: the app's scheme and host, the exact index.html file, or the exact dev-server origin. */
export function trustedSender(trusted: TrustedRenderer): SenderCheck {
  const file = trusted.fileUrl ? new URL(trusted.fileUrl) : undefined;
  const origin = trusted.origin ? new URL(trusted.origin).origin : undefined;
  const app = trusted.app ? new URL(trusted.app) : undefined;
  return (frameUrl) => {
    if (!frameUrl) return false;
    let url: URL;
    try {
      url = new URL(frameUrl);
    } catch {
      return false;
    }
    if (file && url.protocol === 'file:' && url.host === file.host && decodeURIComponent(url.pathname) === decodeURIComponent(file.pathname)) return true;
    // Comparing parsed origins (not string prefixes) keeps `http://127.0.0.1:5173.evil` out.
    if (origin && url.origin !== 'null' && url.origin === origin) return true;
    if (app && url.protocol === app.protocol && url.host === app.host && !url.username && !url.password && !url.port) return true;
    return false;
  };
}

/** Options of {@link createDispatch}. */
export interface DispatchOptions {
  readonly isTrustedSender: SenderCheck;
  /** Where unexpected errors go (never to the renderer). */
  readonly log?: (message: string, error?: unknown) => void;
}

/** Sends a push message to the window that made the call (Electron: `event.sender.send`). */
export type Push = (channel: string, payload: unknown) => void;

/**
 * Runs one call: `(channel, payload, frameUrl, push?, callId?) → Result`. Never throws. With
 * `push` and the `callId` the renderer sent with its call (checked here: see call-progress.ts),
 * the handler's progress reaches the calling window on 'paraphe:progress', each event tagged
 * with that id; a call without an id asked for no progress and gets none.
 */
export type Dispatch = (channel: string, payload: unknown, frameUrl: string | undefined, push?: Push, callId?: unknown) => Promise<Result<unknown>>;

/** Least time between two progress messages of one call: enough for a bar, few enough for IPC. */
const PROGRESS_INTERVAL_MS = 40;

/**
 * The context of the call `callId`: progress checked against the contract's schemas, tagged with
 * the call's id, and thinned out (the first step of each phase, its last, and at most one every
 * {@link PROGRESS_INTERVAL_MS}). Each call has its own context, so two calls thin independently.
 */
export function progressContext(push: Push, callId: string, now: () => number = () => performance.now()): CallContext {
  let last: TaskProgress | undefined;
  let sentAt = -Infinity;
  return {
    progress: (event) => {
      // Strict: a handler reports a step, never an id of its own choosing.
      const p = TaskProgressSchema.parse(event);
      const changed = !last || last.task !== p.task || last.phase !== p.phase;
      const t = now();
      if (changed || p.done >= p.total || t - sentAt >= PROGRESS_INTERVAL_MS) {
        sentAt = t;
        push(PROGRESS_CHANNEL, ProgressEventSchema.parse({ ...p, callId }));
      }
      last = p;
    },
  };
}

/** Builds the dispatch function over a contract and the handlers implementing it. */
export function createDispatch<M extends ChannelMap>(contract: M, handlers: HandlersFor<M>, options: DispatchOptions): Dispatch {
  const log = options.log ?? ((message, error) => console.error(`[ipc] ${message}`, error));
  return async (channel, payload, frameUrl, push, callId) => {
    if (!options.isTrustedSender(frameUrl)) {
      log(`appel refusé sur « ${channel} » depuis ${String(frameUrl)}`);
      return fail('forbidden-sender', "Cette fenêtre n'est pas autorisée à parler à Paraphe. Fermez-la et utilisez la fenêtre principale.");
    }
    if (!Object.hasOwn(contract, channel) || !Object.hasOwn(handlers, channel)) {
      return fail('unknown-channel', `Action inconnue « ${String(channel).slice(0, 80)} ». Mettez Paraphe à jour ou redémarrez-le.`);
    }
    const id = callId === undefined ? undefined : CallIdSchema.safeParse(callId);
    if (id && !id.success) {
      return fail('invalid-input', `Le suivi de progression demandé pour « ${channel} » n'est pas valable. Rechargez la fenêtre puis réessayez ; si le problème revient, redémarrez Paraphe.`);
    }
    const spec = contract[channel]!;
    try {
      // Inside the guard: whatever the input does to the parser, the call answers a Result.
      const parsed = parseInput(spec.input as z.ZodType, payload);
      if (parsed === 'too-deep') {
        return fail(
          'invalid-input',
          `Les données envoyées pour « ${channel} » sont imbriquées sur plus de ${MAX_INPUT_DEPTH} niveaux : elles ne peuvent pas venir de Paraphe. Rechargez la fenêtre puis réessayez.`,
          { maxDepth: MAX_INPUT_DEPTH },
        );
      }
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
        const where = issues.map((i) => (i.path ? `${i.path} : ${i.message}` : i.message)).slice(0, 3).join(' ; ');
        return fail(
          'invalid-input',
          `Les données envoyées pour « ${channel} » ne sont pas valables (${where}). Vérifiez la saisie puis réessayez ; si le problème revient, rechargez la fenêtre.`,
          { issues },
        );
      }
      const handler = handlers[channel as keyof M] as (input: unknown, context?: CallContext) => Promise<unknown>;
      const value = await (push && id ? handler(parsed.data, progressContext(safePush(push, log), id.data)) : handler(parsed.data));
      return { ok: true, value };
    } catch (e) {
      if (e instanceof UserError) return fail(e.code, e.message, cloneableDetails(e.details));
      log(`erreur inattendue sur « ${channel} »`, e);
      return fail('internal', "Une erreur inattendue s'est produite. Réessayez ; si elle se reproduit, redémarrez Paraphe et signalez-la avec le journal de l'application.");
    }
  };
}

/** A push that never throws into the handler: a closed window just stops receiving. */
function safePush(push: Push, log: (message: string, error?: unknown) => void): Push {
  return (channel, payload) => {
    try {
      push(channel, payload);
    } catch (e) {
      log(`message « ${channel} » non remis`, e);
    }
  };
}

/** The part of Electron's `webContents` a push needs: the window that made the call. */
export interface SenderLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed?(): boolean;
}

/** The part of Electron's `ipcMain` this helper needs (kept structural so tests need no Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null; sender?: SenderLike }, payload: unknown, callId?: unknown) => Promise<unknown>): void;
}

/**
 * Registers every channel of `contract` on `ipcMain`, each through {@link Dispatch}. The preload
 * invokes `(channel, input)`, or `(channel, input, callId)` when the renderer follows the call's
 * progress; that progress goes back with `webContents.send` to the sender of the call only,
 * never to other windows, tagged with the call's id.
 */
export function registerIpc(ipcMain: IpcMainLike, channels: readonly string[], dispatch: Dispatch): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload, callId) => {
      const sender = event.sender;
      const push: Push | undefined = sender && ((name, message) => {
        if (!sender.isDestroyed?.()) sender.send(name, message);
      });
      return dispatch(channel, payload, event.senderFrame?.url, push, callId);
    });
  }
}

function fail(code: string, message: string, details?: unknown): { ok: false; error: UserErrorData } {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

