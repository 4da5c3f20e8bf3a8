import readline from 'node:readline';
import { CliError, EXIT_USAGE } from './cli-error.js';

/**
 * A password from standard input, never from an argument (arguments show in
 * `ps` and shell history). Piped: the first line. On a terminal: asked for
 * twice, without echo.
 */
export async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const first = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
    if (!first) throw new CliError('No password on standard input (pipe it in, e.g. `printf "%s\\n" "$PW" | dinkydash …`).', EXIT_USAGE);
    return first;
  }
  const password = await askHidden(`${prompt}: `);
  const again = await askHidden('Again, to be sure: ');
  if (password !== again) throw new CliError('The two passwords differ; nothing was changed.', EXIT_USAGE);
  return password;
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    output._writeToOutput = (s: string) => {
      // Show the question once, then nothing of what is typed.
      if (!asked) {
        process.stdout.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}
