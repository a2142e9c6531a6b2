import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, ValidationError } from './domain-error';
import { jsonHasUnstorableText, jsonNestingDepth, UNSTORABLE_TEXT_MESSAGE } from './json-limits';
import { firstUnstorablePath } from './unstorable-path';

/** Content types a configuration document may be sent as (PUT /api/config). */
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

type Done = (err: Error | null, body?: unknown) => void;

/**
 * Fastify's own JSON parser (prototype-poisoning checks included), except that an empty body is `{}` as it was with
 * Express's parser: a client that sends `Content-Type: application/json` on a body-less POST is not refused, and a
 * webhook with an empty body still reaches its handler, which answers BODY_REQUIRED.
 *
 * Two checks run on every JSON body (webhooks, batches, REST, GraphQL variables) before anything else reads it:
 * the nesting depth, scanned over the bytes before parsing, so no recursive code (the prototype scan,
 * class-transformer, JSON.stringify) meets a deeper document; and text PostgreSQL cannot store (NUL, lone
 * surrogates), refused with one code wherever it is sent.
 */
export function jsonBodyParser(fastify: FastifyInstance, maxDepth: number): (req: FastifyRequest, body: Buffer, done: Done) => void {
  // Typed for string bodies, but secure-json-parse takes the Buffer Nest hands over (parseAs: 'buffer') as it is.
  const parse = fastify.getDefaultJsonParser('error', 'error') as unknown as (req: FastifyRequest, body: Buffer, done: Done) => void;
  return (req, body, done) => {
    if (body.length === 0) {
      done(null, {});
      return;
    }
    const depth = jsonNestingDepth(body, maxDepth);
    if (depth > maxDepth) {
      done(new ValidationError('JSON_TOO_DEEP', `the JSON body is nested more than ${maxDepth} levels deep`, [
        { path: '', message: `at most ${maxDepth} nested objects and arrays`, value: depth },
      ]));
      return;
    }
    parse(req, body, (err, parsed) => {
      if (err) return done(err);
      if (jsonHasUnstorableText(body.toString('utf8'))) {
        const path = firstUnstorablePath(parsed);
        return done(new DomainError('PAYLOAD_UNSTORABLE', UNSTORABLE_TEXT_MESSAGE, 'invalid', [{ path, message: UNSTORABLE_TEXT_MESSAGE }]));
      }
      done(null, parsed);
    });
  };
}

/** YAML arrives as text; the configuration service parses it (and reports YAML errors with their line). */
export function yamlBodyParser(_req: FastifyRequest, body: Buffer, done: Done): void {
  done(null, body.toString('utf8'));
}
