import { describe, expect, it } from 'vitest';
import { exportWordCommand } from '../../../../../main/cli/commands/export-word';
import { importWordCommand } from '../../../../../main/cli/commands/import-word';
import { memoryIo } from '../memory-io';

/** Misuse of the Word commands: exit 2, a French line that says what to do, nothing read. */
describe('paraphe export-word / import-word usage', () => {
  const cases: Array<[typeof exportWordCommand, string[], RegExp]> = [
    [exportWordCommand, ['c.json'], /indiquez le document à écrire avec -o/],
    [exportWordCommand, ['c.json', '-o'], /L’option -o attend une valeur/],
    [exportWordCommand, ['c.json', '-o', 'x.docx', '--draft'], /Option inconnue : --draft/],
    [exportWordCommand, ['a.json', 'b.json', '-o', 'x.docx'], /une seule convention à la fois/],
    [importWordCommand, ['d.docx'], /indiquez la convention à écrire avec -o/],
    [importWordCommand, ['-o', 'x.json'], /indiquez le document Word à lire/],
    [importWordCommand, ['d.docx', '--output=x.json', '--final'], /Option inconnue : --final/],
  ];
  for (const [command, argv, message] of cases) {
    it(`${command.name} ${argv.join(' ')}`, async () => {
      const io = memoryIo();
      expect(await command.run(argv, io)).toBe(2);
      expect(io.err()).toMatch(message);
      expect(io.out()).toBe('');
    });
  }
});
