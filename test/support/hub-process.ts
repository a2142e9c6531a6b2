import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface HubProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  waitForExit(timeoutMs?: number): Promise<number | null>;
}

const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

/** Runs the built hub (`npm start` without the build step) as a real child process. */
export async function spawnHub(env: Record<string, string>, port: number): Promise<HubProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), LOG_LEVEL: env.LOG_LEVEL ?? 'info' };
  if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [MAIN], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const hub: HubProcess = {
    child,
    port,
    output: () => out,
    waitForExit: (timeoutMs = 30_000) =>
      Promise.race([exited, new Promise<number | null>((_, rej) => setTimeout(() => rej(new Error(`hub did not exit:\n${out}`)), timeoutMs))]),
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) return hub;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`hub did not become healthy:\n${out}`);
}
