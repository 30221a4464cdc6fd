import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // npm run test:image rebuilds the image's production stage (about a minute): not part of npm test.
    exclude: [...configDefaults.exclude, "test/image/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // PGlite and PostgreSQL suites each start their own database; two at a time suits 2-core machines.
    maxWorkers: 2,
  },
});
