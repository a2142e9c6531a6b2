export * from './survivorship.types';
export { applyChange, presentEntries, type ApplyChangeInput } from './survivorship';
export { precedenceFor, strategyFor, rankOf, isEmptyValue } from './survivorship-policy';
export { nextSourceState, withDelivered } from './source-state';
export { diffRecords, valuesEqual, type JsonPatchOperation } from './record-diff';
export { payloadHash } from './payload-hash';
export { canonicalJson } from './canonical-json';
export { recomputeRecord, type RecomputeInput, type RecomputeResult, type RecomputeSource } from './recompute';
export { changedRuleFields, sameRanking } from './rules-diff';
