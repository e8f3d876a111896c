#!/usr/bin/env node
// The `zaitun` command line. Runs the TypeScript sources directly through tsx, like `npm start` does.
import { register } from 'tsx/esm/api';

register();
const { run } = await import(new URL('../apps/server/src/cli/main.ts', import.meta.url).href);
process.exit(await run(process.argv.slice(2)));
