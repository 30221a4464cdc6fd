import { describe, expect, it } from "vitest";

// bin/launch.mjs is plain JavaScript (old Node versions must parse it), so it is imported by URL.
const launcher = (await import(new URL("../../../bin/launch.mjs", import.meta.url).href)) as {
  minimumNodeVersion(range: string): [number, number, number];
  nodeVersionProblem(found: string, range: string): string | null;
};

describe("the launcher's Node version check", () => {
  it("reads the minimum from package.json's engines range", () => {
    expect(launcher.minimumNodeVersion(">=22.18")).toEqual([22, 18, 0]);
    expect(launcher.minimumNodeVersion(">= 22.18.1")).toEqual([22, 18, 1]);
    expect(launcher.minimumNodeVersion(">=24")).toEqual([24, 0, 0]);
    expect(() => launcher.minimumNodeVersion("^22.18")).toThrow(/engines\.node must read ">=MAJOR\.MINOR"/);
  });

  it("accepts the minimum and anything newer", () => {
    for (const found of ["22.18.0", "22.18.3", "22.19.0", "23.0.0", "24.22.3", "v25.1.0", "100.0.0"]) expect(launcher.nodeVersionProblem(found, ">=22.18")).toBeNull();
  });

  it("refuses anything older in one sentence naming the version found, the one needed and how to get it", () => {
    for (const found of ["22.17.9", "22.0.0", "20.20.2", "18.19.1", "14.21.3"]) {
      const problem = launcher.nodeVersionProblem(found, ">=22.18");
      expect(problem).toBe(
        `Patient Relations needs Node.js 22.18 or newer (Node 24 LTS recommended) but this is Node.js ${found}: install Node 24 from https://nodejs.org/ or with \`nvm install\` (it reads .nvmrc), then run \`npm ci\` and \`npm start\` again.`,
      );
      expect(problem?.split(/[.:] (?=[A-Z])/)).toHaveLength(1);
    }
    expect(launcher.nodeVersionProblem("22.18.0", ">=22.18.1")).toMatch(/needs Node\.js 22\.18\.1 or newer/);
  });
});
