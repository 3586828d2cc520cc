/**
 * Where the shop service lives, kept with the other settings. It is a device setting
 * (never synced or exported): "/api" means "this app's own origin", which differs
 * from one device's install to another's.
 */
import { getSetting, setSetting, DEVICE_SETTING_PREFIX } from "../data/settings";
import { resolveBase } from "./client";

/** Same origin, through the proxy in front of the service (vite.config.ts, deployments). */
export const DEFAULT_SHOP_ENDPOINT = "/api";
const KEY = `${DEVICE_SETTING_PREFIX}shopEndpoint`;

export const getShopEndpoint = () => getSetting<string>(KEY, DEFAULT_SHOP_ENDPOINT);

/** Saves the address after checking it is an http(s) URL (a ShopError "bad-endpoint" otherwise). */
export async function setShopEndpoint(url: string): Promise<string> {
  const value = url.trim() || DEFAULT_SHOP_ENDPOINT;
  resolveBase(value);
  await setSetting(KEY, value);
  return value;
}
