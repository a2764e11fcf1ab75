import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSettingsHandlers } from '../../../../../main/ipc/handlers/settings';
import { createDispatch, trustedSender } from '../../../../../main/ipc/register';
import { settingsChannels } from '../../../../../shared/ipc/channels/settings';
import { tempDir } from '../../../../helpers/signing/sign';

/* The settings channels through dispatch (input parsed by the contract), on a real data folder. */

const APP = 'file:///app/out/renderer/index.html';

function open() {
  const dataDir = tempDir('paraphe-settings-ipc-');
  const dispatch = createDispatch(settingsChannels, createSettingsHandlers({ dataDir, timeoutMs: 500 }), { isTrustedSender: trustedSender({ fileUrl: APP }) });
  return { dataDir, call: (channel: string, input: unknown) => dispatch(channel, input, APP) };
}

describe('settings channels', () => {
  it('get: the defaults, and B-LTA as the highest level this version signs at', async () => {
    const { call } = open();
    expect(await call('settings:get', {})).toEqual({
      ok: true,
      value: { settings: { tsaUrl: null, proxyUrl: null, level: 'B-B', offline: 'b-b-with-notice' }, proxyHasCredentials: false, highestLevel: 'B-LTA' },
    });
  });

  it('get: a damaged file is reported once, in French, and replaced by the defaults', async () => {
    const { call, dataDir } = open();
    writeFileSync(join(dataDir, 'settings.json'), '\u0000\u0000garbage');
    const first = await call('settings:get', {});
    expect(first).toMatchObject({ ok: true, value: { settings: { level: 'B-B' }, notice: expect.stringMatching(/^Le fichier des réglages était endommagé/) } });
    const second = await call('settings:get', {});
    expect(second.ok && (second.value as { notice?: string }).notice).toBeUndefined();
  });

  it('set: stored and read back; bad input refused by the contract or in French, nothing stored', async () => {
    const { call, dataDir } = open();
    const good = { tsaUrl: 'https://horodatage.exemple.gouv.fr/tsa', proxyUrl: 'http://jean:dupont@proxy.exemple.gouv.fr:3128', level: 'B-LT', offline: 'refuse' };
    expect(await call('settings:set', good)).toMatchObject({
      ok: true,
      value: { settings: { ...good, proxyUrl: 'http://***@proxy.exemple.gouv.fr:3128/' }, proxyHasCredentials: true },
    });
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual(good);
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(await call('settings:set', { ...good, tsaUrl: 'tsa.gouv.fr' })).toMatchObject({ ok: false, error: { code: 'SETTINGS_BAD_TSA_URL', message: expect.stringContaining('n’est pas une adresse web') } });
    expect(await call('settings:set', { ...good, level: 'B-X' })).toMatchObject({ ok: false });
    expect(await call('settings:set', { ...good, extra: true })).toMatchObject({ ok: false });
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('test-tsa: needs an address; a closed port is a French error within the timeout', async () => {
    const { call } = open();
    expect(await call('settings:test-tsa', {})).toMatchObject({ ok: false, error: { code: 'SETTINGS_NO_TSA', message: expect.stringContaining('Indiquez d’abord l’adresse') } });
    expect(await call('settings:test-tsa', { tsaUrl: 'http://127.0.0.1:9/tsa' })).toMatchObject({ ok: false, error: { code: 'NET_UNREACHABLE', message: expect.stringContaining('L’autorité d’horodatage (http://127.0.0.1:9/tsa) est injoignable') } });
  });
});
