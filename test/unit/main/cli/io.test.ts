import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeCliIo, readAll } from '../../../../main/cli/io';
import { UserError } from '../../../../shared/errors';

const saved = process.env.PARAPHE_PASSWORD;
afterEach(() => {
  if (saved === undefined) delete process.env.PARAPHE_PASSWORD;
  else process.env.PARAPHE_PASSWORD = saved;
});

describe('createNodeCliIo', () => {
  it('takes the password from PARAPHE_PASSWORD when set', async () => {
    process.env.PARAPHE_PASSWORD = 'mot de passe é';
    expect(await createNodeCliIo().askPassword('Mot de passe : ')).toBe('mot de passe é');
  });

  it('without a terminal and without PARAPHE_PASSWORD, says what to do', async () => {
    delete process.env.PARAPHE_PASSWORD;
    if (process.stdin.isTTY) return; // run interactively, the prompt would wait for a human
    const e = await createNodeCliIo().askPassword('Mot de passe : ').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).code).toBe('password-required');
    expect((e as UserError).message).toMatch(/PARAPHE_PASSWORD/);
  });

  it('knows the working directory and the environment', () => {
    const io = createNodeCliIo();
    expect(io.cwd).toBe(process.cwd());
    expect(io.env).toBe(process.env);
  });
});

describe('readAll', () => {
  it('joins chunks as UTF-8, even a character split across two chunks', async () => {
    const bytes = Buffer.from('« Vu le décret »', 'utf8');
    const stream = Readable.from([bytes.subarray(0, 3), bytes.subarray(3)]);
    expect(await readAll(stream)).toBe('« Vu le décret »');
  });

  it('reads an empty stream as an empty string', async () => {
    expect(await readAll(Readable.from([]))).toBe('');
  });
});
