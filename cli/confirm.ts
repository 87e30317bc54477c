import { createInterface } from 'node:readline/promises';
import { CliFailure } from './output';

export interface Asker {
  /** True when a person can answer (stdin is a terminal). */
  readonly interactive: boolean;
  ask(question: string): Promise<string>;
}

export const terminalAsker: Asker = {
  interactive: process.stdin.isTTY === true,
  async ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
};

/**
 * The CLI's confirmation: what the app's dialog says, answered on the terminal — or given up front with --yes
 * (and, for Production, --confirm-name NAME) so scripts run unattended with the same safety.
 */
export async function confirm(options: { asker: Asker; yes: boolean; question: string; typeToConfirm: string | null; confirmName?: string }): Promise<string | undefined> {
  const { asker, yes, typeToConfirm } = options;
  if (typeToConfirm !== null) {
    if (options.confirmName !== undefined) return options.confirmName;
    if (!asker.interactive) throw new CliFailure(`This acts on PRODUCTION: add --confirm-name "${typeToConfirm}" (with --yes) to confirm.`, 2);
    return (await asker.ask(`${options.question}\nThis acts on PRODUCTION. Type the connection's name (${typeToConfirm}) to confirm: `)).trim();
  }
  if (yes) return undefined;
  if (!asker.interactive) throw new CliFailure('Add --yes to confirm (no terminal to ask on).', 2);
  const answer = (await asker.ask(`${options.question}\nProceed? [y/N] `)).trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes') throw new CliFailure('Cancelled; nothing was sent.', 1);
  return undefined;
}
