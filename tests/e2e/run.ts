// Starts the built production server with demo data on a fresh SQLite database, runs the e2e tests
// against it, and stops it. Usage: npm run build && npm run test:e2e
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3100 + Math.floor(Math.random() * 500));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-e2e-"));
const baseUrl = `http://localhost:${port}`;

if (!fs.existsSync("build/server/index.js") || !fs.existsSync("build/demo.js")) {
  console.error("Kein Build gefunden: bitte zuerst `npm run build` ausführen.");
  process.exit(1);
}

const server = spawn(process.execPath, ["build/demo.js"], {
  env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${path.join(dir, "e2e.sqlite")}`, NODE_ENV: "production" },
  stdio: ["ignore", "pipe", "pipe"],
});
const log = fs.createWriteStream(path.join(dir, "server.log"));
server.stdout.pipe(log);
server.stderr.pipe(log);
server.stderr.on("data", (d) => process.stderr.write(d));

async function waitForServer(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("Server ist beim Start abgebrochen.");
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("Server nicht innerhalb von 60 s erreichbar.");
}

let code = 1;
try {
  await waitForServer();
  const args = ["vitest", "run", "--config", "vitest.e2e.config.ts", ...process.argv.slice(2)];
  const tests = spawn("npx", args, { env: { ...process.env, E2E_BASE_URL: baseUrl, E2E_SERVER_LOG: path.join(dir, "server.log") }, stdio: "inherit" });
  code = await new Promise<number>((resolve) => tests.on("exit", (c) => resolve(c ?? 1)));
} catch (error) {
  console.error(error);
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  if (server.exitCode === null) server.kill("SIGKILL");
  if (code !== 0) console.error(`Server-Log: ${path.join(dir, "server.log")}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
