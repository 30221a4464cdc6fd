import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// The machines that run the tests have no container engine, so these checks read the files.
const read = (name: string) => readFileSync(new URL(`../../../${name}`, import.meta.url), "utf8");

describe("deployment files", () => {
  const compose = parse(read("docker-compose.yml"));

  it("run PostgreSQL, two bot instances in HTTP mode and one proxy port", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["bot-1", "bot-2", "db", "proxy"]);
    for (const bot of ["bot-1", "bot-2"]) {
      expect(compose.services[bot].environment.SLACK_APP_TOKEN).toBe("");
      expect(compose.services[bot].environment.DATABASE_URL).toMatch(/^postgres:\/\/.*@db:5432\//);
      expect(compose.services[bot].depends_on.db.condition).toBe("service_healthy");
    }
    expect(compose.services.proxy.ports).toHaveLength(1);
    expect(compose.configs.nginx.content).toContain("server bot-1:3000");
    expect(compose.configs.nginx.content).toContain("server bot-2:3000");
  });

  it("build an image that starts the bot and checks readiness", () => {
    const dockerfile = read("Dockerfile");
    expect(dockerfile).toMatch(/^FROM node:24/m);
    expect(dockerfile).toContain('CMD ["node", "src/main.ts"]');
    expect(dockerfile).toContain("/readyz");
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});
