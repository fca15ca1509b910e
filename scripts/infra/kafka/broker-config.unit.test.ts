import { expect, test } from "bun:test";
import { brokerProperties } from "./broker-config.ts";

const properties = (text: string) =>
  Object.fromEntries(
    text
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );

test("one node is broker and controller, each on its own loopback port, and clients are sent back to the broker's", () => {
  const config = properties(brokerProperties({ port: 19092, controllerPort: 19093, logDirs: "/tmp/k/data" }));
  expect(config).toMatchObject({
    "process.roles": "broker,controller",
    "controller.quorum.voters": "1@127.0.0.1:19093",
    listeners: "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093",
    "advertised.listeners": "PLAINTEXT://127.0.0.1:19092",
    "log.dirs": "/tmp/k/data",
  });
});

test("internal topics fit one broker, and a restarted broker registers within seconds", () => {
  const config = properties(brokerProperties({ port: 1, controllerPort: 2, logDirs: "/d" }));
  for (const key of Object.keys(config).filter(
    (k) => k.endsWith("replication.factor") || k.endsWith("min.isr"),
  ))
    expect(config[key]).toBe("1");
  expect(Number(config["broker.session.timeout.ms"])).toBeLessThan(9000);
  expect(config["group.initial.rebalance.delay.ms"]).toBe("0");
});
