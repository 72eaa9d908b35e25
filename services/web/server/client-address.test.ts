import { expect, test } from "bun:test";
import { clientAddress } from "./client-address";

const socket = "10.0.0.9";

test("with no trusted proxy the socket peer is the client, whatever X-Forwarded-For claims", () => {
  expect(clientAddress(socket, null, 0)).toBe(socket);
  expect(clientAddress(socket, "203.0.113.7", 0)).toBe(socket);
});

test("behind one proxy the client is the last entry, the one that proxy appended", () => {
  expect(clientAddress(socket, "203.0.113.7", 1)).toBe("203.0.113.7");
  expect(clientAddress(socket, "198.51.100.1, 203.0.113.7", 1)).toBe("203.0.113.7");
  expect(clientAddress(socket, "spoofed, also-spoofed, 203.0.113.7", 1)).toBe("203.0.113.7");
});

test("behind two proxies the client is the second entry from the right", () => {
  expect(clientAddress(socket, "203.0.113.7, 192.0.2.10", 2)).toBe("203.0.113.7");
  expect(clientAddress(socket, "spoofed,203.0.113.7,192.0.2.10", 2)).toBe("203.0.113.7");
});

test("a header shorter than the trusted hops, or missing, falls back to the socket peer", () => {
  expect(clientAddress(socket, null, 1)).toBe(socket);
  expect(clientAddress(socket, "192.0.2.10", 2)).toBe(socket);
  expect(clientAddress(socket, "a, b", 3)).toBe(socket);
});

test("spaces around entries are dropped; an empty entry in the trusted position falls back to the socket", () => {
  expect(clientAddress(socket, "  203.0.113.7  ,   192.0.2.10 ", 2)).toBe("203.0.113.7");
  expect(clientAddress(socket, "2001:db8::1 , 192.0.2.10", 2)).toBe("2001:db8::1");
  expect(clientAddress(socket, "203.0.113.7, ", 1)).toBe(socket);
  expect(clientAddress(socket, "", 1)).toBe(socket);
});
