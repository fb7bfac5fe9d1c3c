/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Vitest reads this file too; the Remix plugin is for the app build only.
const testing = Boolean(process.env.VITEST);

export default defineConfig({
  server: { port: Number(process.env.PORT || 3000), hmr: { port: 64999 } },
  plugins: [
    !testing &&
      remix({
        ignoredRouteFiles: ["**/.*"],
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_lazyRouteDiscovery: true,
          v3_singleFetch: true,
        },
      }),
    tsconfigPaths(),
  ],
  build: { assetsInlineLimit: 0 },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // The second: one demo the Collections browser tests share, started only if one of them runs.
    globalSetup: ["test/support/global-setup.ts", "test/support/shared-demo-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Files, and the tests in each, run in a random order (the run prints its seed; rerun one
    // with --sequence.seed=N): every test must hold alone and in any order. Only a file that
    // tells one story in order opts out, with describe(..., { shuffle: false }) and a comment.
    sequence: { shuffle: true },
  },
});
