import { defineConfig } from "vitest/config";

// npm run test:image: the Docker image's production stage rebuilt in a folder (about a minute, most
// of it npm ci), so it is not part of npm test.
export default defineConfig({
  test: {
    include: ["test/image/**/*.test.ts"],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: "forks",
  },
});
