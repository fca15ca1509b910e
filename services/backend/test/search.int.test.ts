import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { drivers, startTestBackend, type TestBackend } from "./harness.ts";

describe.each(drivers)("search on %s", (driver) => {
  let backend: TestBackend;
  let token: string;
  const ids: Record<string, string> = {};
  const list = async (query: string) => {
    const res = await backend.call("GET", `/api/tasks?${query}`, { token });
    expect(res.status).toBe(200);
    return res.body as { items: { id: string; title: string }[]; next_cursor: string | null };
  };
  const titles = async (query: string) => (await list(query)).items.map((t) => t.title).sort();

  beforeAll(async () => {
    backend = await startTestBackend(driver);
    // Saturday 28 Nov 2026 in New York; the week is Mon 23 – Sun 29 Nov.
    token = (await backend.signup(undefined, "America/New_York")).token;
    const seed = [
      { title: "prepare presentation", priority: "high", tags: ["work"], due_date: "2026-11-27" },
      {
        title: "review slides",
        description: "for the Presentation on Monday",
        priority: "high",
        tags: ["work", "urgent"],
        due_date: "2026-11-30",
      },
      { title: "book dentist", priority: "low", tags: ["personal"] },
      { title: "buy 100% juice", priority: "medium", tags: ["personal", "shopping"], due_date: "2026-11-29" },
      { title: "plan offsite", priority: "high", tags: ["work"], due_date: "2026-12-10" },
      { title: "file taxes", priority: "medium", tags: [] },
    ];
    for (const task of seed) {
      backend.clock.advance(1000);
      const res = await backend.call("POST", "/api/tasks", { token, body: task });
      ids[task.title] = res.body.id;
    }
    // Completed on Fri 27 Nov 23:30 New York time (= Sat 04:30Z): this week, in the user's zone.
    backend.clock.set(new Date("2026-11-28T04:30:00Z"));
    await backend.call("POST", `/api/tasks/${ids["prepare presentation"]}/complete`, { token });
    // Completed Sun 22 Nov 23:00 New York (= Mon 23 Nov 04:00Z): last week there, this week in UTC.
    backend.clock.set(new Date("2026-11-23T04:00:00Z"));
    await backend.call("POST", `/api/tasks/${ids["file taxes"]}/complete`, { token });
    backend.clock.set(new Date("2026-11-28T15:00:00Z"));
  });
  afterAll(() => backend.close());

  test("priority filter lists exactly the high-priority tasks", async () => {
    expect(await titles("priority=high")).toEqual(["plan offsite", "prepare presentation", "review slides"]);
    expect(await titles("priority=low,medium")).toEqual(["book dentist", "buy 100% juice", "file taxes"]);
  });

  test("tag filters require every tag given", async () => {
    expect(await titles("tag=work")).toEqual(["plan offsite", "prepare presentation", "review slides"]);
    expect(await titles("tag=work&tag=urgent")).toEqual(["review slides"]);
    expect(await titles("tag=WORK")).toEqual(["plan offsite", "prepare presentation", "review slides"]);
    expect(await titles("tag=garden")).toEqual([]);
  });

  test("keyword search looks in title and description, case-insensitively, and treats % literally", async () => {
    expect(await titles("q=presentation")).toEqual(["prepare presentation", "review slides"]);
    expect(await titles("q=PRESENT")).toEqual(["prepare presentation", "review slides"]);
    expect(await titles("q=100%25")).toEqual(["buy 100% juice"]);
    expect(await titles("q=%25")).toEqual(["buy 100% juice"]);
  });

  test("keyword search needs every word, in any order, and finds a part of a word", async () => {
    expect(await titles("q=presentation%20prepare")).toEqual(["prepare presentation"]);
    expect(await titles("q=SLIDES%20review")).toEqual(["review slides"]);
    expect(await titles("q=esent")).toEqual(["prepare presentation", "review slides"]);
    expect(await titles("q=slides%20dentist")).toEqual([]);
  });

  test("a keyword shorter than three letters matches the start of a word, not its middle", async () => {
    expect(await titles("q=ta")).toEqual(["file taxes"]);
    expect(await titles("q=mon%20slides")).toEqual(["review slides"]);
  });

  test("without a sort, keyword results come best match first: a title match before a description-only one", async () => {
    // "review slides" is newer, so the default newest-first order would list it first.
    expect((await list("q=presentation")).items.map((t) => t.title)).toEqual([
      "prepare presentation",
      "review slides",
    ]);
    expect((await list("q=presentation&sort=created")).items.map((t) => t.title)).toEqual([
      "review slides",
      "prepare presentation",
    ]);
  });

  test("relevance pages follow their cursor through every match once", async () => {
    const first = await list("q=presentation&limit=1");
    expect(first.items.map((t) => t.title)).toEqual(["prepare presentation"]);
    const second = await list(`q=presentation&limit=1&cursor=${first.next_cursor}`);
    expect(second.items.map((t) => t.title)).toEqual(["review slides"]);
    expect(second.next_cursor).toBeNull();
  });

  test("when no word starts with the keyword, its matches inside words are listed, page after page", async () => {
    const first = await list("q=esent&limit=1");
    expect(first.items).toHaveLength(1);
    const second = await list(`q=esent&limit=1&cursor=${first.next_cursor}`);
    expect([...first.items, ...second.items].map((t) => t.title).sort()).toEqual([
      "prepare presentation",
      "review slides",
    ]);
    expect(second.next_cursor).toBeNull();
  });

  test("sorting by relevance without a keyword is refused and names the parameter", async () => {
    const res = await backend.call("GET", "/api/tasks?sort=relevance", { token });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("sort");
  });

  test("completed_from/to are days in the user's zone", async () => {
    expect(await titles("status=completed&completed_from=2026-11-23&completed_to=2026-11-29")).toEqual([
      "prepare presentation",
    ]);
    expect(await titles("status=completed&completed_from=2026-11-22&completed_to=2026-11-22")).toEqual([
      "file taxes",
    ]);
  });

  test("combined filters: high-priority incomplete work tasks due this week", async () => {
    expect(
      await titles("priority=high&status=pending&tag=work&due_from=2026-11-23&due_to=2026-11-29"),
    ).toEqual([]);
    expect(
      await titles("priority=high&status=pending&tag=work&due_from=2026-11-30&due_to=2026-12-06"),
    ).toEqual(["review slides"]);
    expect(await titles("priority=high&tag=work&due_from=2026-11-23&due_to=2026-11-29")).toEqual([
      "prepare presentation",
    ]);
  });

  test("sorting by priority puts high first; by due puts undated last", async () => {
    const byPriority = (await list("sort=priority")).items.map((t) => t.title);
    expect(byPriority.slice(0, 3).sort()).toEqual(["plan offsite", "prepare presentation", "review slides"]);
    expect(byPriority.at(-1)).toBe("book dentist");
    const byDue = (await list("sort=due")).items.map((t) => t.title);
    expect(byDue).toEqual([
      "prepare presentation",
      "buy 100% juice",
      "review slides",
      "plan offsite",
      "book dentist",
      "file taxes",
    ]);
  });

  test("cursor pagination visits every task once, in order, for each sort", async () => {
    for (const sort of ["created", "due", "priority"]) {
      for (const order of ["asc", "desc"]) {
        const all = (await list(`sort=${sort}&order=${order}&limit=500`)).items.map((t) => t.id);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await list(`sort=${sort}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items.map((t) => t.id));
          cursor = page.next_cursor;
        } while (cursor);
        expect(seen).toEqual(all);
        expect(seen.length).toBe(6);
      }
    }
  });

  test("a cursor from another sort is rejected", async () => {
    const page = await list("sort=due&limit=2");
    const res = await backend.call("GET", `/api/tasks?sort=created&cursor=${page.next_cursor}`, { token });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("cursor");
  });
});
