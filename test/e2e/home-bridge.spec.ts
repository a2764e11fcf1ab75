import { channelNames, pushChannelNames } from '../../shared/ipc/channel-names';
import { methodName, pushMethodName } from '../../shared/ipc/define';
import { test, expect } from './harness/index';

test('window.paraphe offre exactement les fonctions du contrat, comme le preload', async ({ page }) => {
  const keys = await page.evaluate(() => Object.keys((globalThis as unknown as { paraphe: object }).paraphe).sort());
  expect(keys).toEqual([...channelNames.map(methodName), ...pushChannelNames.map(pushMethodName)].sort());
  const frozen = await page.evaluate(() => Object.isFrozen((globalThis as unknown as { paraphe: object }).paraphe));
  expect(frozen).toBe(true);
});

test('un appel depuis une autre origine est refusé par la vérification de l’expéditeur', async ({ page, context, handlers }) => {
  // Same server, other origin (localhost instead of 127.0.0.1): the bridge is there, the sender is not ours.
  const other = await context.newPage();
  await other.goto(page.url().replace('127.0.0.1', 'localhost'));
  const result = await other.evaluate(() =>
    (globalThis as unknown as { paraphe: { conventionCreate(i: unknown): Promise<unknown> } }).paraphe.conventionCreate({ templateId: 'delegation-de-gestion' }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  expect(await handlers['convention:list']()).toEqual([]);

  // And from our own page, the same call goes through.
  const ok = await page.evaluate(() =>
    (globalThis as unknown as { paraphe: { conventionCreate(i: unknown): Promise<unknown> } }).paraphe.conventionCreate({ templateId: 'delegation-de-gestion' }),
  );
  expect(ok).toMatchObject({ ok: true });
});
