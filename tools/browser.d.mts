export const HEADLESS_ARGS: string[];
export function findChromium(): Promise<string | undefined>;
export const NO_BROWSER_MESSAGE: string;
