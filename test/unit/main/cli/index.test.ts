import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../shared/errors';
import type { Command } from '../../../../main/cli/command';
import { commands, lazyCommand, resolveCommand, type LazyCommand } from '../../../../main/cli/commands/index';
import { VERSION, globalUsage, main } from '../../../../main/cli/index';
import { memoryIo } from './memory-io';

const fake = (name: string, run: Command['run']): Command => ({ name, summary: `résumé de ${name}`, usage: `Usage : paraphe ${name}`, run });

describe('paraphe (dispatcher)', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('%j prints the French usage listing every command', async (argv) => {
    const io = memoryIo();
    expect(await main(argv, io)).toBe(0);
    expect(io.out()).toBe(globalUsage());
    expect(io.out()).toMatch(/^Paraphe — /);
    expect(io.out()).toContain('Usage : paraphe <commande>');
    const lines = io.out().split('\n');
    for (const c of commands) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${c.name} +`)));
    for (const c of commands) expect(lines.find((l) => l.startsWith(`  ${c.name} `))!.trim().endsWith(c.summary)).toBe(true);
    expect(io.err()).toBe('');
  });

  it('every command has a name, a French summary and a usage that starts with « Usage : paraphe <name> »', () => {
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['template', 'validate']));
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const c of commands) {
      expect(c.summary.length).toBeGreaterThan(10);
      expect(c.usage.startsWith(`Usage : paraphe ${c.name}`)).toBe(true);
    }
  });

  it.each(commands.map((c) => c.name))('« %s --help », « %s -h » and « help %s » print that command’s usage', async (name) => {
    const cmd = await resolveCommand(commands.find((c) => c.name === name)!);
    for (const argv of [[name, '--help'], [name, '-h'], ['help', name], [name, 'x', '--help']]) {
      const io = memoryIo();
      expect(await main(argv, io)).toBe(0);
      expect(io.out().trimEnd()).toBe(cmd.usage.trimEnd());
      expect(io.out().endsWith('\n')).toBe(true);
    }
  });

  it('a lazy command has the name and summary of the module it loads', async () => {
    const lazy = commands.filter((c): c is LazyCommand => 'load' in c);
    for (const stub of lazy) {
      const real = await stub.load();
      expect(real).not.toBe(stub);
      expect({ name: real.name, summary: real.summary }).toEqual({ name: stub.name, summary: stub.summary });
    }
  });

  it('a lazy command loads its module once, on first use, and runs it', async () => {
    let loads = 0;
    const seen: string[][] = [];
    const stub = lazyCommand('essai', 'résumé', async () => {
      loads += 1;
      return fake('essai', async (argv) => (seen.push([...argv]), 3));
    });
    expect(loads).toBe(0);
    const io = memoryIo();
    expect(await main(['essai', '--help'], io, [stub])).toBe(0);
    expect(io.out()).toBe('Usage : paraphe essai\n');
    expect(await main(['essai', 'x'], memoryIo(), [stub])).toBe(3);
    expect(await main(['essai', 'y'], memoryIo(), [stub])).toBe(3);
    expect(loads).toBe(1);
    expect(seen).toEqual([['x'], ['y']]);
  });

  it('prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    const io = memoryIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out()).toBe(`paraphe ${pkg.version}\n`);
  });

  it.each([['signe'], ['--verbose'], ['help', 'signe']])('%j is unknown: French message, exit 2', async (...argv) => {
    const io = memoryIo();
    expect(await main(argv, io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/^paraphe : (Commande|Option) inconnue : « (signe|--verbose) »\. Commandes disponibles : template, validate.*paraphe --help/);
  });

  it('passes the remaining arguments to the command and returns its exit code', async () => {
    let seen: readonly string[] = [];
    const cmds = [fake('essai', async (argv) => ((seen = argv), 7))];
    expect(await main(['essai', 'a', '-', 'b'], memoryIo(), cmds)).toBe(7);
    expect(seen).toEqual(['a', '-', 'b']);
  });

  it('prints a UserError’s message and exits 1, without a stack', async () => {
    const io = memoryIo();
    const cmds = [fake('essai', async () => { throw new UserError('x', 'Le fichier est illisible. Vérifiez-le.'); })];
    expect(await main(['essai'], io, cmds)).toBe(1);
    expect(io.err()).toBe('paraphe essai : Le fichier est illisible. Vérifiez-le.\n');
  });

  it('lets an unexpected error through, for bin/paraphe.mjs to report', async () => {
    const cmds = [fake('essai', async () => { throw new TypeError('boom'); })];
    await expect(main(['essai'], memoryIo(), cmds)).rejects.toThrow('boom');
  });
});
