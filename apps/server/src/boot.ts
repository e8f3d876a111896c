/** Opening the database the way every entry point (server, CLI) does: open, migrate, seed when empty. */
import { sql } from 'kysely';
import type { Config } from './config';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { systemContext } from './lib/audit';
import type { Clock } from './lib/clock';
import { seedDemoBulletins } from './seed/demo-bulletins';
import { seedDemoDispatch } from './seed/demo-dispatch';
import { seedDemoIndicators } from './seed/demo-indicators';
import { ensureReferenceData } from './seed/reference-data';
import { seedDemo, writeDemoAccounts } from './seed/seed';

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
}

export async function openAndMigrate(config: Config, log: Logger): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database.db, (m) => log.info(`applying migration ${m.name}`));
    if (applied.length) log.info(`applied ${applied.length} migration(s)`);
    await ensureReferenceData(database.db);
    if (database.kind === 'postgres') {
      const { rows } = await sql<{ lc_ctype: string }>`SELECT current_setting('lc_ctype') AS lc_ctype`.execute(
        database.db,
      );
      const ctype = rows[0]?.lc_ctype ?? '';
      if (/^(C|POSIX)$/i.test(ctype)) {
        log.warn(
          `the database's LC_CTYPE is ${ctype}: Chinese text yields no trigrams and search will be slow. Create it with --locale=C.UTF-8 or zh_CN.UTF-8.`,
        );
      }
    }
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

export async function seedIfEmpty(database: Database, config: Config, clock: Clock, log: Logger): Promise<void> {
  const result = await seedDemo(database.db, systemContext(clock, 'seed'), {
    password: config.demoPassword,
    accounts: config.seedDemoAccounts,
  });
  if (!result.seeded) return;
  if (!config.seedDemoAccounts) {
    log.info(
      'seeded the unit tree without demo accounts (SEED_DEMO_ACCOUNTS=false): create the first administrator with `npx zaitun create-admin --username NAME --display-name 姓名`',
    );
    return;
  }
  log.info(`seeded the demo organisation and ${result.accounts.length} demo accounts`);
  const history = await seedDemoDispatch(database.db, systemContext(clock, 'seed'));
  if (history) {
    log.info(
      `seeded a dispatch history: ${history.items.length} items, ${history.meetings.length} meetings, ${history.orders.length} assignment orders`,
    );
    const bulletins = await seedDemoBulletins(database.db, systemContext(clock, 'seed'));
    log.info(`seeded ${bulletins} bulletins`);
  }
  const cockpit = await seedDemoIndicators(database.db, systemContext(clock, 'seed'));
  if (cockpit.indicators) {
    log.info(
      `seeded the cockpit: ${cockpit.indicators} indicators, ${cockpit.figures} figures, ${cockpit.targets} targets`,
    );
  }
  if (config.demoPassword) {
    log.info(
      `demo accounts (${result.accounts.map((a) => a.username).join(', ')}) use the password from ZAITUN_DEMO_PASSWORD`,
    );
  } else {
    const file = writeDemoAccounts(config.dataDir, result);
    log.info(`demo account passwords written to ${file}`);
  }
}
