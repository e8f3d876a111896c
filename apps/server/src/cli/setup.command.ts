/** `zaitun migrate` and `zaitun seed-demo`. */
import { openAndMigrate } from '../boot';
import { DataDirLockedError } from '../db/data-dir-lock';
import { systemContext } from '../lib/audit';
import { isEmpty, seedDemo, writeDemoAccounts } from '../seed/seed';
import { type CliContext, dataDirOwner, describeDatabase, lockedError, withDatabase } from './context';
import { bi, CliError, failure } from './output';

export async function migrateCommand(ctx: CliContext): Promise<void> {
  const { config, out } = ctx;
  let applied = 0;
  const log = {
    info: (msg: string) => {
      if (msg.startsWith('applying migration ')) {
        applied += 1;
        out.result(`执行迁移 / applying migration ${msg.slice('applying migration '.length)}`);
      }
    },
    warn: (msg: string) => out.progress(`警告 / warning: ${msg}`),
  };
  const owner = dataDirOwner(config);
  if (owner.kind !== 'none') throw lockedError(config, owner.pid);
  out.progress(`… 打开数据库 / opening the database: ${describeDatabase(config)}`);
  let database: Awaited<ReturnType<typeof openAndMigrate>>;
  try {
    database = await openAndMigrate(config, log);
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new CliError(err.message, 1);
    throw err;
  }
  await database.close();
  out.result(
    applied
      ? bi(`已执行 ${applied} 个迁移，数据库已是最新。`, `Applied ${applied} migration(s); the database is up to date.`)
      : bi('没有待执行的迁移，数据库已是最新。', 'No migrations to apply; the database is up to date.'),
  );
}

export async function seedDemoCommand(ctx: CliContext): Promise<void> {
  const { config, out, clock } = ctx;
  await withDatabase(
    ctx,
    async (database) => {
      if (!(await isEmpty(database.db))) {
        throw failure(
          '数据库中已有单位数据，演示组织只能写入空数据库，本次未做任何更改。',
          'The database already holds units: the demo organisation is only seeded into an empty database. Nothing was changed.',
        );
      }
      const result = await out.step('写入演示组织和账号 / seeding the demo organisation and accounts', () =>
        seedDemo(database.db, systemContext(clock, 'cli'), { password: config.demoPassword }),
      );
      if (!result.seeded)
        throw failure('数据库已非空，未写入。', 'The database is no longer empty; nothing was seeded.');
      const names = result.accounts.map((a) => a.username).join(', ');
      out.result(
        bi(
          `已写入演示组织和 ${result.accounts.length} 个演示账号（${names}）。`,
          `Seeded the demo organisation and ${result.accounts.length} demo accounts (${names}).`,
        ),
      );
      if (config.demoPassword) {
        out.result(
          bi(
            '演示账号使用环境变量 ZAITUN_DEMO_PASSWORD 中的密码。',
            'The demo accounts use the password from ZAITUN_DEMO_PASSWORD.',
          ),
        );
      } else {
        const file = writeDemoAccounts(config.dataDir, result);
        out.result(
          bi(`演示账号密码已写入 ${file}（仅所有者可读）。`, `Demo account passwords written to ${file} (owner-only).`),
        );
      }
    },
    { requireSchema: true },
  );
}
