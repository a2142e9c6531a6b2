import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface HealthReport {
  status: 'ok' | 'down';
  checks: { database: { status: 'up' | 'down'; latencyMs?: number; error?: string } };
}

@Injectable()
export class HealthService {
  constructor(private readonly dataSource: DataSource) {}

  async readiness(): Promise<HealthReport> {
    const started = performance.now();
    try {
      // A hung connection must not hang the probe: bound it.
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database check timed out after 2s')), 2000).unref()),
      ]);
      return { status: 'ok', checks: { database: { status: 'up', latencyMs: Math.round(performance.now() - started) } } };
    } catch (err) {
      return { status: 'down', checks: { database: { status: 'down', error: (err as Error).message } } };
    }
  }
}
