import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  checkSettings,
  levelOptions,
  loadSettings,
  mergeProxyCredentials,
  saveSettings,
  settingsPath,
  shownProxy,
} from '../../../../main/settings/index';
import { urlProblem } from '../../../../shared/ipc/channels/settings';
import { tempDir } from '../../../helpers/signing/sign';

const tsa = 'http://127.0.0.1:3180/tsa';

describe('settings in the data folder', () => {
  it('are the defaults when no file exists, and nothing is written by reading', async () => {
    const dir = tempDir('paraphe-settings-');
    expect(await loadSettings(dir)).toEqual({ settings: { tsaUrl: null, proxyUrl: null, level: 'B-B', offline: 'b-b-with-notice' } });
    expect(existsSync(settingsPath(dir))).toBe(false);
  });

  it('are stored as plain JSON and read back, trimmed', async () => {
    const dir = tempDir('paraphe-settings-');
    const saved = await saveSettings(dir, { tsaUrl: `  ${tsa} `, proxyUrl: 'http://proxy.exemple.gouv.fr:3128', level: 'B-LT', offline: 'refuse' });
    expect(saved.tsaUrl).toBe(tsa);
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8'))).toEqual(saved);
    expect((await loadSettings(dir)).settings).toEqual(saved);
    // No temp file left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  for (const [label, text] of [
    ['not JSON', '{"tsaUrl": "http://x'],
    ['another shape', JSON.stringify({ tsaUrl: tsa, level: 'B-Z', offline: 'refuse', proxyUrl: null })],
    ['an extra key', JSON.stringify({ ...DEFAULT_SETTINGS, surprise: 1 })],
    ['a bad address', JSON.stringify({ ...DEFAULT_SETTINGS, tsaUrl: 'ftp://tsa.example', level: 'B-T' })],
    ['a level with no TSA', JSON.stringify({ ...DEFAULT_SETTINGS, level: 'B-LT' })],
  ] as const) {
    it(`damaged (${label}): kept aside, replaced by the defaults, reported in French`, async () => {
      const dir = tempDir('paraphe-settings-');
      writeFileSync(settingsPath(dir), text);
      const loaded = await loadSettings(dir, () => new Date('2026-12-03T10:00:00Z'));
      expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
      expect(loaded.notice).toMatch(/^Le fichier des réglages était endommagé : les réglages par défaut le remplacent/);
      expect(loaded.notice).toContain('settings.json.endommage-2026-12-03T10-00-00-000Z');
      expect(readFileSync(join(dir, 'settings.json.endommage-2026-12-03T10-00-00-000Z'), 'utf8')).toBe(text);
      // Replaced: the next start reads the defaults without a notice.
      expect(await loadSettings(dir)).toEqual({ settings: DEFAULT_SETTINGS });
    });
  }

  it('refuses bad addresses with a French message and writes nothing', async () => {
    const dir = tempDir('paraphe-settings-');
    const cases: Array<[Partial<typeof DEFAULT_SETTINGS>, string, RegExp]> = [
      [{ tsaUrl: 'horodatage.gouv.fr', level: 'B-T' }, 'SETTINGS_BAD_TSA_URL', /n’est pas une adresse web : écrivez-la en entier/],
      [{ tsaUrl: 'ftp://tsa.gouv.fr/', level: 'B-T' }, 'SETTINGS_BAD_TSA_URL', /doit commencer par http:\/\/ ou https:\/\//],
      [{ tsaUrl: 'javascript:alert(1)', level: 'B-T' }, 'SETTINGS_BAD_TSA_URL', /doit commencer par http/],
      [{ tsaUrl: 'https://moi:secret@tsa.gouv.fr/', level: 'B-T' }, 'SETTINGS_BAD_TSA_URL', /ne doit pas contenir d’identifiant/],
      [{ tsaUrl: tsa, proxyUrl: 'https://proxy:3128', level: 'B-T' }, 'SETTINGS_BAD_PROXY_URL', /un proxy s’indique en http:\/\//],
      [{ level: 'B-T' }, 'SETTINGS_LEVEL_NEEDS_TSA', /Le niveau B-T ajoute un horodatage : indiquez l’adresse/],
    ];
    for (const [patch, code, message] of cases) {
      await expect(saveSettings(dir, { ...DEFAULT_SETTINGS, ...patch })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    }
    expect(existsSync(settingsPath(dir))).toBe(false);
    // The secret of a refused address is never repeated.
    await expect(saveSettings(dir, { ...DEFAULT_SETTINGS, tsaUrl: 'https://moi:s3cr3t@tsa.gouv.fr/', level: 'B-T' })).rejects.not.toMatchObject({ message: expect.stringContaining('s3cr3t') });
    await expect(saveSettings(dir, { ...DEFAULT_SETTINGS, tsaUrl: tsa, proxyUrl: 'ftp://moi:s3cr3t@proxy/', level: 'B-T' })).rejects.toSatisfy((e: Error) => !e.message.includes('s3cr3t') && e.message.includes('***'));
  });

  it('checks addresses: http(s) only, a host, credentials only where allowed', () => {
    expect(urlProblem('https://tsa.gouv.fr/tsa')).toBeUndefined();
    expect(urlProblem('http://127.0.0.1:8080')).toBeUndefined();
    expect(urlProblem('file:///etc/passwd')).toBe('scheme');
    expect(urlProblem('http://')).toBe('not-url');
    expect(urlProblem('http://a:b@proxy:3128')).toBe('credentials');
    expect(urlProblem('http://a:b@proxy:3128', { allowCredentials: true, httpOnly: true })).toBeUndefined();
    expect(urlProblem(`https://x.fr/${'a'.repeat(2001)}`)).toBe('too-long');
    expect(checkSettings({ ...DEFAULT_SETTINGS, tsaUrl: ' ', proxyUrl: '' })).toEqual(DEFAULT_SETTINGS);
  });

  it('never shows the proxy’s credentials, and keeps them when « *** » comes back', () => {
    const stored = 'http://agent%40min:p%C3%A0ss@proxy.gouv.fr:3128/';
    expect(shownProxy(stored)).toBe('http://***@proxy.gouv.fr:3128/');
    expect(mergeProxyCredentials('http://***@proxy.gouv.fr:3129/', stored)).toBe('http://agent%40min:p%C3%A0ss@proxy.gouv.fr:3129/');
    expect(mergeProxyCredentials('http://autre:x@proxy.gouv.fr:3128/', stored)).toBe('http://autre:x@proxy.gouv.fr:3128/');
    expect(mergeProxyCredentials(null, stored)).toBeNull();
  });
});

describe('the level a signature is made at', () => {
  it('B-B, or no TSA: nothing asked on the network', () => {
    expect(levelOptions(DEFAULT_SETTINGS)).toEqual({});
    expect(levelOptions({ ...DEFAULT_SETTINGS, tsaUrl: tsa })).toEqual({});
  });
  it('B-T: the TSA, with the proxy and the timeout; B-LT adds the revocation services', () => {
    const proxy = 'http://proxy:3128';
    expect(levelOptions({ tsaUrl: tsa, proxyUrl: proxy, level: 'B-T', offline: 'refuse' }, { timeoutMs: 1234 }))
      .toEqual({ timestamp: { url: tsa, timeoutMs: 1234, proxy }, offline: 'refuse' });
    expect(levelOptions({ tsaUrl: tsa, proxyUrl: null, level: 'B-LT', offline: 'b-b-with-notice' }))
      .toEqual({ timestamp: { url: tsa, timeoutMs: 10_000 }, validationData: { timeoutMs: 10_000 }, offline: 'b-b-with-notice' });
  });
  it('B-LTA: B-LT and a document timestamp', () => {
    expect(levelOptions({ tsaUrl: tsa, proxyUrl: null, level: 'B-LTA', offline: 'refuse' }))
      .toEqual({ timestamp: { url: tsa, timeoutMs: 10_000 }, validationData: { timeoutMs: 10_000 }, archiveTimestamp: true, offline: 'refuse' });
  });
});
