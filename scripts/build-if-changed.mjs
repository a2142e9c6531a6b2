#!/usr/bin/env node
// Runs each build step of scripts/build-steps.json only when its inputs changed since the last build:
// a SHA-256 over the input files (paths and contents) and the command is compared with the step's stamp file.
// `--force` runs every step and refreshes the stamps (`npm run build`); `--steps a,b` limits the steps.
// Plain Node, no dependencies: it runs before anything is compiled.
import { execSync } from 'node:child_process';
import console from 'node:console';
import process from 'node:process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SKIP_DIRS = new Set(['node_modules', 'dist', '.data', '.git', 'coverage']);

function filesUnder(root, entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  const out = [];
  for (const name of readdirSync(full).sort()) {
    if (SKIP_DIRS.has(name)) continue;
    out.push(...filesUnder(root, path.join(entry, name)));
  }
  return out;
}

/** SHA-256 over the step's command and every input file's path and content, in a stable order. */
export function inputsHash(root, step) {
  const hash = createHash('sha256');
  hash.update(`${step.command}\n`);
  for (const file of [...new Set(step.inputs.flatMap((i) => filesUnder(root, i)))].sort()) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** Runs the steps that need it; returns the names of the steps that ran. */
export function runSteps({ root, steps, force = false, only, log = console.log, run = (command) => execSync(command, { cwd: root, stdio: 'inherit' }) }) {
  const ran = [];
  for (const step of steps) {
    if (only && !only.has(step.name)) continue;
    const stampFile = path.join(root, step.stamp);
    const hash = inputsHash(root, step);
    const stamped = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
    const complete = (step.outputs ?? []).every((o) => existsSync(path.join(root, o)));
    if (!force && stamped === hash && complete) {
      log(`build ${step.name}: up to date`);
      continue;
    }
    log(`build ${step.name}: ${force ? 'building' : complete ? 'inputs changed, building' : 'output missing, building'} (${step.command})`);
    run(step.command);
    ran.push(step.name);
    mkdirSync(path.dirname(stampFile), { recursive: true });
    // Hashed again after the build: a file saved while it ran must trigger the next build, not be stamped as built.
    writeFileSync(stampFile, `${hash === inputsHash(root, step) ? hash : 'changed-during-build'}\n`);
  }
  return ran;
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  const only = args.includes('--steps') ? new Set(args[args.indexOf('--steps') + 1].split(',')) : undefined;
  const { steps } = JSON.parse(readFileSync(path.join(root, 'scripts/build-steps.json'), 'utf8'));
  runSteps({ root, steps, force: args.includes('--force'), only });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
