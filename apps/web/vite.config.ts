import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server forwards the API to a local server; ZAITUN_API overrides the default port.
const apiTarget = process.env.ZAITUN_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
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
