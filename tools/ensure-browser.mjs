// Before the e2e suite: make sure a Chromium exists. As root on Debian/Ubuntu it installs
// Debian's chromium with apt; elsewhere it explains how to get one.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium, NO_BROWSER_MESSAGE } from "./browser.mjs";

let path = await findChromium();
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!path && isRoot && existsSync("/usr/bin/apt-get")) {
  console.log("No Chromium found: installing Debian's chromium with apt-get …");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", {
    stdio: "inherit",
  });
  path = await findChromium();
}
if (!path) {
  console.error(NO_BROWSER_MESSAGE);
  process.exit(1);
}
console.log(`e2e browser: ${path}`);
