#!/usr/bin/env node
// Runs the Dockerfile's steps without Docker, in a clean clone: no container builder can run here (Debian's buildah
// installs, but the base image cannot be pulled: the container registry is not reachable from this network).
// Each instruction is interpreted as Docker would: FROM (the Node major version is checked against the running
// Node), WORKDIR (a folder per stage), COPY (from the clean clone, or --from=<stage>), ENV, RUN (sh -c in the stage's
// folder), EXPOSE, CMD (the final stage's command is started and must answer GET /health with 200).
// An instruction it does not know fails the check, so the Dockerfile cannot drift away from what CI runs.
import { execSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import console from 'node:console';
import { setTimeout as sleep } from 'node:timers/promises';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'hub-docker-steps-'));
const clone = path.join(work, 'context');
const port = Number(process.env.DOCKER_STEPS_PORT ?? 3991);
let child;

function cleanup() {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}

function fail(message) {
  console.error(`FAIL: ${message}`);
  cleanup();
  process.exit(1);
}

function instructions(text) {
  const joined = text.replace(/\\\n/g, ' ');
  return joined.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => {
    const [op, ...rest] = l.split(/\s+/);
    return { op: op.toUpperCase(), args: rest.join(' ') };
  });
}

async function waitForHealth(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return `the command exited with ${child.exitCode}`;
    try {
      const res = await globalThis.fetch(url);
      if (res.status === 200) return null;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return 'no 200 from /health within 90 s';
}

async function main() {
  // The build context is a clean clone: what `docker build .` sees after .dockerignore (no node_modules, dist, .data).
  execSync(`git clone -q --no-local ${JSON.stringify(repo)} ${JSON.stringify(clone)}`);
  rmSync(path.join(clone, '.git'), { recursive: true, force: true });
  const steps = instructions(readFileSync(path.join(clone, 'Dockerfile'), 'utf8'));
  const stages = new Map();
  let stage;
  for (const { op, args } of steps) {
    console.log(`== ${op} ${args}`);
    switch (op) {
      case 'FROM': {
        const [image, , name] = args.split(/\s+/);
        const major = /^node:(\d+)/.exec(image)?.[1];
        if (!major) fail(`unsupported base image ${image}`);
        if (process.versions.node.split('.')[0] !== major) fail(`the Dockerfile uses Node ${major}, this machine runs ${process.version}`);
        stage = { name: name ?? `stage${stages.size}`, root: path.join(work, `stage${stages.size}`), dir: '/', env: {}, cmd: null, expose: null };
        stages.set(stage.name, stage);
        break;
      }
      case 'WORKDIR':
        stage.dir = args;
        execSync(`mkdir -p ${JSON.stringify(path.join(stage.root, args))}`);
        break;
      case 'ENV':
        for (const pair of args.split(/\s+/)) {
          const [k, v] = pair.split('=');
          stage.env[k] = v;
        }
        break;
      case 'COPY': {
        const parts = args.split(/\s+/);
        const from = parts[0].startsWith('--from=') ? stages.get(parts.shift().slice('--from='.length)) : undefined;
        const dest = parts.pop();
        const destAbs = path.join(stage.root, dest.startsWith('/') ? dest : path.join(stage.dir, dest));
        for (const src of parts) {
          const srcAbs = from ? path.join(from.root, src) : path.join(clone, src);
          cpSync(srcAbs, src === '.' || src.endsWith('/') || from ? destAbs : path.join(destAbs, path.basename(src)), { recursive: true });
        }
        break;
      }
      case 'RUN':
        execSync(args, { cwd: path.join(stage.root, stage.dir), stdio: 'inherit', env: { ...process.env, ...stage.env }, shell: '/bin/sh' });
        break;
      case 'EXPOSE':
        stage.expose = Number(args);
        break;
      case 'CMD':
        stage.cmd = JSON.parse(args);
        break;
      default:
        fail(`the Dockerfile uses ${op}, which this check does not interpret`);
    }
  }
  if (!stage.cmd) fail('the final stage has no CMD');
  // The image's command on the embedded PostgreSQL (no DATABASE_URL), as `docker run` without the compose file.
  const env = { ...process.env, ...stage.env, PORT: String(port) };
  delete env.DATABASE_URL;
  child = spawn(stage.cmd[0], stage.cmd.slice(1), { cwd: path.join(stage.root, stage.dir), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const started = Date.now();
  const problem = await waitForHealth(`http://127.0.0.1:${port}/health`, 90_000);
  if (problem) fail(`${problem}\n${out.slice(-4000)}`);
  console.log(`dockerfile steps: image built without devDependencies; its CMD answered /health 200 after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  cleanup();
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
