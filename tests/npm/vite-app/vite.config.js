import { defineConfig } from 'vite';

export default defineConfig({
  // The dev server pre-bundles dependencies into .vite/deps, where the .wasm file that
  // credit-rules loads next to its module is not: serve the package as it is.
  optimizeDeps: { exclude: ['credit-rules'] },
});
