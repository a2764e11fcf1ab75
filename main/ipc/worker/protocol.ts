/** The messages between main and its worker thread (main/ipc/worker/entry.ts). */
import type { TaskProgress } from '../../../shared/ipc/push';
import type { TaskKind, Tasks } from './tasks';

/** main → worker: run one task; `id` ties the answers to it. */
export interface TaskRequest<K extends TaskKind = TaskKind> {
  readonly id: number;
  readonly kind: K;
  readonly input: Tasks[K]['input'];
}

/** worker → main: progress, the outcome, or the error (a UserError keeps its code and French message). */
export type TaskReply =
  | { readonly id: number; readonly type: 'progress'; readonly progress: TaskProgress }
  | { readonly id: number; readonly type: 'done'; readonly value: unknown }
  | { readonly id: number; readonly type: 'error'; readonly user: true; readonly code: string; readonly message: string; readonly details?: unknown }
  | { readonly id: number; readonly type: 'error'; readonly user: false; readonly message: string; readonly stack?: string };
