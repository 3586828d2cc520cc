export function servePreview(options: { dist: string; port: number | string; build?: boolean }): Promise<{ url: string; stop: () => void }>;
