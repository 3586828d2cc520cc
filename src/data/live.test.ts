import "fake-indexeddb/auto";
import { afterEach, beforeEach, expect, it } from "vitest";
import { db } from "./db";
import { addItemWithPhoto, listItems } from "./items";
import { watchQuery } from "./live";
import { fakePhoto } from "./testing";

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

it("watchQuery answers now, again after a change to a table it read, and not after unsubscribing", async () => {
  const seen: number[] = [];
  let wake: () => void = () => {};
  const next = () => new Promise<void>((resolve) => (wake = resolve));
  let first = next();
  const sub = watchQuery(listItems, {
    next: (items) => {
      seen.push(items.length);
      wake();
    },
    error: (e) => {
      throw e;
    },
  });
  await first;
  first = next();
  await addItemWithPhoto(await fakePhoto(1), { name: "shirt" });
  await first;
  expect(seen).toEqual([0, 1]);
  sub.unsubscribe();
  await addItemWithPhoto(await fakePhoto(2), { name: "coat" });
  await new Promise((r) => setTimeout(r, 50));
  expect(seen).toEqual([0, 1]);
});
