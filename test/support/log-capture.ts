import { createHubLogger, type HubLogger } from '../../src/observability/logging';

export interface CapturedLog {
  logger: HubLogger;
  /** every JSON line written so far, parsed */
  lines(): Record<string, unknown>[];
}

/** A real hub logger (JSON, at `level`) writing into memory, so a test can read what an operator's log would hold. */
export function captureLog(level: 'debug' | 'info' = 'debug'): CapturedLog {
  const raw: string[] = [];
  const logger = createHubLogger({ logLevel: level, logFormat: 'json' }, { write: (line: string) => void raw.push(line) });
  return { logger, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
