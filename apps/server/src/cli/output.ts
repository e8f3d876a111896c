/**
 * How the CLI talks: results on stdout, progress on stderr, every message in Chinese first and English second.
 * Exit codes: 0 done, 1 failed or refused, 2 usage error.
 */

export type ExitCode = 0 | 1 | 2;

/** A failure that ends the command with a bilingual message and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Two lines: Chinese, then English. */
export const bi = (zh: string, en: string): string => `${zh}\n${en}`;

export const usageError = (zh: string, en: string): CliError => new CliError(bi(zh, en), 2);
export const failure = (zh: string, en: string): CliError => new CliError(bi(zh, en), 1);

export interface Output {
  /** A result line (stdout). */
  result(text: string): void;
  /** A progress line (stderr). */
  progress(text: string): void;
  /** A counter that rewrites one line on a terminal and prints sparse lines otherwise. */
  counter(label: (n: number) => string): { update(n: number): void; done(): void };
  /** Runs a slow step, announcing it and reporting how long it took. */
  step<T>(label: string, work: () => Promise<T>): Promise<T>;
}

export function consoleOutput(
  stdout: NodeJS.WritableStream = process.stdout,
  stderr: NodeJS.WriteStream | NodeJS.WritableStream = process.stderr,
): Output {
  const tty = 'isTTY' in stderr && stderr.isTTY === true;
  return {
    result: (text) => stdout.write(`${text}\n`),
    progress: (text) => stderr.write(`${text}\n`),
    counter(label) {
      let lastPrinted = 0;
      let shown = false;
      return {
        update(n) {
          const now = Date.now();
          if (tty) {
            stderr.write(`\r${label(n)}`);
            shown = true;
          } else if (now - lastPrinted >= 1000) {
            stderr.write(`${label(n)}\n`);
            lastPrinted = now;
          }
        },
        done() {
          if (shown) stderr.write('\n');
        },
      };
    },
    async step(label, work) {
      const started = Date.now();
      stderr.write(`… ${label}\n`);
      const value = await work();
      stderr.write(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      return value;
    },
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
