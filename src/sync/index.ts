/** Sync to the user's own S3-compatible bucket: what a Settings screen needs. */
export { syncNow, testConnection, type SyncOptions, type SyncProgress, type SyncPhase, type SyncSummary, type ConnectionCheck } from "./sync";
export { corsRuleFor, createSyncClient, DEFAULT_PREFIX, type SyncConfig } from "./config";
export { SyncError, type SyncErrorCode } from "./errors";
