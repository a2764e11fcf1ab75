/**
 * The PDF engine behind a door: `renderConvention` here has the same signature as render.ts's
 * but imports it (pdf-lib, fontkit, the layout, Marianne) at its first call. Main's modules
 * that may render import this one, so opening the app loads none of it; the worker thread
 * warms the engine up meanwhile (main/ipc/worker/tasks.ts).
 */
import type { renderConvention as render } from './render';

export type { RenderOptions, RenderProgress, RenderResult } from './render';

/** Renders a convention to PDF bytes (render.ts), importing the engine on first use. */
export async function renderConvention(...args: Parameters<typeof render>): ReturnType<typeof render> {
  return (await import('./render')).renderConvention(...args);
}
