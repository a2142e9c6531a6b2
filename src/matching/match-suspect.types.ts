import type { GoldenRecordView, SourceRefView } from '../golden-records/read/golden-read.types';
import type { FieldScore } from './domain/suspect-score';
import type { SuspectResolution, SuspectStatus } from './match-suspect.repository';

/** One record of a suspect pair as the caller may see it (data masked by role) with its source records. */
export interface SuspectRecordView extends GoldenRecordView {
  sources: SourceRefView[];
}

export interface MatchSuspectView {
  id: string;
  entityType: string;
  status: SuspectStatus;
  resolution: SuspectResolution | null;
  score: number;
  rule: { index: number; name: string };
  /** per rule field: its method, weight and score (null when either record lacks the field) */
  fieldScores: FieldScore[];
  /** the pair side by side, lower golden id first; a merged duplicate reads as its tombstone */
  records: SuspectRecordView[];
  survivorId: string | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

export interface ListSuspectsArgs {
  entityType?: string | null;
  status?: string | null;
  minScore?: number | null;
  first?: number | null;
  after?: string | null;
}

/** The answer for one id of a bulk action: the suspect as it is now, or why it was left as it was. */
export interface SuspectOutcome {
  id: string;
  ok: boolean;
  suspect: MatchSuspectView | null;
  error: { code: string; message: string } | null;
}
