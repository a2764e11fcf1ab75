import { afterAll } from 'vitest';
import { removeScratchDirs } from './scratch';

// vitest's worker processes are stopped without an 'exit' event: each test file cleans up after itself.
afterAll(removeScratchDirs);
