import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The dev server forwards the API to a local server; ZAITUN_API overrides the default port.
const apiTarget = process.env.ZAITUN_API ?? 'http://127.0.0.1:3000';

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every script and stylesheet of the build, which the server
 * sends to browsers that accept them (@fastify/static `preCompressed`): antd's stylesheet alone is ≈ 1 MB, ≈ 110 KB
 * as Brotli. Done once at build time, not per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'zaitun-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const assets = path.join(outDir, 'assets');
      if (!fs.existsSync(assets)) return;
      for (const name of fs.readdirSync(assets)) {
        if (!/\.(js|css)$/.test(name)) continue;
        const file = path.join(assets, name);
        try {
          const body = fs.readFileSync(file);
          if (body.length < 1024) continue;
          fs.writeFileSync(
            `${file}.br`,
            zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }),
          );
          fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
        } catch (error) {
          // Another build emptying the same directory meanwhile (two e2e servers starting at once): the server
          // then sends that file uncompressed; anything else is a real failure.
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
});
