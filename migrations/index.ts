import { InitialSchema1763769600000 } from './1763769600000-initial-schema';
import { Delivery1763769700000 } from './1763769700000-delivery';
import { Polling1763769800000 } from './1763769800000-polling';
import { BatchWindow1763769900000 } from './1763769900000-batch-window';
import { EchoHistory1763770000000 } from './1763770000000-echo-history';
import { RemoteVersion1763770100000 } from './1763770100000-remote-version';
import { Jobs1763770200000 } from './1763770200000-jobs';
import { MatchSuspects1763770300000 } from './1763770300000-match-suspects';
import { ConsoleReads1763770600000 } from './1763770600000-console-reads';
import { DeliveryLiveness1763771100000 } from './1763771100000-delivery-liveness';

/** Every migration, in order. Listed explicitly: TypeORM 1.x with a compiled build does not glob reliably. */
export const migrations = [
  InitialSchema1763769600000, Delivery1763769700000, Polling1763769800000, BatchWindow1763769900000, EchoHistory1763770000000,
  RemoteVersion1763770100000, Jobs1763770200000, MatchSuspects1763770300000, ConsoleReads1763770600000,
  DeliveryLiveness1763771100000,
];
