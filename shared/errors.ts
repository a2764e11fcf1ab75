/**
 * Errors a user can meet are values: a stable code for programs and a French message that
 * says what happened and what to do next. Stack traces never reach the user.
 */
export interface UserErrorData {
  readonly code: string;
  /** French, complete sentence(s), says what to do. */
  readonly message: string;
  /** Optional structured detail (e.g. validator findings), safe to show or serialize. */
  readonly details?: unknown;
}

/** Thrown by services in main (and pure code in shared) for anything the user can fix. */
export class UserError extends Error implements UserErrorData {
  readonly code: string;
  readonly details?: unknown;
  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.details = details;
  }
  toJSON(): UserErrorData {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** The envelope every IPC call returns: the renderer never receives a thrown error. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: UserErrorData };

/** True when `e` carries a user-facing code and message (also after structured cloning). */
export function isUserError(e: unknown): e is UserErrorData {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as UserErrorData).code === 'string' &&
    typeof (e as UserErrorData).message === 'string'
  );
}

/** An error's details as they can cross a process or thread boundary: only what survives JSON (no functions, no cycles). */
export function cloneableDetails(details: unknown): unknown {
  if (details === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(details)) as unknown;
  } catch {
    return undefined;
  }
}
