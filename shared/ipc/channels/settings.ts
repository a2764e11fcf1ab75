import { z } from 'zod';

/*
 * Settings of signatures that last (issue 12): the time-stamping authority, an optional HTTP
 * proxy, the PAdES level wanted and what to do when the network is not there. Main stores them
 * in the data folder (main/settings) and is the only side that goes on the network: the
 * renderer reads and writes settings, and asks main to test the TSA.
 */

/** PAdES levels, lowest first. */
export const SIGNING_LEVELS = ['B-B', 'B-T', 'B-LT', 'B-LTA'] as const;
export type SigningLevel = (typeof SIGNING_LEVELS)[number];

/** When the TSA or the revocation services cannot be reached: sign at B-B saying so, or sign nothing. */
export const OFFLINE_POLICIES = ['b-b-with-notice', 'refuse'] as const;
export type OfflinePolicy = (typeof OFFLINE_POLICIES)[number];

/** Why an address is refused (the renderer says it in the user's language, main in French). */
export type UrlProblem = 'not-url' | 'scheme' | 'credentials' | 'too-long';

/** The WHATWG URL parser, in main and in the renderer alike (shared code is typed without DOM or Node). */
interface ParsedUrl {
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
}
const parseUrl = (text: string): ParsedUrl => new (globalThis as unknown as { URL: new (s: string) => ParsedUrl }).URL(text);

/**
 * Checks a service address: http or https only, a host, no « nom:secret@ » (except for the
 * proxy, whose credentials go in Proxy-Authorization and are never shown).
 */
export function urlProblem(text: string, options: { allowCredentials?: boolean; httpOnly?: boolean } = {}): UrlProblem | undefined {
  if (text.length > 2000) return 'too-long';
  let u: ParsedUrl;
  try {
    u = parseUrl(text);
  } catch {
    return 'not-url';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'scheme';
  if (options.httpOnly && u.protocol !== 'http:') return 'scheme';
  if (!u.hostname) return 'not-url';
  if (!options.allowCredentials && (u.username || u.password)) return 'credentials';
  return undefined;
}

const ServiceUrl = z.string().trim().max(2000);

/** The settings as stored and as the screen edits them. */
export const SettingsSchema = z.strictObject({
  /** The TSA's address; null: none (signatures at B-B). */
  tsaUrl: ServiceUrl.nullable(),
  /** An HTTP proxy (`http://[identifiant:secret@]hôte:port`); null: direct connections. */
  proxyUrl: ServiceUrl.nullable(),
  /** The level wanted. */
  level: z.enum(SIGNING_LEVELS),
  /** What to do when the TSA or the revocation services cannot be reached. */
  offline: z.enum(OFFLINE_POLICIES),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** The settings as the renderer sees them: the proxy's credentials are never sent back. */
export const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  /** True when the stored proxy URL carries credentials (shown as « *** »). */
  proxyHasCredentials: z.boolean(),
  /** The highest level this version can sign at (the screen says so of any level above it). */
  highestLevel: z.enum(SIGNING_LEVELS),
  /** A French notice: the settings file was damaged and replaced by the defaults, or similar. */
  notice: z.string().optional(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

/** What « Tester l’horodatage » found: the TSA's time and name. */
export const TsaTestSchema = z.object({
  time: z.string(),
  authority: z.string(),
  /** Round trip and checks, in milliseconds. */
  elapsedMs: z.number(),
});
export type TsaTest = z.infer<typeof TsaTestSchema>;

/** The settings channels of the IPC contract. */
export const settingsChannels = {
  'settings:get': { input: z.strictObject({}), output: SettingsViewSchema },
  /** Checks and stores the settings (refused with a French message: bad address, level without TSA…). */
  'settings:set': { input: SettingsSchema, output: SettingsViewSchema },
  /**
   * Asks the TSA (the given address and proxy, or the stored ones) for a timestamp of a random
   * digest, through main; its token is checked against the trust list.
   */
  'settings:test-tsa': {
    input: z.strictObject({ tsaUrl: ServiceUrl.optional(), proxyUrl: ServiceUrl.nullable().optional() }),
    output: TsaTestSchema,
  },
} as const;
