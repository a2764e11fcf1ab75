/**
 * The settings of signatures that last, stored in the data folder as `settings.json`: plain
 * JSON an administrator can read, written durably (temp file, fsync, rename: storage's
 * `writeFileDurable`), checked with the contract's zod schema when read. Absent: the defaults.
 * Damaged (unreadable, not JSON, not the schema): kept aside as `settings.json.endommage-<date>`,
 * replaced by the defaults, and reported once in French; Paraphe goes on.
 */
import { join } from 'node:path';
import { rename } from 'node:fs/promises';
import { UserError } from '../../shared/errors';
import { SettingsSchema, urlProblem, type Settings, type SigningLevel, type UrlProblem } from '../../shared/ipc/channels/settings';
import { readTextOrNull, writeFileDurable } from '../storage/durable-file';
import { redactUrl } from '../signing/ltv/http';

export type { Settings };

/** What a fresh data folder has: no TSA, direct connections, B-B, sign at B-B when offline. */
export const DEFAULT_SETTINGS: Settings = { tsaUrl: null, proxyUrl: null, level: 'B-B', offline: 'b-b-with-notice' };

/** The settings file of a data folder. */
export const settingsPath = (dataDir: string): string => join(dataDir, 'settings.json');

/** Larger than any settings file Paraphe writes: anything bigger is damage. */
const MAX_SETTINGS_BYTES = 64 * 1024;

/** The settings read, and a French notice when the file had to be replaced. */
export interface LoadedSettings {
  readonly settings: Settings;
  readonly notice?: string;
}

const URL_MESSAGES: Record<UrlProblem, (what: string, url: string) => string> = {
  'not-url': (what, url) => `L’adresse ${what} (« ${url} ») n’est pas une adresse web : écrivez-la en entier, par exemple https://horodatage.exemple.gouv.fr/tsa.`,
  scheme: (what, url) => `L’adresse ${what} (« ${url} ») doit commencer par http:// ou https://${what === 'du proxy' ? ' (un proxy s’indique en http://)' : ''}.`,
  credentials: (what) => `L’adresse ${what} ne doit pas contenir d’identifiant ni de mot de passe : retirez la partie « nom:secret@ ».`,
  'too-long': (what) => `L’adresse ${what} est trop longue (2 000 caractères au plus) : vérifiez ce qui a été collé.`,
};

/**
 * Checks settings about to be stored; throws a French UserError naming the first problem.
 * A level above B-B needs a TSA; addresses are http(s) only, the proxy http:// (credentials
 * allowed there, never shown).
 */
export function checkSettings(s: Settings): Settings {
  const tsaUrl = s.tsaUrl?.trim() || null;
  const proxyUrl = s.proxyUrl?.trim() || null;
  if (tsaUrl) {
    const p = urlProblem(tsaUrl);
    if (p) throw new UserError('SETTINGS_BAD_TSA_URL', URL_MESSAGES[p]('de l’autorité d’horodatage', redactUrl(tsaUrl)), { field: 'tsaUrl', problem: p });
  }
  if (proxyUrl) {
    const p = urlProblem(proxyUrl, { allowCredentials: true, httpOnly: true });
    if (p) throw new UserError('SETTINGS_BAD_PROXY_URL', URL_MESSAGES[p]('du proxy', redactUrl(proxyUrl)), { field: 'proxyUrl', problem: p });
  }
  if (s.level !== 'B-B' && !tsaUrl) {
    throw new UserError('SETTINGS_LEVEL_NEEDS_TSA', `Le niveau ${s.level} ajoute un horodatage : indiquez l’adresse d’une autorité d’horodatage, ou choisissez le niveau B-B.`, { field: 'tsaUrl', problem: 'missing' });
  }
  return { ...s, tsaUrl, proxyUrl };
}

/** Reads the settings of `dataDir`: the defaults when absent, the defaults and a notice when damaged. */
export async function loadSettings(dataDir: string, now: () => Date = () => new Date()): Promise<LoadedSettings> {
  const file = settingsPath(dataDir);
  let text: string | null;
  try {
    text = await readTextOrNull(file, MAX_SETTINGS_BYTES);
  } catch {
    text = '';
  }
  if (text === null) return { settings: DEFAULT_SETTINGS };
  try {
    return { settings: checkSettings(SettingsSchema.parse(JSON.parse(text))) };
  } catch {
    const aside = `${file}.endommage-${now().toISOString().replace(/[:.]/g, '-')}`;
    let kept = true;
    await rename(file, aside).catch(() => {
      kept = false;
    });
    await writeFileDurable(file, serialize(DEFAULT_SETTINGS)).catch(() => undefined);
    return {
      settings: DEFAULT_SETTINGS,
      notice: `Le fichier des réglages était endommagé : les réglages par défaut le remplacent (aucun horodatage, niveau B-B).${kept ? ` L’ancien fichier est gardé sous « ${aside} ».` : ''} Indiquez de nouveau vos réglages d’horodatage.`,
    };
  }
}

/** Checks and stores settings durably; returns what was stored. */
export async function saveSettings(dataDir: string, s: Settings): Promise<Settings> {
  const checked = checkSettings(SettingsSchema.parse(s));
  try {
    await writeFileDurable(settingsPath(dataDir), serialize(checked));
  } catch (e) {
    throw new UserError('SETTINGS_WRITE_FAILED', `Les réglages n’ont pas pu être enregistrés (${(e as NodeJS.ErrnoException).code ?? 'erreur'}). Vérifiez que le dossier des données est accessible en écriture, puis réessayez.`);
  }
  return checked;
}

function serialize(s: Settings): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

/**
 * The settings' proxy URL as shown to the renderer: credentials replaced by « *** ». When the
 * renderer sends that back, {@link mergeProxyCredentials} puts the stored ones in again.
 */
export function shownProxy(proxyUrl: string | null): string | null {
  return proxyUrl === null ? null : redactUrl(proxyUrl);
}

/** `incoming` with the stored credentials when it carries the « *** » placeholder of {@link shownProxy}. */
export function mergeProxyCredentials(incoming: string | null, stored: string | null): string | null {
  if (!incoming || !stored) return incoming;
  let inUrl: URL;
  let storedUrl: URL;
  try {
    inUrl = new URL(incoming.trim());
    storedUrl = new URL(stored);
  } catch {
    return incoming;
  }
  if (inUrl.username !== '***' || inUrl.password) return incoming;
  inUrl.username = storedUrl.username;
  inUrl.password = storedUrl.password;
  return inUrl.toString();
}

/** The highest level this version signs at (the screen says so of any level above it). */
export const HIGHEST_LEVEL: SigningLevel = 'B-LTA';
