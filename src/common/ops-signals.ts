import { Injectable, Logger, Module } from '@nestjs/common';

/** One delivery attempt as operators count it. */
export interface DeliverySignal {
  system: string;
  /** delivered; retried (failed, tried again later); dead (gave up: a dead letter); paused (circuit breaker) */
  outcome: DeliveryOutcomeLabel;
  /** the call to the system, when one was made */
  durationMs: number | null;
  /** when the version delivered was written: applied → delivered latency */
  appliedAt: Date | null;
}

export const DELIVERY_OUTCOME_LABELS = ['delivered', 'retried', 'dead', 'paused'] as const;
export type DeliveryOutcomeLabel = (typeof DELIVERY_OUTCOME_LABELS)[number];

export type DeliveryListener = (signals: DeliverySignal[]) => void;

/** An alert evaluation that ran to the end, with the alerts open after it by rule. */
export interface AlertEvaluationSignal {
  openByRule: Map<string, number>;
}

export type AlertEvaluationListener = (signal: AlertEvaluationSignal) => void;

/**
 * What workers report for operators (metrics, alerts) after their transactions commit. It lives in common so the
 * delivery module can report without importing observability, and observability can listen without importing
 * delivery: both import this module and share its one instance.
 */
@Injectable()
export class OpsSignals {
  private readonly logger = new Logger('ops-signals');
  private readonly deliveryListeners: DeliveryListener[] = [];
  private readonly evaluationListeners: AlertEvaluationListener[] = [];

  onAlertEvaluation(listener: AlertEvaluationListener): void {
    this.evaluationListeners.push(listener);
  }

  /** Never throws, like deliveries(). */
  alertEvaluated(signal: AlertEvaluationSignal): void {
    for (const listener of this.evaluationListeners) {
      try {
        listener(signal);
      } catch (err) {
        this.logger.warn(`alert evaluation listener failed: ${(err as Error).message}`);
      }
    }
  }

  onDeliveries(listener: DeliveryListener): void {
    this.deliveryListeners.push(listener);
  }

  /** Never throws: a failing listener must not fail the delivery that already happened. */
  deliveries(signals: DeliverySignal[]): void {
    if (signals.length === 0) return;
    for (const listener of this.deliveryListeners) {
      try {
        listener(signals);
      } catch (err) {
        this.logger.warn(`delivery listener failed: ${(err as Error).message}`);
      }
    }
  }
}

@Module({ providers: [OpsSignals], exports: [OpsSignals] })
export class OpsSignalsModule {}
