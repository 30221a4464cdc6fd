import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createMetricsRegistry } from "../../../src/ops/metrics.ts";

// These checks read the files; test/image/ builds the image's production stage in a folder
// (npm run test:image), since a container engine cannot be assumed where the tests run.
const read = (name: string) => readFileSync(new URL(`../../../${name}`, import.meta.url), "utf8");

/** The Dockerfile's stages: each FROM line and the instructions under it (continuations joined). */
function stages(dockerfile: string): { from: string; lines: string[] }[] {
  const result: { from: string; lines: string[] }[] = [];
  const logical = dockerfile.replace(/\\\n/g, " ").split("\n").map((line) => line.trim());
  for (const line of logical) {
    if (line === "" || line.startsWith("#")) continue;
    if (/^FROM\s/i.test(line)) result.push({ from: line, lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

describe("docker-compose.yml", () => {
  const text = read("docker-compose.yml");
  const compose = parse(text);

  it("runs PostgreSQL, two bot instances in HTTP mode and a TLS proxy in front of both", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["bot-1", "bot-2", "db", "proxy"]);
    for (const bot of ["bot-1", "bot-2"]) {
      expect(compose.services[bot].environment.SLACK_APP_TOKEN).toBe("");
      expect(compose.services[bot].environment.DATABASE_URL).toMatch(/^postgres:\/\/.*@db:5432\//);
      expect(compose.services[bot].depends_on.db.condition).toBe("service_healthy");
    }
    expect(compose.services.db.image).toMatch(/^postgres:1[7-9]/);
    expect(compose.services.proxy.image).toMatch(/^caddy:2/);
    expect(compose.services.proxy.ports).toEqual(["80:80", "443:443"]);
    expect(compose.services.proxy.volumes).toContain("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro");
  });

  it("refuses to start without POSTGRES_PASSWORD and PUBLIC_HOSTNAME instead of defaulting them", () => {
    const uses = text.match(/\$\{POSTGRES_PASSWORD[^}]*\}/g) ?? [];
    expect(uses.length).toBeGreaterThanOrEqual(2);
    for (const use of uses) expect(use).toBe(["$", "{POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}"].join(""));
    expect(compose.services.proxy.environment.PUBLIC_HOSTNAME).toMatch(/^\$\{PUBLIC_HOSTNAME:\?/);
  });

  it("has a hospital-certificate override that mounts the certificate and key for Caddy", () => {
    const override = parse(read("deploy/compose.hospital-cert.yml"));
    expect(override.services.proxy.volumes).toEqual(["./deploy/Caddyfile.hospital-cert:/etc/caddy/Caddyfile:ro", "./deploy/certs:/certs:ro"]);
    const caddyfile = read("deploy/Caddyfile.hospital-cert");
    expect(caddyfile).toMatch(/^\s*tls \/certs\/tls\.crt \/certs\/tls\.key$/m);
  });

  it("sends Slack's requests to both instances, only to a ready one, in each Caddyfile", () => {
    for (const name of ["deploy/Caddyfile", "deploy/Caddyfile.hospital-cert"]) {
      const caddyfile = read(name);
      expect(caddyfile).toMatch(/reverse_proxy bot-1:3000 bot-2:3000 \{/);
      expect(caddyfile).toMatch(/health_uri \/readyz/);
      expect(caddyfile).toMatch(/^\{\$PUBLIC_HOSTNAME\} \{$/m);
    }
  });
});

describe("Dockerfile", () => {
  const all = stages(read("Dockerfile"));
  const last = all.at(-1);

  it("is multi-stage: a build stage generates the client, the production stage copies it", () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const stage of all) expect(stage.from).toMatch(/^FROM \$\{NODE_IMAGE\} AS \w+$/);
    expect(read("Dockerfile")).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    expect(all[0]?.lines).toContain("RUN npm ci --no-audit --no-fund");
    expect(last?.lines).toContain("COPY --from=build /app/src/db/generated ./src/db/generated");
  });

  it("installs production dependencies only in the image it runs", () => {
    const installs = last?.lines.filter((line) => /npm (ci|install)/.test(line)) ?? [];
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/npm ci --omit=dev --omit=optional --ignore-scripts/);
    expect(last?.lines.some((line) => /npm prune|--include=dev/.test(line))).toBe(false);
  });

  it("runs as a user that is not root, with DATA_DIR a volume that user owns", () => {
    const users = last?.lines.filter((line) => line.startsWith("USER ")) ?? [];
    expect(users.at(-1)).toBe("USER node");
    const env = last?.lines.find((line) => line.startsWith("ENV ")) ?? "";
    expect(env).toMatch(/\bDATA_DIR=\/data\b/);
    expect(last?.lines).toContain("VOLUME /data");
    const chown = last?.lines.findIndex((line) => /mkdir -p \/data && chown node:node \/data/.test(line)) ?? -1;
    expect(chown).toBeGreaterThanOrEqual(0);
    expect(chown).toBeLessThan(last?.lines.indexOf("USER node") ?? -1);
  });

  it("checks readiness and starts through the launcher that checks the Node version", () => {
    expect(last?.lines.find((line) => line.startsWith("HEALTHCHECK "))).toContain("/readyz");
    expect(last?.lines).toContain('CMD ["node", "bin/launch.mjs"]');
    for (const path of ["bin", "src", "prisma", "prompts"]) expect(last?.lines).toContain(`COPY ${path} ./${path}`);
  });

  it("has a .dockerignore that keeps secrets, data and installed modules out of the build context", () => {
    const ignored = read(".dockerignore").split("\n").map((line) => line.trim());
    for (const entry of [".env", ".git", "node_modules", "data", "src/db/generated"]) expect(ignored).toContain(entry);
  });
});

describe("the Node version", () => {
  const engines = JSON.parse(read("package.json")).engines.node as string;

  it("is written the same way in package.json, .nvmrc, .npmrc, the README, .ci/run and the CI workflow", () => {
    expect(engines).toBe(">=22.18");
    expect(read(".nvmrc").trim()).toBe("24");
    expect(read(".npmrc")).toMatch(/^engine-strict=true$/m);
    expect(read("README.md")).toContain("Needs Node.js 22.18 or newer");
    expect(read(".ci/run")).toContain("major > 22 || (major === 22 && minor >= 18)");
    const workflow = parse(read(".github/workflows/ci.yml"));
    const setup = workflow.jobs.test.steps.find((step: { uses?: string }) => step.uses?.startsWith("actions/setup-node"));
    expect(setup.with["node-version-file"]).toBe(".nvmrc");
  });

  it("is checked by npm start before any TypeScript is loaded", () => {
    expect(JSON.parse(read("package.json")).scripts.start).toBe("node bin/launch.mjs");
  });
});

describe("the CI workflow for forks", () => {
  const workflow = parse(read(".github/workflows/ci.yml"));
  const job = workflow.jobs.test;

  it("runs .ci/run against a PostgreSQL 17 service container with a health check", () => {
    const postgres = job.services.postgres;
    expect(postgres.image).toBe("postgres:17");
    expect(postgres.env.POSTGRES_DB).toBe("test");
    expect(postgres.ports).toContain("5432:5432");
    expect(postgres.options).toMatch(/--health-cmd/);
    expect(job.steps.map((step: { run?: string }) => step.run).filter(Boolean)).toContain(".ci/run");
    expect(job.env.TEST_POSTGRES_URL).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:5432\/test$/);
  });
});

describe("the monitoring override (Prometheus and Grafana)", () => {
  const override = parse(read("deploy/compose.monitoring.yml"));
  const prometheus = parse(read("deploy/prometheus/prometheus.yml"));
  const rules = parse(read("deploy/prometheus/alerts.yml")).groups.flatMap((group: { rules: { alert: string; expr: string }[] }) => group.rules);
  const dashboard = JSON.parse(read("deploy/grafana/dashboards/patient-relations.json"));
  const panelExpressions: string[] = dashboard.panels.flatMap((panel: { targets: { expr: string }[] }) => panel.targets.map((target) => target.expr));

  it("scrapes both instances on the compose network with the metrics token, never through the proxy", () => {
    const job = prometheus.scrape_configs.find((config: { job_name: string }) => config.job_name === "patient-relations");
    expect(job.static_configs[0].targets).toEqual(["bot-1:3000", "bot-2:3000"]);
    expect(job.authorization).toEqual({ type: "Bearer", credentials_file: "/run/secrets/metrics_token" });
    expect(override.secrets.metrics_token).toEqual({ environment: "METRICS_TOKEN" });
    expect(override.services.prometheus.secrets).toEqual(["metrics_token"]);
    for (const bot of ["bot-1", "bot-2"]) expect(override.services[bot].environment.METRICS_TOKEN).toMatch(/^\$\{METRICS_TOKEN:\?/);
    expect(override.services.prometheus.volumes).toContain("./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
    expect(prometheus.rule_files).toEqual(["/etc/prometheus/alerts.yml"]);
    // The public name answers Slack and the health checks only.
    for (const name of ["deploy/Caddyfile", "deploy/Caddyfile.hospital-cert"]) {
      const caddyfile = read(name);
      expect(caddyfile).toMatch(/^\s*@metrics path \/metrics \/metrics\/\*$/m);
      expect(caddyfile).toMatch(/^\s*respond @metrics 404$/m);
    }
  });

  it("provisions Grafana with the dashboard and a password it requires, on the host's loopback only", () => {
    const grafana = override.services.grafana;
    expect(grafana.environment.GF_SECURITY_ADMIN_PASSWORD).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
    expect(grafana.ports).toEqual(["127.0.0.1:3001:3000"]);
    expect(grafana.volumes).toContain("./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
    expect(parse(read("deploy/grafana/provisioning/dashboards/dashboards.yml")).providers[0].options.path).toBe("/var/lib/grafana/dashboards");
    const datasource = parse(read("deploy/grafana/provisioning/datasources/prometheus.yml")).datasources[0];
    expect(datasource.url).toBe("http://prometheus:9090");
    for (const panel of dashboard.panels) expect(panel.datasource.uid).toBe(datasource.uid);
  });

  it("asks only for metrics the app exports, with label values it uses", async () => {
    const registry = createMetricsRegistry({ outboxKinds: () => ["case_card"], outboxByKind: async () => [] });
    const exported = new Set((await registry.render()).body.match(/^# TYPE (\S+) (\w+)$/gm)?.flatMap((line) => {
      const [, , name, type] = line.split(" ");
      return type === "histogram" ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!];
    }));
    const labels = registry.labelValues();
    const expressions = [...panelExpressions, ...rules.map((rule: { expr: string }) => rule.expr)];
    expect(panelExpressions.length).toBeGreaterThanOrEqual(15);
    expect(rules.map((rule: { alert: string }) => rule.alert)).toEqual(expect.arrayContaining(["BotInstanceDown", "OutboxPostsFailed", "OutboxStuck", "DraftsFromTemplate", "ModelErrors"]));
    const asked = expressions.flatMap((expr) => expr.match(/\b(?:patient_relations|process|nodejs)_[a-z0-9_]+/g) ?? []);
    expect(asked.length).toBeGreaterThan(expressions.length - 2);
    for (const name of asked) expect(exported, name).toContain(name);
    for (const expr of expressions) {
      for (const [, label, value] of expr.matchAll(/\b([a-z_]+)="([^"]*)"/g)) {
        if (label === "job") expect(value).toBe("patient-relations");
        else expect(labels[label!], `${label}="${value}" in ${expr}`).toContain(value);
      }
      for (const [, byLabels] of expr.matchAll(/\bby \(([^)]*)\)/g)) {
        for (const label of (byLabels ?? "").split(",").map((part: string) => part.trim())) if (label !== "le") expect(Object.keys(labels)).toContain(label);
      }
    }
  });
});
