import { describe, expect, it } from 'vitest';
import { templateCommand } from '../../../../../main/cli/commands/template';
import { parseConvention } from '../../../../../shared/model/migrate';
import { getTemplate } from '../../../../../shared/templates/index';
import { memoryIo } from '../memory-io';

async function run(argv: string[]) {
  const io = memoryIo();
  const code = await templateCommand.run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('paraphe template', () => {
  it('list prints each template’s id, title and description', async () => {
    const r = await run(['list']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^delegation-de-gestion  Convention de délégation de gestion/);
    expect(lines[2]).toMatch(/^exemple-camino-2020 {4}Exemple : délégation de gestion Camino/);
    expect(lines[1]).toMatch(/^ {21} {2}La structure/);
  });

  it('show prints the template’s JSON, equal to the template', async () => {
    const r = await run(['show', 'exemple-camino-2020']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(getTemplate('exemple-camino-2020')!.build());
    expect(r.out.endsWith('}\n')).toBe(true);
  });

  it('show --fresh gives new ids and the date asked', async () => {
    const r = await run(['show', 'delegation-de-gestion', '--fresh', '--date', '2026-05-04']);
    expect(r.code).toBe(0);
    const parsed = parseConvention(JSON.parse(r.out));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.convention.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(parsed.convention.date).toBe('2026-05-04');
    expect(parsed.convention.parties.map((p) => p.id)).not.toContain('delegation-de-gestion/party/delegant');
  });

  it('an unknown template exits 1 and lists the known ones', async () => {
    const r = await run(['show', 'convention-x']);
    expect(r).toEqual({ code: 1, out: '', err: 'paraphe template : modèle inconnu « convention-x ». Modèles disponibles : delegation-de-gestion, exemple-camino-2020.\n' });
  });

  it.each([
    [[], /indiquez une sous-commande/],
    [['supprime'], /sous-commande inconnue « supprime »/],
    [['list', 'x'], /argument inattendu « x »/],
    [['show'], /indiquez l’identifiant du modèle/],
    [['show', 'a', 'b'], /argument inattendu « b »/],
    [['show', 'a', '--json'], /option inconnue « --json »/],
    [['show', 'exemple-camino-2020', '--fresh', '--date', '26/03/2020'], /--date attend une date au format AAAA-MM-JJ/],
    [['show', 'exemple-camino-2020', '--fresh', '--date'], /--date attend une date/],
    [['show', 'exemple-camino-2020', '--date', '2020-01-01'], /--date ne s’emploie qu’avec --fresh/],
  ])('%j is bad usage: exit 2 with a French reason', async (argv, reason) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(reason);
    expect(r.err).toMatch(/paraphe template --help/);
  });
});
