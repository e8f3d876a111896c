import { defineConfig } from 'vitest/config';

const serverIntegration = (db: 'pglite' | 'pg') => ({
  test: {
    name: `server-${db}`,
    include: ['apps/server/test/**/*.test.ts'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    env: { ZAITUN_TEST_DB: db },
    // One module graph per worker instead of one per file: these files import the whole server (Fastify, Kysely,
    // the route schemas), and evaluating it again for each file was the largest share of the run (import 128 s of
    // the PGlite run's 334 s, 97 s of PostgreSQL's 128 s). Each file still gets its own database and app from
    // harness.ts; the tests mock nothing, and what modules keep (a pooled PDF browser, a dummy password hash) is
    // safe to share, so sharing the modules changes no result.
    isolate: false,
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
