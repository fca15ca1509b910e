import { describe, expect, test } from "bun:test";
import { clientAddress } from "./client-address.ts";

describe("the address a signup or login is rate limited by", () => {
  test("a trusted proxy's X-Forwarded-For names the browser behind it", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.9", ["127.0.0.1"])).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1", "203.0.113.9", ["127.0.0.1"])).toBe("203.0.113.9");
    expect(clientAddress("10.244.3.17", "198.51.100.2", ["10.244.0.0/16"])).toBe("198.51.100.2");
  });

  test("through the ingress and the site, each trusted hop is skipped and the browser found", () => {
    // The ingress saw the browser, the site saw the ingress; the backend sees the site.
    expect(clientAddress("10.244.0.9", "203.0.113.9, 10.244.1.3", ["10.244.0.0/16"])).toBe("203.0.113.9");
    // Two browsers behind the same ingress and site are two keys, not one.
    expect(clientAddress("10.244.0.9", "198.51.100.7, 10.244.1.3", ["10.244.0.0/16"])).toBe("198.51.100.7");
  });

  test("what a client writes left of the trusted hops is ignored: it cannot pick its own key", () => {
    expect(clientAddress("127.0.0.1", "1.2.3.4, 203.0.113.9", ["127.0.0.1"])).toBe("203.0.113.9");
    expect(clientAddress("10.244.0.9", "10.244.5.5, 203.0.113.9, 10.244.1.3", ["10.244.0.0/16"])).toBe(
      "203.0.113.9",
    );
  });

  test("anyone else's X-Forwarded-For is ignored", () => {
    expect(clientAddress("198.51.100.7", "203.0.113.9", ["127.0.0.1"])).toBe("198.51.100.7");
    expect(clientAddress("11.0.0.1", "203.0.113.9", ["10.0.0.0/8"])).toBe("11.0.0.1");
    expect(clientAddress("127.0.0.1", "203.0.113.9", [])).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", null, ["127.0.0.1"])).toBe("127.0.0.1");
  });
});
