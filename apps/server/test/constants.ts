import path from 'node:path';

/** Every demo account in test databases uses this password. */
export const TEST_PASSWORD = 'Test-Passw0rd!';
export const TMP_DIR = path.resolve(import.meta.dirname, '../../../.tmp');
