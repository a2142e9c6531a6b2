import { sameDocument } from './hub-config.diff';

/** What the start-up knows about the stored versions when HUB_CONFIG is set. */
export interface FileLoadInput {
  /** the file's document, parsed (`${ENV}` references unresolved, as stored) */
  fileDoc: unknown;
  /** the newest stored version */
  latest?: { version: number; document: unknown; source: string };
  /** the newest version a file produced (source `file:…`) */
  lastFromFile?: { version: number; document: unknown };
  /** HUB_CONFIG_OVERWRITE=true */
  overwrite: boolean;
}

export type FileLoadDecision =
  /** the newest stored version already is the file's document */
  | { kind: 'current'; version: number }
  /** the file is as it was when it last produced a version; a newer stored version (the API's) stays in force */
  | { kind: 'keep'; version: number; fileVersion: number }
  /** store the file as the next version; `overwrites`: the API version it replaces (only with HUB_CONFIG_OVERWRITE) */
  | { kind: 'store'; overwrites?: number }
  /** the file changed and a version stored through the API after the file's last one would be replaced silently */
  | { kind: 'refuse'; apiVersion: number; fileVersion?: number };

/**
 * The configuration source of truth at start (docs/decision-config-versioning.md): the file is applied only when
 * its document changed since the last version a file produced; a change made through the API in the meantime is
 * never dropped silently: kept when the file did not change, refused when it did, unless the operator says
 * HUB_CONFIG_OVERWRITE=true.
 */
export function decideFileLoad(input: FileLoadInput): FileLoadDecision {
  const { latest, lastFromFile } = input;
  if (!latest) return { kind: 'store' };
  if (sameDocument(latest.document, input.fileDoc)) return { kind: 'current', version: latest.version };
  if (lastFromFile && sameDocument(lastFromFile.document, input.fileDoc)) {
    return { kind: 'keep', version: latest.version, fileVersion: lastFromFile.version };
  }
  const newerFromApi = !latest.source.startsWith('file:') && latest.version > (lastFromFile?.version ?? 0);
  if (!newerFromApi) return { kind: 'store' };
  if (input.overwrite) return { kind: 'store', overwrites: latest.version };
  return { kind: 'refuse', apiVersion: latest.version, ...(lastFromFile ? { fileVersion: lastFromFile.version } : {}) };
}
