import { defineErrorCodes, type Registered } from '../common/error-codes';

/** Background jobs (recompute, scans). */
export const JOB_ERRORS = defineErrorCodes({
  JOB_NOT_FOUND: { kind: 'not_found', description: 'No job has this id.' },
  JOB_KIND_UNKNOWN: { kind: 'invalid', description: 'No job handler of this kind is registered.' },
  JOB_NOT_CANCELLABLE: { kind: 'conflict', description: 'The job has finished already.' },
  JOB_NOT_RETRYABLE: { kind: 'conflict', description: 'Only a failed or cancelled job can be retried.' },
  INVALID_JOB_STATUS: { kind: 'invalid', description: 'Unknown job status filter.' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof JOB_ERRORS> {}
}
