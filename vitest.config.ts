import { defineConfig } from 'vitest/config';

const serverIntegration = (db: 'pglite' | 'pg') => ({
  test: {
    name: `server-${db}`,
    include: ['apps/server/test/**/*.test.ts'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    env: { ZAITUN_TEST_DB: db },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/contracts/src/**/*.test.ts', 'apps/server/src/**/*.test.ts'],
          exclude: ['apps/server/src/cli/**'],
        },
      },
      {
        test: {
          name: 'cli',
          include: ['apps/server/src/cli/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      serverIntegration('pglite'),
      ...(process.env.ZAITUN_TEST_DATABASE_URL ? [serverIntegration('pg')] : []),
      // The web project has its own config (React plugin, happy-dom): apps/web/vitest.config.ts.
      'apps/web',
    ],
  },
});
