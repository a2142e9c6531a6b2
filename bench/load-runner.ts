import { fork } from 'node:child_process';
import path from 'node:path';
import type { LoadJob, LoadResult } from './load-client';

/** Runs one load job in a separate Node process (the hub keeps its own process and event loop). */
export function runLoadInChild(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'load-client.js'), [], { execArgv: [] });
    let result: LoadResult | undefined;
    child.once('message', (m) => (result = m as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`load client exited with ${code}`))));
    child.send(job);
  });
}
