import { entityName, person, recordFor, sign, signedBatch, type SignedRequest, type SystemKey } from './contacts';

/**
 * The HTTP load generator, run as a forked child so autocannon's CPU is not the hub's event loop. It signs
 * every request BEFORE the clock starts (distinct webhook-ids; signatures cover id and timestamp), then
 * feeds them one by one through setupRequest.
 */

export interface LoadJob {
  baseUrl: string;
  /** single webhooks, or batch requests of eventsPerRequest events */
  kind: 'webhook' | 'batch';
  requests: number;
  eventsPerRequest: number;
  connections: number;
  /** distinguishes runs so ids and external ids never collide */
  runTag: string;
}

export interface LoadResult {
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  signMs: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

function buildPool(job: LoadJob): SignedRequest[] {
  const pool: SignedRequest[] = [];
  let n = 0;
  for (let r = 0; r < job.requests; r++) {
    const system: SystemKey = r % 2 === 0 ? 'A' : 'B';
    if (job.kind === 'webhook') {
      const data = recordFor(system, person(n++));
      const body = JSON.stringify({ type: `${entityName(system)}.updated`, timestamp: new Date().toISOString(), data });
      pool.push(sign(system, `/webhooks/${system}`, body, `${job.runTag}-w-${r}`));
    } else {
      const events = [];
      for (let e = 0; e < job.eventsPerRequest; e++) {
        events.push({ id: `${job.runTag}-e-${r}-${e}`, type: `${entityName(system)}.updated`, data: recordFor(system, person(n++)) });
      }
      pool.push(signedBatch(system, events, `${job.runTag}-b-${r}`));
    }
  }
  return pool;
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const t0 = performance.now();
  const pool = buildPool(job);
  const signMs = performance.now() - t0;
  let next = 0;
  const result = await autocannon({
    url: job.baseUrl,
    connections: job.connections,
    amount: job.requests,
    timeout: 60,
    // autocannon notices that `amount` was reached only at its next sample tick (default every 1,000 ms), so its
    // duration was rounded up to whole seconds: 30,000 requests done in 1.3 s read as 2.01 s. Ticks every 10 ms
    // bound that error to 10 ms.
    sampleInt: 10,
    requests: [{
      method: 'POST',
      setupRequest: (req: Record<string, unknown>) => {
        const r = pool[next++ % pool.length];
        return { ...req, method: 'POST', path: r.path, headers: r.headers, body: r.body };
      },
    }],
  });
  return {
    requests: result['2xx'] + result.non2xx,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
    reqPerSec: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    signMs,
  };
}

if (require.main === module) {
  process.once('message', (job: LoadJob) => {
    runLoad(job).then(
      (r) => process.send!(r, () => process.exit(0)),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
