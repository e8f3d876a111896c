/**
 * The `zaitun` command line (bin/zaitun.js): database upkeep and the way back in for administrators.
 * Configuration comes from the same environment variables as the server (config.ts).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { systemClock } from '../lib/clock';
import type { CliContext } from './context';
import { CliError, consoleOutput, type ExitCode, type Output, usageError } from './output';

export const USAGE = `zaitun — 刺桐平台命令行 / the Zaitun command line

用法 / usage: zaitun <命令 command> [选项 options]

  migrate                         执行数据库迁移 / apply database migrations
  seed-demo                       向空数据库写入演示组织 / seed the demo organisation into an empty database
  create-admin --username U --display-name N [--unit CODE]
                                  创建系统管理员，显示一次临时密码 / create a system administrator, show a temporary password once
  reset-password --username U     重设密码、解除锁定、结束会话 / new temporary password, lock cleared, sessions ended
  audit verify                    校验审计哈希链 / verify the audit hash chain
  backup FILE                     备份到 FILE（服务器运行时也可）/ back up to FILE (also while the server runs)
  restore FILE --yes              从 FILE 恢复（嵌入式：须先停止服务器）/ restore from FILE (embedded: stop the server first)
  help                            显示本说明 / show this help

环境变量 / environment: DATABASE_URL（PostgreSQL；不设则使用 DATA_DIR 中的嵌入式 PGlite / unset: embedded PGlite in DATA_DIR),
  DATA_DIR（默认 / default ./data), ZAITUN_DEMO_PASSWORD（seed-demo 的演示密码 / demo password for seed-demo)
嵌入式模式下服务器运行时，audit verify 和 backup 经由服务器执行，其余命令会拒绝执行。
In embedded mode, while a server runs, audit verify and backup go through it; the other commands refuse.

退出码 / exit codes: 0 成功 ok, 1 失败 failure, 2 用法错误 usage error
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  username: { type: 'string' },
  'display-name': { type: 'string' },
  unit: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
} as const;

type Parsed = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;

/** Which options each command accepts; anything else is a usage error rather than silently ignored. */
const ACCEPTS: Record<string, readonly (keyof typeof OPTIONS)[]> = {
  migrate: [],
  'seed-demo': [],
  'create-admin': ['username', 'display-name', 'unit'],
  'reset-password': ['username'],
  audit: [],
  backup: [],
  restore: ['yes'],
};

function required(values: Parsed['values'], name: 'username' | 'display-name'): string {
  const value = values[name];
  if (!value) throw usageError(`缺少 --${name}。`, `--${name} is required.`);
  return value;
}

function positionalCount(positionals: string[], count: number, what: string): void {
  if (positionals.length !== count) {
    throw usageError(`参数个数不对：${what}`, `Wrong number of arguments: ${what}`);
  }
}

async function dispatch(parsed: Parsed, out: Output): Promise<void> {
  const [command, ...rest] = parsed.positionals;
  const { values } = parsed;
  if (!command || command === 'help' || values.help) {
    out.result(USAGE);
    return;
  }
  const accepted = ACCEPTS[command];
  if (!accepted)
    throw usageError(`未知命令：${command}（zaitun help 查看用法）`, `Unknown command: ${command} (see zaitun help)`);
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && name !== 'help' && !accepted.includes(name as keyof typeof OPTIONS)) {
      throw usageError(`${command} 不接受 --${name}。`, `${command} does not take --${name}.`);
    }
  }
  // Commands load lazily, so that `help` and usage errors answer at once.
  const context = (): CliContext => ({ config: loadConfig(), clock: systemClock, out });
  switch (command) {
    case 'migrate': {
      positionalCount(rest, 0, 'zaitun migrate');
      const { migrateCommand } = await import('./setup.command');
      return migrateCommand(context());
    }
    case 'seed-demo': {
      positionalCount(rest, 0, 'zaitun seed-demo');
      const { seedDemoCommand } = await import('./setup.command');
      return seedDemoCommand(context());
    }
    case 'create-admin': {
      positionalCount(rest, 0, 'zaitun create-admin --username U --display-name N [--unit CODE]');
      const input = {
        username: required(values, 'username'),
        displayName: required(values, 'display-name'),
        unitCode: values.unit ?? null,
      };
      const { createAdminCommand } = await import('./accounts.command');
      return createAdminCommand(context(), input);
    }
    case 'reset-password': {
      positionalCount(rest, 0, 'zaitun reset-password --username U');
      const username = required(values, 'username');
      const { resetPasswordCommand } = await import('./accounts.command');
      return resetPasswordCommand(context(), username);
    }
    case 'audit': {
      if (rest.length !== 1 || rest[0] !== 'verify') {
        throw usageError('用法：zaitun audit verify', 'usage: zaitun audit verify');
      }
      const { auditVerifyCommand } = await import('./audit.command');
      return auditVerifyCommand(context());
    }
    case 'backup': {
      positionalCount(rest, 1, 'zaitun backup FILE');
      const { backupCommand } = await import('./backup.command');
      return backupCommand(context(), rest[0] as string);
    }
    case 'restore': {
      positionalCount(rest, 1, 'zaitun restore FILE --yes');
      const { restoreCommand } = await import('./restore.command');
      return restoreCommand(context(), rest[0] as string, values.yes === true);
    }
  }
}

/** Runs one command line and returns the exit code; never throws. */
export async function run(argv: string[], out: Output = consoleOutput()): Promise<ExitCode> {
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    out.progress(`用法错误 / usage error: ${(err as Error).message}\n\nzaitun help — 查看用法 / show usage`);
    return 2;
  }
  try {
    await dispatch(parsed, out);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      out.progress(err.message);
      if (err.exitCode === 2) out.progress('\nzaitun help — 查看用法 / show usage');
      return err.exitCode;
    }
    out.progress(`错误 / error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}
