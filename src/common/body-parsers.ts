import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Content types a configuration document may be sent as (PUT /api/config). */
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

type Done = (err: Error | null, body?: unknown) => void;

/**
 * Fastify's own JSON parser (prototype-poisoning checks included), except that an empty body is `{}` as it was with
 * Express's parser: a client that sends `Content-Type: application/json` on a body-less POST is not refused, and a
 * webhook with an empty body still reaches its handler, which answers BODY_REQUIRED.
 */
export function jsonBodyParser(fastify: FastifyInstance): (req: FastifyRequest, body: Buffer, done: Done) => void {
  // Typed for string bodies, but secure-json-parse takes the Buffer Nest hands over (parseAs: 'buffer') as it is.
  const parse = fastify.getDefaultJsonParser('error', 'error') as unknown as (req: FastifyRequest, body: Buffer, done: Done) => void;
  return (req, body, done) => {
    if (body.length === 0) {
      done(null, {});
      return;
    }
    parse(req, body, done);
  };
}

/** YAML arrives as text; the configuration service parses it (and reports YAML errors with their line). */
export function yamlBodyParser(_req: FastifyRequest, body: Buffer, done: Done): void {
  done(null, body.toString('utf8'));
}
