import { describe, expect, test } from "bun:test";
import { clientAddress } from "./client-address.ts";

describe("the address a login is rate limited by", () => {
  test("a trusted proxy's X-Forwarded-For names the browser behind it", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.9", ["127.0.0.1"])).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1", "203.0.113.9", ["127.0.0.1"])).toBe("203.0.113.9");
    expect(clientAddress("10.244.3.17", "198.51.100.2", ["10.0.0.0/8"])).toBe("198.51.100.2");
  });

  test("only the entry the trusted proxy added counts: a client cannot forge an earlier one", () => {
    expect(clientAddress("127.0.0.1", "1.2.3.4, 203.0.113.9", ["127.0.0.1"])).toBe("203.0.113.9");
  });

  test("anyone else's X-Forwarded-For is ignored", () => {
    expect(clientAddress("198.51.100.7", "203.0.113.9", ["127.0.0.1"])).toBe("198.51.100.7");
    expect(clientAddress("11.0.0.1", "203.0.113.9", ["10.0.0.0/8"])).toBe("11.0.0.1");
    expect(clientAddress("127.0.0.1", "203.0.113.9", [])).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", null, ["127.0.0.1"])).toBe("127.0.0.1");
  });
});
