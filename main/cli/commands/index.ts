import type { Command } from '../command';
import { templateCommand } from './template';
import { validateCommand } from './validate';
import { signCommand } from './sign';
import { verifyCommand } from './verify';
import { identityCommand } from './identity';
import { renderCommand } from './render';

/** Every `paraphe` sub-command, in the order `paraphe --help` lists them (one per line). */
export const commands: readonly Command[] = [
  templateCommand,
  validateCommand,
  renderCommand,
  signCommand,
  verifyCommand,
  identityCommand,
];
