/**
 * How main parses a call's input. Apart from define.ts on purpose: the sandboxed preload
 * imports define.ts for the method names and must carry no zod (nor the model's messages).
 */
import { safeParse, type z } from 'zod/mini';
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from '../model/limits';
import { frenchIssue } from '../model/migrate';

/** Levels of nesting a call's input may have: a convention with room for its envelope. */
export const MAX_INPUT_DEPTH = MAX_DOCUMENT_DEPTH + 8;

/**
 * Parses a call's input with its channel's schema, zod's messages in French. An input nested
 * deeper than MAX_INPUT_DEPTH is refused before zod sees it: zod's recursion would overflow
 * the stack on one nested a thousand deep. Main calls this inside its error guard.
 */
export function parseInput(schema: z.core.$ZodType, payload: unknown): z.core.util.SafeParseResult<unknown> | 'too-deep' {
  if (nestsDeeperThan(payload, MAX_INPUT_DEPTH)) return 'too-deep';
  return safeParse(schema, payload, { error: frenchIssue });
}
