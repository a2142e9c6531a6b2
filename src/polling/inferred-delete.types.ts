/** Inferred deletes: records reconciliation found gone, held for a steward (policy `review`). */
export const INFERRED_DELETE_STATUSES = ['pending', 'approved', 'dismissed'] as const;
export type InferredDeleteStatus = (typeof INFERRED_DELETE_STATUSES)[number];

export interface InferredDeleteView {
  id: string;
  system: string;
  entityType: string;
  externalId: string;
  goldenId: string | null;
  status: InferredDeleteStatus;
  runId: string | null;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface ListInferredDeletesArgs {
  system?: string;
  entityType?: string;
  status?: InferredDeleteStatus;
  first?: number;
  after?: string;
}
