import { expect, test } from "bun:test";
import {
  judgeAddress,
  judgeResolved,
  parseAllowedTargets,
  parseWebhookUrl,
  publicOnly,
  type TargetPolicy,
  type WebhookTarget,
} from "./target-policy";

const refused = [
  "127.0.0.1",
  "127.1.2.3",
  "10.0.0.5",
  "172.16.9.1",
  "192.168.1.1",
  "169.254.169.254", // cloud metadata
  "100.64.0.1", // CGNAT
  "0.0.0.0",
  "255.255.255.255",
  "224.0.0.1",
  "::1",
  "::",
  "fe80::1",
  "fc00::1",
  "fd12:3456::1",
  "::ffff:127.0.0.1", // IPv4-mapped loopback
  "::ffff:10.1.2.3",
  "::ffff:169.254.169.254",
  "ff02::1",
];

test("private, loopback, link-local and other non-public addresses are refused, v4, v6 and v4-mapped", () => {
  for (const address of refused) {
    expect({ address, ok: judgeAddress(address, publicOnly).ok }).toEqual({ address, ok: false });
  }
});

test("public unicast addresses pass", () => {
  for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
    expect({ address, ok: judgeAddress(address, publicOnly).ok }).toEqual({ address, ok: true });
  }
});

test("the allow-list admits its ranges only, and marks them so http is accepted there", () => {
  const policy = parseAllowedTargets("127.0.0.1/32, 10.0.0.0/8,::1") as TargetPolicy;
  expect(judgeAddress("127.0.0.1", policy)).toEqual({ ok: true, byAllowList: true });
  expect(judgeAddress("::ffff:127.0.0.1", policy)).toEqual({ ok: true, byAllowList: true });
  expect(judgeAddress("10.200.0.1", policy)).toEqual({ ok: true, byAllowList: true });
  expect(judgeAddress("::1", policy)).toEqual({ ok: true, byAllowList: true });
  expect(judgeAddress("127.0.0.2", policy).ok).toBe(false);
  expect(judgeAddress("192.168.0.1", policy).ok).toBe(false);
  expect(typeof parseAllowedTargets("10.0.0.0/99")).toBe("string");
  expect(typeof parseAllowedTargets("not-an-ip")).toBe("string");
  expect(parseAllowedTargets("")).toEqual({ allowed: [] });
});

test("URL syntax: https only, no credentials, no localhost names", () => {
  expect(parseWebhookUrl("ftp://example.com/x")).toBe("must be an https URL");
  expect(parseWebhookUrl("https://user:pw@example.com/")).toBe("must not carry a user name or password");
  expect(parseWebhookUrl("https://localhost/hook")).toContain("localhost");
  expect(parseWebhookUrl("https://api.LOCALHOST/hook")).toContain("localhost");
  expect(parseWebhookUrl("nonsense")).toBe("is not a URL");
  const v6 = parseWebhookUrl("https://[::1]:8443/hook") as WebhookTarget;
  expect(v6.host).toBe("::1");
  expect((parseWebhookUrl("https://example.com/hook") as WebhookTarget).https).toBe(true);
});

test("a name is refused when any address it resolves to is refused; http needs every address allow-listed", () => {
  const target = parseWebhookUrl("https://rebind.example/hook") as WebhookTarget;
  expect(judgeResolved(target, ["93.184.216.34"], publicOnly)).toBeNull();
  expect(judgeResolved(target, ["93.184.216.34", "10.0.0.1"], publicOnly)).toContain("10.0.0.1");
  expect(judgeResolved(target, [], publicOnly)).toContain("no address");
  const http = parseWebhookUrl("http://hooks.example/x") as WebhookTarget;
  expect(judgeResolved(http, ["93.184.216.34"], publicOnly)).toBe("must be an https URL");
  const local = parseAllowedTargets("127.0.0.1") as TargetPolicy;
  expect(judgeResolved(http, ["127.0.0.1"], local)).toBeNull();
});
