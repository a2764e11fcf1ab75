/** The browser harness: the built renderer in Chromium over the real main-process handlers. */
export { test, expect, RENDERER_DIR, type ParapheFixtures } from './fixtures';
export { startBackend, ScriptedDialogs, type Backend } from './backend';
export { installBridge, BINDING, DELIVER } from './bridge';
export { serveStatic, type StaticServer } from './static-server';
