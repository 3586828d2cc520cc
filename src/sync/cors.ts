/**
 * What the bucket's CORS rule must allow for the app to sync from a browser (kept
 * apart from config.ts so the Settings screen can show it without loading the S3 SDK):
 * GET, PUT and HEAD to read and write, DELETE to remove photos nothing refers to any
 * more, and the ETag header exposed (the push compares it to detect another device's write).
 */
export const CORS_METHODS = ["GET", "PUT", "HEAD", "DELETE"] as const;
export const CORS_EXPOSED_HEADERS = ["ETag"] as const;
