import { expect, test } from "bun:test";
import { filtersFromUrl, filtersToQuery, NO_FILTERS, parseTags } from "./filters-url.ts";

test("filters survive the round trip through the URL, with tags repeated as the API expects", () => {
  const filters = {
    ...NO_FILTERS,
    priority: "high",
    tags: ["travel", "urgent"],
    status: "pending",
    due_from: "2027-01-01",
    q: "flight",
  };
  const query = filtersToQuery(filters);
  expect(query).toBe("priority=high&tag=travel&tag=urgent&status=pending&due_from=2027-01-01&q=flight");
  expect(filtersFromUrl(`?${query}`)).toEqual(filters);
  expect(filtersToQuery(NO_FILTERS)).toBe("");
});

test("typed tags are trimmed, lowercased and unique", () => {
  expect(parseTags(" Travel, urgent,,travel ")).toEqual(["travel", "urgent"]);
});
