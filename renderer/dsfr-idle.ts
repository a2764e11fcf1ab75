import { prDsfrLoaded } from '@codegouvfr/react-dsfr/start';

/** The part of the DSFR engine's frame loop this module relies on (dsfr 1.14, `Renderer`). */
interface DsfrRenderLoop {
  length: number;
  nexts: { length: number };
  rendering: () => void;
  render: () => void;
  activate: () => void;
  add: (instance: unknown) => boolean;
  request: (instance: unknown) => void;
}

/**
 * The DSFR engine asks for a new frame on every frame, forever, even when no component needs
 * it (its `Renderer.render` re-requests unconditionally). A page that redraws at 60 images a
 * second makes every keystroke wait for the next one and keeps a core busy: let the loop sleep
 * while no DSFR component has work, and wake it when one asks. Returns false (and changes
 * nothing) when the engine is not the shape this was written for.
 */
export function letDsfrLoopSleep(loop: DsfrRenderLoop | undefined): boolean {
  if (!loop || typeof loop.render !== 'function' || typeof loop.add !== 'function' || typeof loop.request !== 'function' || !loop.nexts) return false;
  const renderOnce = loop.render.bind(loop);
  let scheduled = true; // the engine's own loop is running now
  loop.rendering = () => {
    scheduled = false;
    if (loop.length === 0 && loop.nexts.length === 0) return; // nothing to draw: sleep
    scheduled = true;
    renderOnce(); // draws, and asks for `loop.rendering` at the next frame
  };
  const wake = () => {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(loop.rendering);
  };
  const add = loop.add.bind(loop);
  loop.add = (instance) => {
    const added = add(instance);
    wake();
    return added;
  };
  const request = loop.request.bind(loop);
  loop.request = (instance) => {
    request(instance);
    wake();
  };
  loop.activate = wake;
  return true;
}

/** Once react-dsfr has started the DSFR engine, lets its frame loop sleep when idle. */
export function startDsfrIdle(): Promise<boolean> {
  return prDsfrLoaded.then(() => {
    const api = (window as unknown as { dsfr?: { internals?: { state?: { getModule?: (t: string) => unknown } } } }).dsfr;
    return letDsfrLoopSleep(api?.internals?.state?.getModule?.('render') as DsfrRenderLoop | undefined);
  });
}
