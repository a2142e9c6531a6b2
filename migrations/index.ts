import { InitialSchema1763769600000 } from './1763769600000-initial-schema';
import { Delivery1763769700000 } from './1763769700000-delivery';
import { Polling1763769800000 } from './1763769800000-polling';
import { BatchWindow1763769900000 } from './1763769900000-batch-window';
import { EchoHistory1763770000000 } from './1763770000000-echo-history';
import { RemoteVersion1763770100000 } from './1763770100000-remote-version';
import { Jobs1763770200000 } from './1763770200000-jobs';
import { MatchSuspects1763770300000 } from './1763770300000-match-suspects';
import { ConsoleReads1763770600000 } from './1763770600000-console-reads';
import { MergeLinks1763770700000 } from './1763770700000-merge-links';
import { CorrelationIds1763770900000 } from './1763770900000-correlation-ids';
import { Alerts1763770910000 } from './1763770910000-alerts';
import { RateLimits1763771000000 } from './1763771000000-rate-limits';
import { AuditAppendOnly1763771000100 } from './1763771000100-audit-append-only';
import { DeliveryLiveness1763771100000 } from './1763771100000-delivery-liveness';
import { RateLimitUnlogged1763771200000 } from './1763771200000-rate-limit-unlogged';
import { XrefGoldenSystem1763771300000 } from './1763771300000-xref-golden-system';
import { ColumnStatistics1763771400000 } from './1763771400000-column-statistics';

/** Every migration, in order. Listed explicitly: TypeORM 1.x with a compiled build does not glob reliably. */
export const migrations = [
  InitialSchema1763769600000, Delivery1763769700000, Polling1763769800000, BatchWindow1763769900000, EchoHistory1763770000000,
  RemoteVersion1763770100000, Jobs1763770200000, MatchSuspects1763770300000, ConsoleReads1763770600000,
  MergeLinks1763770700000,
  CorrelationIds1763770900000, Alerts1763770910000,
  RateLimits1763771000000, AuditAppendOnly1763771000100,
  DeliveryLiveness1763771100000, RateLimitUnlogged1763771200000,
  XrefGoldenSystem1763771300000, ColumnStatistics1763771400000,
];
