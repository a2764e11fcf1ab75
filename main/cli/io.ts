import { stdin, stdout, stderr, env, cwd } from 'node:process';
import { UserError } from '../../shared/errors';
import type { CliIo } from './command';

/** Reads a whole readable stream as UTF-8 text. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Asks a secret on the terminal without echoing it: raw mode, characters collected by hand
 * (backspace handled, Ctrl-C aborts). Only used when stdin is a TTY.
 */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = stdin;
    stderr.write(prompt);
    let secret = '';
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const finish = (err?: Error): void => {
      input.setRawMode(wasRaw);
      input.pause();
      input.off('data', onData);
      stderr.write('\n');
      if (err) reject(err);
      else resolve(secret);
    };
    const onData = (data: string): void => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new UserError('cancelled', 'Saisie du mot de passe annulée.'));
        if (ch === '\u007f' || ch === '\b') secret = secret.slice(0, -1);
        else secret += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The real ports of the `paraphe` process: standard streams, environment, terminal prompt. */
export function createNodeCliIo(): CliIo {
  return {
    stdout: (text) => void stdout.write(text),
    stderr: (text) => void stderr.write(text),
    readStdin: () => {
      // `paraphe validate -` typed at a terminal, with nothing piped: say what is awaited.
      if (stdin.isTTY) stderr.write("Collez la convention (JSON) puis tapez Ctrl-D ; Ctrl-C pour annuler.\n");
      return readAll(stdin);
    },
    askPassword: async (prompt) => {
      const fromEnv = env.PARAPHE_PASSWORD;
      if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
      if (stdin.isTTY) return promptHidden(prompt);
      throw new UserError(
        'password-required',
        'Un mot de passe est nécessaire, mais aucun terminal n’est disponible pour le saisir. Définissez la variable d’environnement PARAPHE_PASSWORD ou lancez la commande dans un terminal.',
      );
    },
    env,
    cwd: cwd(),
  };
}
