import { expect, test, type Page } from "@playwright/test";
import { debugHook } from "./debug-hook";
import { field, noHorizontalScroll, settled } from "./outfits-helpers";
import { goOffline } from "./vision-helpers";
import { startOpenMeteo } from "./weather-helpers";

// Outfits → Today → "Use today's weather" in the production build, with real fetches from
// Chromium to a local HTTP server that answers in Open-Meteo's format (forecast and place
// search), set in Settings → Outfits → Weather. Off by default; the location goes out only
// after the click, rounded; the forecast sets the day's temperature and rain; a failing
// service and an offline reload keep the last forecast with a note; a forecast that is not
// today's is not used and the typed temperature is back.

const SHOTS = "test-results";

const forecasts = (reqs: URL[]) => reqs.filter((u) => u.pathname === "/v1/forecast");
const resultLine = (page: Page) => page.locator(".result-count");

test("use today's weather: asked on click, forecast feeds the day, kept for offline, failures say so", async ({ page, context }) => {
  test.setTimeout(240_000);
  const meteo = await startOpenMeteo();
  try {
    await context.setGeolocation({ latitude: 59.913868, longitude: 10.752245 });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/?curator-debug");
    await debugHook(page);
    await page.evaluate(async () => {
      const c = new OffscreenCanvas(96, 120);
      const ctx = c.getContext("2d")!;
      ctx.fillStyle = "#1f2a56";
      ctx.fillRect(16, 16, 64, 88);
      const thumbnail = await c.convertToBlob({ type: "image/webp" });
      const w = window as unknown as { curatorDebug: { seed(n: number, p: { original: Blob; thumbnail: Blob }, b: number, s: boolean): Promise<number> } };
      await w.curatorDebug.seed(70, { original: thumbnail, thumbnail }, 1000, true);
    });

    // Settings → Outfits → Weather: off, and the service address points at the stand-in.
    await page.getByRole("tab", { name: "Settings" }).click();
    await expect(page.getByText("Off. Turn it on from Outfits → Today")).toBeVisible();
    await expect(field(page, "Forecast address")).toHaveValue("https://api.open-meteo.com/v1/forecast");
    await field(page, "Forecast address").fill("not a url");
    await page.getByRole("button", { name: "Save addresses" }).click();
    await expect(page.getByRole("alert")).toContainText("not a web address");
    await field(page, "Forecast address").fill(`${meteo.base}/v1/forecast`);
    await field(page, "Place search address").fill(`${meteo.base}/v1/search`);
    await page.getByRole("button", { name: "Save addresses" }).click();
    await expect(page.getByText("Weather service saved.")).toBeVisible();

    // Off by default: the typed temperature is used, nothing was asked of the service.
    await page.getByRole("tab", { name: "Outfits" }).click();
    const panel = page.getByRole("region", { name: /weather/i });
    await expect(panel).toContainText("Off");
    await field(page, "Temperature (°C)").fill("20");
    await settled(page);
    await expect(resultLine(page)).toContainText("20 °C");
    expect(meteo.state.requests).toHaveLength(0);

    // Turning it on says where the place goes before asking for it.
    await panel.getByRole("button", { name: "Use today’s weather" }).click();
    await expect(panel).toContainText("Open-Meteo");
    await expect(panel).toContainText("rounded to about 1 km");
    await expect(panel.getByRole("heading", { name: "Use today’s weather" })).toBeFocused();
    expect(meteo.state.requests).toHaveLength(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/weather-choose-390.png`, fullPage: true });
    await noHorizontalScroll(page);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The browser's location is refused: a clear message, nothing sent.
    await panel.getByRole("button", { name: "Use my location" }).click();
    await expect(panel.getByRole("alert")).toContainText("Location permission was refused");
    expect(meteo.state.requests).toHaveLength(0);
    // Granted: the forecast is read for the location rounded to 0.01°.
    await context.grantPermissions(["geolocation"]);
    await panel.getByRole("button", { name: "Use my location" }).click();
    await expect(page.getByTestId("weather-forecast")).toContainText("15–25 °C, clear sky, dry");
    await expect(page.getByTestId("weather-forecast")).toContainText("Dressing for 20 °C.");
    const first = forecasts(meteo.state.requests)[0]!;
    expect([first.searchParams.get("latitude"), first.searchParams.get("longitude")]).toEqual(["59.91", "10.75"]);
    expect([...first.searchParams.keys()].sort()).toEqual(["daily", "forecast_days", "latitude", "longitude", "timezone"]);
    await expect(page.getByTestId("weather-age")).toContainText("updated just now");

    // A typed place: two Bergens, the one chosen is the one asked about.
    await panel.getByRole("button", { name: "Change place" }).click();
    await field(panel, "Or type a place").fill("Nowhereville");
    await panel.getByRole("button", { name: "Find" }).click();
    await expect(panel.getByRole("alert")).toContainText("No place called “Nowhereville”");
    await field(panel, "Or type a place").fill("Bergen");
    await field(panel, "Or type a place").press("Enter");
    const places = panel.getByRole("list", { name: "Places found" });
    await expect(places.getByRole("button")).toHaveText(["Bergen, Vestland, Norway", "Bergen, Mecklenburg-Vorpommern, Germany"]);
    await places.getByRole("button", { name: "Bergen, Vestland, Norway" }).click();
    await expect(panel.getByRole("heading")).toHaveText("Today’s weather in Bergen, Vestland, Norway");
    await expect(page.getByTestId("weather-forecast")).toContainText("3–9 °C, rain (90 % chance). Dressing for 6 °C and rain.");
    // The forecast is the day's context: the typed temperature and rain box step aside.
    await expect(field(page, "Temperature (°C)")).toHaveCount(0);
    await expect(page.getByLabel("Rain today")).toHaveCount(0);
    await settled(page);
    await expect(resultLine(page)).toContainText("6 °C · rain");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/weather-on-390.png`, fullPage: true });
    await noHorizontalScroll(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SHOTS}/weather-on-1280.png` });

    // The service fails: the last forecast stays in use, and the note says so.
    meteo.state.mode = "fail";
    await panel.getByRole("button", { name: "Update" }).click();
    await expect(page.getByTestId("weather-problem")).toContainText("The weather service answered 500");
    await expect(page.getByTestId("weather-problem")).toContainText("Showing the last forecast, from just now.");
    await expect(resultLine(page)).toContainText("6 °C · rain");

    // Offline after a reload: the kept forecast, its age and the offline note; no request tried.
    meteo.state.mode = "ok";
    await goOffline(page, context);
    const before = meteo.state.requests.length;
    await page.reload();
    await page.getByRole("tab", { name: "Outfits" }).click();
    await expect(page.getByTestId("weather-forecast")).toContainText("3–9 °C");
    await expect(page.getByTestId("weather-problem")).toContainText("You are offline. Showing the last forecast, from");
    await settled(page);
    await expect(resultLine(page)).toContainText("6 °C · rain");
    expect(meteo.state.requests.length).toBe(before);
    await context.setOffline(false);

    // A forecast that is not for today is not used: the typed temperature is back.
    meteo.state.mode = "yesterday";
    await panel.getByRole("button", { name: "Update" }).click();
    await expect(panel).toContainText("No forecast for today yet");
    await expect(field(page, "Temperature (°C)")).toHaveValue("20");
    await settled(page);
    await expect(resultLine(page)).toContainText("20 °C");
    await expect(resultLine(page)).not.toContainText("rain");

    // Turned off: back to the typed fields, and no more requests.
    meteo.state.mode = "ok";
    await panel.getByRole("button", { name: "Turn off" }).click();
    await expect(panel).toContainText("Off");
    const afterOff = meteo.state.requests.length;
    await page.reload();
    await page.getByRole("tab", { name: "Outfits" }).click();
    await expect(page.getByRole("region", { name: /weather/i })).toContainText("Off");
    expect(meteo.state.requests.length).toBe(afterOff);
  } finally {
    await meteo.close();
  }
});
