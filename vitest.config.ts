import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql must be one module instance across workspaces, or GraphQLSchema checks fail
    // ("Cannot use GraphQLSchema from another module or realm").
    // Exactly `graphql` (not its subpaths, which some packages import directly, e.g. graphql/language/parser).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'hub',
          globalSetup: ['./test/support/global-setup.ts'],
          include: ['shared/src/**/*.test.ts', 'subgraphs/*/src/**/*.test.ts', 'gateway/src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**', '**/node_modules/**'],
        },
      },
      {
        // The web app in headless Chromium against one hub and one browser shared by the files
        // (started by browser-setup.ts only when a browser test runs).
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['./test/support/global-setup.ts', './test/browser/support/browser-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
