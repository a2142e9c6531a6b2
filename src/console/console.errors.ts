import { defineErrorCodes, type Registered } from '../common/error-codes';

/** The steward console's files. */
export const CONSOLE_ERRORS = defineErrorCodes({
  CONSOLE_ASSET_NOT_FOUND: { kind: 'not_found', description: 'No console file has this name.' },
  CONSOLE_NOT_BUILT: { kind: 'unavailable', description: 'The console was not built (`npm run build`).' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof CONSOLE_ERRORS> {}
}
