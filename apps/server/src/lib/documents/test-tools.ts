// Helpers for the documents' tests: read a part of a .docx, and find the outside tools (poppler-utils, LibreOffice,
// Chromium) — tests needing a missing tool skip, unless ZAITUN_REQUIRE_DOC_TOOLS=1 (CI) makes them fail.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import yauzl from 'yauzl';

/** The text of one part (e.g. `word/document.xml`) of a zip file; null when absent. */
export function readZipEntry(zip: Buffer, name: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return file.readEntry();
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            file.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
          stream.on('error', reject);
        });
      });
      file.on('end', () => resolve(null));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

export const requireDocTools = process.env.ZAITUN_REQUIRE_DOC_TOOLS === '1';

/** Whether a command is on PATH (or an absolute path exists). */
export function hasTool(command: string): boolean {
  if (command.startsWith('/')) return fs.existsSync(command);
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** True when every tool is there; throws when one is missing and CI requires them; false (→ skip) otherwise. */
export function toolsAvailable(...commands: string[]): boolean {
  const missing = commands.filter((command) => !hasTool(command));
  if (missing.length === 0) return true;
  if (requireDocTools) {
    throw new Error(
      `ZAITUN_REQUIRE_DOC_TOOLS=1 but missing: ${missing.join(', ')} (apt-get install poppler-utils libreoffice-writer-nogui chromium fonts-noto-cjk)`,
    );
  }
  return false;
}

/** Runs a tool and returns its stdout; throws with its stderr when it fails. */
export function run(command: string, args: string[], timeoutMs = 120_000): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}`);
  }
  return result.stdout;
}
