import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { RateLimitedError } from '../common/domain-error';
import { HubConfigService } from '../config/hub-config.service';
import { apiKeyBudget, type Budget, webhookBudget } from './rate-limit';

export type RateLimitSubject = { kind: 'api-key'; keyId: string } | { kind: 'webhook'; system: string };

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
    const config = this.hubConfig.current().config;
    const budget = subject.kind === 'api-key' ? apiKeyBudget(config) : webhookBudget(config, subject.system);
    const key = subject.kind === 'api-key' ? subject.keyId : subject.system;
    try {
      await this.limiter(subject.kind, budget).consume(key, points);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      const what = subject.kind === 'api-key' ? 'this API key' : `system ${subject.system}`;
      const unit = subject.kind === 'api-key' ? 'requests' : 'events';
      throw new RateLimitedError(`${what} sent more than ${budget.points} ${unit} in ${budget.seconds} s; retry after ${retryAfter} s`, retryAfter);
    }
  }

  private limiter(kind: string, budget: Budget): RateLimiterPostgres {
    const prefix = `${kind}:${budget.points}/${budget.seconds}`;
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
