import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createHubLogger, PinoNestLogger } from './logging';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createHubLogger({ logLevel: 'debug', logFormat: 'json' }, stream) };
}

describe('logging', () => {
  it('writes Nest messages as JSON with their context, and the stack of an error', () => {
    const { lines, logger } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log('configuration version 3 in force', 'hub-config');
    nest.error('delivery failed', 'Error: boom\n    at x', 'delivery');
    nest.warn({ system: 'A' }, 'sync');
    expect(lines).toMatchObject([
      { level: 30, msg: 'configuration version 3 in force', context: 'hub-config' },
      { level: 50, msg: 'delivery failed', context: 'delivery', stack: 'Error: boom\n    at x' },
      { level: 40, system: 'A', context: 'sync' },
    ]);
  });

  it("turns Nest's start-up chatter down to debug", () => {
    const { lines, logger } = capture();
    new PinoNestLogger(logger).log('AdminModule dependencies initialized', 'InstanceLoader');
    expect(lines[0]).toMatchObject({ level: 20, context: 'InstanceLoader' });
  });

  it('redacts credentials and signatures in logged request headers', () => {
    const { lines, logger } = capture();
    logger.info({ req: { headers: { authorization: 'Bearer mdh_secret', 'x-api-key': 'k', 'webhook-signature': 'v1,sig', host: 'h' } } }, 'request');
    expect(lines[0].req).toEqual({ headers: { authorization: '[redacted]', 'x-api-key': '[redacted]', 'webhook-signature': '[redacted]', host: 'h' } });
    expect(JSON.stringify(lines)).not.toContain('mdh_secret');
  });
});
