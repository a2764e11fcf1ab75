/**
 * The worker thread's entry: runs the tasks main sends (tasks.ts) one message at a time and
 * answers with progress, then the outcome. Bundled on its own into out/main/worker.cjs
 * (scripts/build.mjs); run from source through tsx in development and tests (locate.ts).
 */
import { parentPort } from 'node:worker_threads';
import { UserError, cloneableDetails } from '../../../shared/errors';
import type { TaskReply, TaskRequest } from './protocol';
import { runTask, transferable } from './tasks';

const port = parentPort;
if (!port) throw new Error('main/ipc/worker/entry.ts se lance comme fil de travail (worker_threads), pas directement.');

port.on('message', (request: TaskRequest) => {
  void handle(request);
});

async function handle({ id, kind, input }: TaskRequest): Promise<void> {
  const reply = (message: TaskReply, transfer: ArrayBuffer[] = []) => port!.postMessage(message, transfer);
  try {
    const value = await runTask(kind, input, (progress) => reply({ id, type: 'progress', progress }));
    // The PDF is moved to main, not copied (a signed 50 MB file would otherwise be copied twice).
    const views = 'bytes' in value ? [value.bytes] : 'chunks' in value ? value.chunks : [];
    reply({ id, type: 'done', value }, transferable(views));
  } catch (e) {
    if (e instanceof UserError) reply({ id, type: 'error', user: true, code: e.code, message: e.message, details: cloneableDetails(e.details) });
    else reply({ id, type: 'error', user: false, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });
  }
}

