/** What happened to one write request the system received. */
export type WriteOutcome = 'applied' | 'replayed' | 'rejected' | 'fault';

export interface WriteRequestEntry {
  at: string;
  method: string;
  path: string;
  entity: string;
  id?: string;
  status: number;
  outcome: WriteOutcome;
  idempotencyKey?: string;
}

export type CountTable = Record<string, Record<string, number>>;

export interface RequestLogSnapshot {
  /** writes applied through the API, per entity and method (replays and failures excluded) */
  writes: CountTable;
  /** every write request received, per entity and method, whatever its outcome */
  received: CountTable;
  /** simulated user edits (not API writes), per entity and action */
  edits: CountTable;
  /** write requests in arrival order */
  requests: WriteRequestEntry[];
}

const LOG_LIMIT = 5000;

/** The evidence tests read to assert "the hub wrote exactly once to B". */
export class RequestLog {
  private writes: CountTable = {};
  private received: CountTable = {};
  private edits: CountTable = {};
  private requests: WriteRequestEntry[] = [];

  recordWrite(entry: WriteRequestEntry): void {
    bump(this.received, entry.entity, entry.method);
    if (entry.outcome === 'applied') bump(this.writes, entry.entity, entry.method);
    this.requests.push(entry);
    if (this.requests.length > LOG_LIMIT) this.requests.splice(0, this.requests.length - LOG_LIMIT);
  }

  recordEdit(entity: string, action: string): void {
    bump(this.edits, entity, action);
  }

  snapshot(): RequestLogSnapshot {
    return structuredClone({ writes: this.writes, received: this.received, edits: this.edits, requests: this.requests });
  }

  reset(): void {
    this.writes = {};
    this.received = {};
    this.edits = {};
    this.requests = [];
  }
}

function bump(table: CountTable, entity: string, key: string): void {
  const row = (table[entity] ??= {});
  row[key] = (row[key] ?? 0) + 1;
}
