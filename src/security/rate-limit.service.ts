import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { RateLimitedError } from '../common/domain-error';
import { GroupCommit } from '../common/group-commit';
import { HubConfigService } from '../config/hub-config.service';
import { apiKeyBudget, type Budget, fitsBudget, webhookBudget } from './rate-limit';

interface Count {
  kind: RateLimitSubject['kind'];
  key: string;
  budget: Budget;
  points: number;
}

export type RateLimitSubject = { kind: 'api-key'; keyId: string } | { kind: 'webhook'; system: string };

/**
 * Per API key and per webhook system, counted in PostgreSQL (rate-limiter-flexible's store, table rate_limit) so
 * every replica shares one count and the embedded database needs no other server. Budgets come from the
 * configuration in force; a changed budget starts a fresh window (its counters are keyed by the budget).
 */
@Injectable()
export class RateLimitService {
  private readonly limiters = new Map<string, RateLimiterPostgres>();
  // Requests arriving while a count is running are counted by the next one together: one statement for many (as
  // the inbox writes webhooks, docs/decision-throughput.md), each still judged on its own place in the order.
  private readonly counts = new GroupCommit<Count, number | null>((items) => this.countTogether(items), () => 1, { maxWeight: 500, maxInFlight: 4 });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hubConfig: HubConfigService,
  ) {}

  /** Takes `points` (1 per call, the event count for a batch); throws RateLimitedError when the budget is spent. */
  async consume(subject: RateLimitSubject, points = 1): Promise<void> {
    const config = this.hubConfig.current().config;
    const budget = subject.kind === 'api-key' ? apiKeyBudget(config) : webhookBudget(config, subject.system);
    const key = subject.kind === 'api-key' ? subject.keyId : subject.system;
    const refusedFor = await this.counts.submit({ kind: subject.kind, key, budget, points });
    if (refusedFor === null) return;
    const retryAfter = Math.max(1, Math.ceil(refusedFor / 1000));
    const what = subject.kind === 'api-key' ? 'this API key' : `system ${subject.system}`;
    const unit = subject.kind === 'api-key' ? 'requests' : 'events';
    throw new RateLimitedError(`${what} sent more than ${budget.points} ${unit} in ${budget.seconds} s; retry after ${retryAfter} s`, retryAfter);
  }

  /**
   * One upsert per key for all the requests counted together, then each judged as if counted alone in arrival order
   * (fitsBudget). Answers, per request, null or the milliseconds until the window frees points.
   */
  private async countTogether(items: Count[]): Promise<(number | null)[]> {
    const verdicts: (number | null)[] = new Array<number | null>(items.length).fill(null);
    const byKey = new Map<string, number[]>();
    items.forEach((c, i) => {
      const k = `${c.kind}:${c.budget.points}/${c.budget.seconds}\u0000${c.key}`;
      byKey.set(k, [...(byKey.get(k) ?? []), i]);
    });
    for (const indexes of byKey.values()) {
      const { kind, key, budget } = items[indexes[0]];
      const points = indexes.map((i) => items[i].points);
      let res: RateLimiterRes;
      try {
        res = await this.limiter(kind, budget).consume(key, points.reduce((sum, p) => sum + p, 0));
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        res = err;
      }
      fitsBudget(points, res.consumedPoints, budget.points).forEach((fits, n) => {
        if (!fits) verdicts[indexes[n]] = res.msBeforeNext;
      });
    }
    return verdicts;
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
