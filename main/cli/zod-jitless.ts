/**
 * zod without its compiled checkers, for a command that checks one convention and exits. zod
 * compiles, with `new Function`, a checker per object schema at its first use: code V8's cache
 * cannot keep (main/cli/compiled.ts), so each call compiled it again for a single use (about
 * 3 % of `paraphe render`'s CPU). Without it zod checks by its generic path, with the same
 * results. zod decides when a schema is built, so a command imports this module before any
 * module that builds schemas (first in its imports: ES modules run in that order).
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
