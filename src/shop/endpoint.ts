/**
 * Where the shop service lives, kept with the other settings. It is a device setting
 * (never synced or exported): "/api" means "this app's own origin", which differs
 * from one device's install to another's.
 */
import { getSetting, setSetting } from "@data/settings";
import { SETTINGS } from "@data/settings/registry";
import { resolveBase } from "./client";

/** Same origin, through the proxy in front of the service (vite.config.ts, deployments). */
export const DEFAULT_SHOP_ENDPOINT = SETTINGS["device:shopEndpoint"].fallback;

export const getShopEndpoint = () => getSetting("device:shopEndpoint");

/** Saves the address after checking it is an http(s) URL (a ShopError "bad-endpoint" otherwise). */
export async function setShopEndpoint(url: string): Promise<string> {
  const value = url.trim() || DEFAULT_SHOP_ENDPOINT;
  resolveBase(value);
  await setSetting("device:shopEndpoint", value);
  return value;
}
