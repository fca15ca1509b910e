import { expect, test } from "bun:test";
import { parse } from "yaml";
import { setImage } from "./set-image-tag.ts";

const values =
  '# written by CI\nimage:\n  repository: ghcr.io/your-org/chat-todo-backend\n  # the commit\n  tag: "0.1.0"\n  pullPolicy: IfNotPresent\nreplicaCount: 3\n';

test("points the values at the pushed image and keeps every other line and comment", () => {
  const out = setImage(values, "ghcr.io/acme/chat-todo-backend", "0123456789abcdef0123456789abcdef01234567");
  expect(parse(out)).toEqual({
    image: {
      repository: "ghcr.io/acme/chat-todo-backend",
      tag: "0123456789abcdef0123456789abcdef01234567",
      pullPolicy: "IfNotPresent",
    },
    replicaCount: 3,
  });
  expect(out).toContain("# written by CI");
  expect(out).toContain("# the commit");
});

test("keeps an all-digit tag a string", () => {
  expect(parse(setImage(values, "ghcr.io/acme/chat-todo-backend", "1234567")).image.tag).toBe("1234567");
});

test("refuses latest and malformed references", () => {
  expect(() => setImage(values, "ghcr.io/acme/x", "latest")).toThrow("not a pinned image tag");
  expect(() => setImage(values, "GHCR.io/Acme/x", "abc")).toThrow("not an image repository");
});
