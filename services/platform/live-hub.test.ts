import { expect, test } from "bun:test";
import { createLiveHub } from "./live-hub";

test("every open stream of a user gets the value; other users' streams get nothing; abort ends the stream", async () => {
  const hub = createLiveHub<string>({ heartbeatMs: 50 });
  const controller = new AbortController();
  const collect = async (user: string, n: number) => {
    const got: string[] = [];
    for await (const value of hub.open(user, [controller.signal], "♥")) {
      if (value !== "♥") got.push(value);
      if (got.length === n) break;
    }
    return got;
  };
  const a1 = collect("a", 2);
  const a2 = collect("a", 2);
  const b = (async () => {
    const got: string[] = [];
    for await (const value of hub.open("b", [controller.signal], "♥")) if (value !== "♥") got.push(value);
    return got;
  })();
  await Bun.sleep(5);
  expect(hub.count("a")).toBe(2);
  hub.publish("a", "x");
  hub.publish("a", "y");
  expect(await a1).toEqual(["x", "y"]);
  expect(await a2).toEqual(["x", "y"]);
  await Bun.sleep(120); // b sees heartbeats only
  controller.abort();
  expect(await b).toEqual([]);
  expect(hub.count("a") + hub.count("b")).toBe(0);
});

test("closeUser ends every open stream of that user and no one else's", async () => {
  const hub = createLiveHub<string>({ heartbeatMs: 10_000 });
  const controller = new AbortController();
  const drain = async (user: string) => {
    let n = 0;
    for await (const _ of hub.open(user, [controller.signal], "♥")) n++;
    return n;
  };
  const a1 = drain("a");
  const a2 = drain("a");
  const b = drain("b");
  await Bun.sleep(5);
  hub.closeUser("a");
  expect(await Promise.all([a1, a2])).toEqual([1, 1]);
  expect(hub.count("a")).toBe(0);
  expect(hub.count("b")).toBe(1);
  controller.abort();
  await b;
});
