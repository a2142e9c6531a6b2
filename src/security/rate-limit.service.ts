import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { RateLimitedError } from '../common/domain-error';
import type { InboxBudget } from '../inbox/inbox.types';
import { HubConfigService } from '../config/hub-config.service';
import { apiKeyBudget, type Budget, webhookBudget } from './rate-limit';

export type RateLimitSubject = { kind: 'api-key'; keyId: string } | { kind: 'webhook'; system: string };

// rate-limiter-flexible stores `${keyPrefix}:${key}`; the prefix carries the budget so a changed budget starts afresh.
const limiterPrefix = (kind: string, budget: Budget) => `${kind}:${budget.points}/${budget.seconds}`;
const subjectKey = (subject: RateLimitSubject) => (subject.kind === 'api-key' ? subject.keyId : subject.system);

/**
 * Per API key and per webhook system, counted in PostgreSQL (rate-limiter-flexible's store, table rate_limit) so
 * every replica shares one count and the embedded database needs no other server. Budgets come from the
 * configuration in force; a changed budget starts a fresh window (its counters are keyed by the budget).
 */
@Injectable()
export class RateLimitService {
  private readonly limiters = new Map<string, RateLimiterPostgres>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hubConfig: HubConfigService,
  ) {}

  /** Takes `points` (1 per call, the event count for a batch); throws RateLimitedError when the budget is spent. */
  async consume(subject: RateLimitSubject, points = 1): Promise<void> {
    const budget = this.budgetOf(subject);
    try {
      await this.limiter(subject.kind, budget).consume(subjectKey(subject), points);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      throw this.refusal(subject, err.msBeforeNext);
    }
  }

  /**
   * The same budget as a claim for a writer that counts it in its own statement (the inbox write of a webhook:
   * one round trip instead of two), on the same rate_limit row `consume` would use.
   */
  claim(subject: RateLimitSubject, points: number): InboxBudget {
    const budget = this.budgetOf(subject);
    return { key: `${limiterPrefix(subject.kind, budget)}:${subjectKey(subject)}`, points, limit: budget.points, windowMs: budget.seconds * 1000 };
  }

  /** The error for a spent budget, with when to retry. */
  refusal(subject: RateLimitSubject, msBeforeNext: number): RateLimitedError {
    const budget = this.budgetOf(subject);
    const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
    const what = subject.kind === 'api-key' ? 'this API key' : `system ${subject.system}`;
    const unit = subject.kind === 'api-key' ? 'requests' : 'events';
    return new RateLimitedError(`${what} sent more than ${budget.points} ${unit} in ${budget.seconds} s; retry after ${retryAfter} s`, retryAfter);
  }

  private budgetOf(subject: RateLimitSubject): Budget {
    const config = this.hubConfig.current().config;
    return subject.kind === 'api-key' ? apiKeyBudget(config) : webhookBudget(config, subject.system);
  }

  private limiter(kind: string, budget: Budget): RateLimiterPostgres {
    const prefix = limiterPrefix(kind, budget);
    let limiter = this.limiters.get(prefix);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: this.dataSource, storeType: 'typeorm', tableName: 'rate_limit', tableCreated: true,
        keyPrefix: prefix, points: budget.points, duration: budget.seconds,
      });
      this.limiters.set(prefix, limiter);
    }
    return limiter;
  }
}
