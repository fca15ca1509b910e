import { describe, expect, test } from "bun:test";
import { type TLiteral, type TObject, Type } from "@sinclair/typebox";
import { EventEnvelope, topicEvent } from "./envelope.ts";
import { topics, validateEvent } from "./index.ts";

const ENVELOPE = ["event_id", "schema_version", "task_id", "timestamp", "user_id"];

describe("the event envelope, declared once", () => {
  test("every topic's event carries the envelope, with its own topic's contract version", () => {
    for (const { name, version, schema } of Object.values(topics)) {
      const { properties, required = [] } = schema as TObject;
      expect({ name, has: ENVELOPE.filter((key) => key in properties && required.includes(key)) }).toEqual({
        name,
        has: ENVELOPE,
      });
      expect({ name, version: (properties.schema_version as TLiteral).const }).toEqual({ name, version });
    }
  });

  test("given the envelope and a topic's fields, the event is one flat object needing both", () => {
    const Example = topicEvent(7, { note: Type.String() });
    expect(Object.keys(Example.properties).sort()).toEqual([...ENVELOPE, "note"].sort());
    expect(Example.allOf).toBeUndefined();
    expect(Object.keys(EventEnvelope(7).properties).sort()).toEqual(ENVELOPE);
  });

  test("an event whose envelope lacks its event_id is refused on every topic, by the field's name", () => {
    for (const topic of Object.keys(topics) as (keyof typeof topics)[])
      expect(validateEvent(topic, { schema_version: 1 }).join("; ")).toContain("/event_id");
  });
});
