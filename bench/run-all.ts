import os from 'node:os';
import { onEachServer } from './bench-env';
import { benchHttpCeiling } from './http-ceiling';
import { benchIngestBatch } from './ingest-batch';
import { benchIngestWebhooks } from './ingest-webhooks';
import { benchProcessing } from './processing';
import { benchRecompute } from './recompute';
import { benchPropagation } from './propagation';
import { benchRss } from './rss';
import { benchScale } from './scale';
import { benchSuspectLookup } from './suspect-lookup';
import { benchSuspectsProcessing } from './suspects-processing';

/** `npm run bench`: every benchmark on every server in BENCH_SERVERS (default pg15), one after another. */
async function main(): Promise<void> {
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${new Date().toISOString()}`);
  // No database involved: what the HTTP stack alone allows on this machine (see docs/decision-throughput.md).
  for (const line of await benchHttpCeiling()) console.log(line);
  await onEachServer(async (server) => {
    for (const bench of [benchIngestWebhooks, benchIngestBatch, benchProcessing, benchSuspectsProcessing, benchPropagation, benchRss, benchScale, benchSuspectLookup, benchRecompute]) {
      for (const line of await bench(server)) console.log(line);
    }
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
