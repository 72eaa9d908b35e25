import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { NotificationSchema } from "../../../../gen/todo/v1/notification_service_pb";
import { loadLanguage, translator } from "../i18n/translate";
import { inboxLine, liveArrival } from "./inbox";

const entry = (id: string, title: string) => create(NotificationSchema, { id, title });

test("a notification pushed twice (a retry after a mail failure) is one entry and news once", () => {
  const seen = new Set<string>();
  const first = liveArrival([], seen, entry("n1", "Sara assigned you “report”"));
  expect(first.news).toBe(true);
  const again = liveArrival(first.items, seen, entry("n1", "Sara assigned you “report”"));
  expect(again.news).toBe(false);
  expect(again.items.map((n) => n.id)).toEqual(["n1"]);
  const other = liveArrival(again.items, seen, entry("n2", "Reminder"));
  expect(other.news).toBe(true);
  expect(other.items.map((n) => n.id)).toEqual(["n2", "n1"]);
});

test("an entry the client listed before (beyond what it shows now) is not news when pushed again", () => {
  const seen = new Set(["old"]);
  const arrival = liveArrival([entry("n2", "x")], seen, entry("old", "y"));
  expect(arrival.news).toBe(false);
  expect(arrival.items.map((n) => n.id)).toEqual(["old", "n2"]);
});

test("the toast line starts with the user's language's direction mark (Urdu: right to left around an English name)", async () => {
  const urdu = await loadLanguage("ur");
  const line = inboxLine(entry("n1", "Sara نے آپ کو “report” سونپا"), urdu);
  expect(line).toBe("\u200fSara نے آپ کو “report” سونپا");
  expect(inboxLine(create(NotificationSchema, { id: "n2", body: "Due soon" }), translator("en"))).toBe(
    "\u200eDue soon",
  );
});
