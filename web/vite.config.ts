import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the gateway under /app; everything is bundled (no CDN, no remote fonts).
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1024 },
});
