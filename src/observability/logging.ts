import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { correlationScope } from '../common/correlation';
import type { AppSettings } from '../config/app-settings';

export type HubLogger = Logger;

/** Secrets must never reach logs: credentials and signatures in request headers. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["webhook-signature"]',
  'req.headers["svix-signature"]',
  'req.headers.cookie',
];

/**
 * The process's one pino logger. A person at a terminal reads lines (pino-pretty, synchronous so nothing is
 * lost at exit); anything else (a pipe, a container's log collector) gets one JSON object per line.
 */
export function createHubLogger(settings: Pick<AppSettings, 'logLevel' | 'logFormat'>, destination?: DestinationStream): HubLogger {
  const options = { level: settings.logLevel, name: 'hub', redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, mixin: correlationFields };
  if (destination) return pino(options, destination);
  const human = settings.logFormat === 'pretty' || (settings.logFormat === 'auto' && process.stdout.isTTY === true);
  if (!human) return pino(options);
  return pino(options, pretty({
    colorize: true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    // The request and response objects stay in JSON logs; a terminal gets the one-line message of each request.
    ignore: 'pid,hostname,name,context,req,res,responseTime',
    messageFormat: '{if context}[{context}] {end}{msg}',
  }));
}

/**
 * Every line written while a request, a pipeline batch or a delivery claim runs carries its correlation id(s): the
 * scope lives in async-local storage (common/correlation), so no call site has to pass it.
 */
export function correlationFields(): Record<string, unknown> {
  const scope = correlationScope();
  if (!scope) return {};
  const fields: Record<string, unknown> = {};
  if (scope.correlationId) fields.correlationId = scope.correlationId;
  if (scope.correlationIds && scope.correlationIds.length > 0) fields.correlationIds = scope.correlationIds;
  return fields;
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Nest's start-up chatter (one line per module and route, about a hundred): debug, so a start shows what matters. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'GraphQLModule']);

/** Nest's LoggerService over pino: the context Nest passes last becomes a `context` field. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: HubLogger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write(CHATTY_CONTEXTS.has(rest.at(-1) as string) ? 'debug' : 'info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    const params = [...rest];
    const fields: Record<string, unknown> = {};
    if (params.length > 0 && typeof params.at(-1) === 'string') fields.context = params.pop();
    // Nest's Logger.error(message, stack, context): a leftover string is the stack trace.
    if (level === 'error' && typeof params[0] === 'string') fields.stack = params.shift();
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
