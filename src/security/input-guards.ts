import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { UNSTORABLE_TEXT_MESSAGE } from '../common/json-limits';

// %00, and the UTF-8 forms of surrogates (ED A0..BF xx), which decoders turn into NUL or replacement characters.
const UNSTORABLE_URL = /%00|%ed%[ab][0-9a-f]/i;

/**
 * Text PostgreSQL cannot store is refused in paths and query strings with the same code as in JSON bodies
 * (PAYLOAD_UNSTORABLE, 400), before routing: otherwise a NUL in a filter reaches a query and the driver fails.
 */
export function registerInputGuards(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, _reply, done) => {
    if (UNSTORABLE_URL.test(req.url)) {
      done(new DomainError('PAYLOAD_UNSTORABLE', UNSTORABLE_TEXT_MESSAGE, 'invalid', [{ path: 'url', message: UNSTORABLE_TEXT_MESSAGE }]));
      return;
    }
    done();
  });
}

/**
 * Fastify's refusals before routing (a path that is not valid percent-encoding), answered in the hub's error
 * shape: a surrogate in a path is the same fault as one in a body.
 */
export function frameworkErrors(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const unstorable = UNSTORABLE_URL.test(req.url);
  const code = unstorable ? 'PAYLOAD_UNSTORABLE' : 'BAD_REQUEST';
  const message = unstorable ? UNSTORABLE_TEXT_MESSAGE : error.message;
  void reply.code(400).send({ error: { code, message, details: [{ path: 'url', message }] } });
}
