// Every example of RFC 5545 section 3.8.5.3 ("Recurrence Rule"), with DTSTART in
// America/New_York as the RFC gives it. Expected values are the RFC's own lists, written as local
// wall time with the offset of that day: 9:00 AM stays 9:00 AM, while the instant moves between
// EDT (-04:00, 13:00Z) and EST (-05:00, 14:00Z). Two deliberate differences are tested at the end.
import { describe, expect, test } from "bun:test";
import { Temporal } from "temporal-polyfill";
import { expandOccurrences } from "./expand-occurrences.ts";

const NY = "America/New_York";
const EDT = "-04:00";
const EST = "-05:00";

const pad = (n: number) => String(n).padStart(2, "0");
const range = (first: number, last: number, step = 1) =>
  Array.from({ length: Math.floor((last - first) / step) + 1 }, (_, i) => first + i * step);

/** The RFC's "(1997 9:00 AM EDT) September 2,3,4" as `1997-09-02T09:00-04:00`, … */
function on(offset: string, year: number, month: number, days: number[], time = "09:00"): string[] {
  return days.map((day) => `${year}-${pad(month)}-${pad(day)}T${time}${offset}`);
}

/** The RFC's "(September 2, 1997 EDT) 09:00,12:00" as `1997-09-02T09:00-04:00`, … */
function times(offset: string, date: string, hhmm: string[]): string[] {
  return hhmm.map((time) => `${date}T${time}${offset}`);
}

const local = (instant: Date) =>
  Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(NY)
    .toString({ smallestUnit: "minute", timeZoneName: "never" });

/** Occurrences in New York, as local wall time with offset; `limit` cuts the "forever" rules. */
function occurrences(rrule: string, dtstart: string, limit = 1000): string[] {
  return expandOccurrences({ rrule, dtstart, timezone: NY }, { limit }).map(local);
}

interface Example {
  title: string;
  dtstart: string;
  rrules: string[];
  expected: string[];
  forever?: boolean;
}

const examples: Example[] = [
  {
    title: "daily for 10 occurrences",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=DAILY;COUNT=10"],
    expected: on(EDT, 1997, 9, range(2, 11)),
  },
  {
    title: "daily until December 24, 1997",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=DAILY;UNTIL=19971224T000000Z"],
    expected: [
      ...on(EDT, 1997, 9, range(2, 30)),
      ...on(EDT, 1997, 10, range(1, 25)),
      ...on(EST, 1997, 10, range(26, 31)),
      ...on(EST, 1997, 11, range(1, 30)),
      ...on(EST, 1997, 12, range(1, 23)),
    ],
  },
  {
    title: "every other day, forever",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=DAILY;INTERVAL=2"],
    expected: [
      ...on(EDT, 1997, 9, range(2, 30, 2)),
      ...on(EDT, 1997, 10, range(2, 24, 2)),
      ...on(EST, 1997, 10, range(26, 30, 2)),
      ...on(EST, 1997, 11, range(1, 29, 2)),
      ...on(EST, 1997, 12, [1, 3]),
    ],
    forever: true,
  },
  {
    title: "every 10 days, 5 occurrences",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=DAILY;INTERVAL=10;COUNT=5"],
    expected: [...on(EDT, 1997, 9, [2, 12, 22]), ...on(EDT, 1997, 10, [2, 12])],
  },
  {
    title: "every day in January, for 3 years (yearly and daily forms)",
    dtstart: "1998-01-01T09:00:00",
    rrules: [
      "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
      "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
    ],
    expected: [
      ...on(EST, 1998, 1, range(1, 31)),
      ...on(EST, 1999, 1, range(1, 31)),
      ...on(EST, 2000, 1, range(1, 31)),
    ],
  },
  {
    title: "weekly for 10 occurrences",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=WEEKLY;COUNT=10"],
    expected: [
      ...on(EDT, 1997, 9, [2, 9, 16, 23, 30]),
      ...on(EDT, 1997, 10, [7, 14, 21]),
      ...on(EST, 1997, 10, [28]),
      ...on(EST, 1997, 11, [4]),
    ],
  },
  {
    title: "weekly until December 24, 1997",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=WEEKLY;UNTIL=19971224T000000Z"],
    expected: [
      ...on(EDT, 1997, 9, [2, 9, 16, 23, 30]),
      ...on(EDT, 1997, 10, [7, 14, 21]),
      ...on(EST, 1997, 10, [28]),
      ...on(EST, 1997, 11, [4, 11, 18, 25]),
      ...on(EST, 1997, 12, [2, 9, 16, 23]),
    ],
  },
  {
    title: "every other week, forever",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=WEEKLY;INTERVAL=2;WKST=SU"],
    expected: [
      ...on(EDT, 1997, 9, [2, 16, 30]),
      ...on(EDT, 1997, 10, [14]),
      ...on(EST, 1997, 10, [28]),
      ...on(EST, 1997, 11, [11, 25]),
      ...on(EST, 1997, 12, [9, 23]),
      ...on(EST, 1998, 1, [6, 20]),
      ...on(EST, 1998, 2, [3, 17]),
    ],
    forever: true,
  },
  {
    title: "weekly on Tuesday and Thursday for five weeks (UNTIL and COUNT forms)",
    dtstart: "1997-09-02T09:00:00",
    rrules: [
      "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
      "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
    ],
    expected: [...on(EDT, 1997, 9, [2, 4, 9, 11, 16, 18, 23, 25, 30]), ...on(EDT, 1997, 10, [2])],
  },
  {
    title:
      "every other week on Monday, Wednesday and Friday until December 24, 1997, starting on Monday, September 1",
    dtstart: "1997-09-01T09:00:00",
    rrules: ["FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR"],
    expected: [
      ...on(EDT, 1997, 9, [1, 3, 5, 15, 17, 19, 29]),
      ...on(EDT, 1997, 10, [1, 3, 13, 15, 17]),
      ...on(EST, 1997, 10, [27, 29, 31]),
      ...on(EST, 1997, 11, [10, 12, 14, 24, 26, 28]),
      ...on(EST, 1997, 12, [8, 10, 12, 22]),
    ],
  },
  {
    title: "every other week on Tuesday and Thursday, for 8 occurrences",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH"],
    expected: [...on(EDT, 1997, 9, [2, 4, 16, 18, 30]), ...on(EDT, 1997, 10, [2, 14, 16])],
  },
  {
    title: "monthly on the first Friday for 10 occurrences",
    dtstart: "1997-09-05T09:00:00",
    rrules: ["FREQ=MONTHLY;COUNT=10;BYDAY=1FR"],
    expected: [
      ...on(EDT, 1997, 9, [5]),
      ...on(EDT, 1997, 10, [3]),
      ...on(EST, 1997, 11, [7]),
      ...on(EST, 1997, 12, [5]),
      ...on(EST, 1998, 1, [2]),
      ...on(EST, 1998, 2, [6]),
      ...on(EST, 1998, 3, [6]),
      ...on(EST, 1998, 4, [3]),
      ...on(EDT, 1998, 5, [1]),
      ...on(EDT, 1998, 6, [5]),
    ],
  },
  {
    title: "monthly on the first Friday until December 24, 1997",
    dtstart: "1997-09-05T09:00:00",
    rrules: ["FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR"],
    expected: [
      ...on(EDT, 1997, 9, [5]),
      ...on(EDT, 1997, 10, [3]),
      ...on(EST, 1997, 11, [7]),
      ...on(EST, 1997, 12, [5]),
    ],
  },
  {
    title: "every other month on the first and last Sunday of the month for 10 occurrences",
    dtstart: "1997-09-07T09:00:00",
    rrules: ["FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU"],
    expected: [
      ...on(EDT, 1997, 9, [7, 28]),
      ...on(EST, 1997, 11, [2, 30]),
      ...on(EST, 1998, 1, [4, 25]),
      ...on(EST, 1998, 3, [1, 29]),
      ...on(EDT, 1998, 5, [3, 31]),
    ],
  },
  {
    title: "monthly on the second-to-last Monday of the month for 6 months",
    dtstart: "1997-09-22T09:00:00",
    rrules: ["FREQ=MONTHLY;COUNT=6;BYDAY=-2MO"],
    expected: [
      ...on(EDT, 1997, 9, [22]),
      ...on(EDT, 1997, 10, [20]),
      ...on(EST, 1997, 11, [17]),
      ...on(EST, 1997, 12, [22]),
      ...on(EST, 1998, 1, [19]),
      ...on(EST, 1998, 2, [16]),
    ],
  },
  {
    title: "monthly on the third-to-the-last day of the month, forever",
    dtstart: "1997-09-28T09:00:00",
    rrules: ["FREQ=MONTHLY;BYMONTHDAY=-3"],
    expected: [
      ...on(EDT, 1997, 9, [28]),
      ...on(EST, 1997, 10, [29]),
      ...on(EST, 1997, 11, [28]),
      ...on(EST, 1997, 12, [29]),
      ...on(EST, 1998, 1, [29]),
      ...on(EST, 1998, 2, [26]),
    ],
    forever: true,
  },
  {
    title: "monthly on the 2nd and 15th of the month for 10 occurrences",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15"],
    expected: [
      ...on(EDT, 1997, 9, [2, 15]),
      ...on(EDT, 1997, 10, [2, 15]),
      ...on(EST, 1997, 11, [2, 15]),
      ...on(EST, 1997, 12, [2, 15]),
      ...on(EST, 1998, 1, [2, 15]),
    ],
  },
  {
    title: "monthly on the first and last day of the month for 10 occurrences",
    dtstart: "1997-09-30T09:00:00",
    rrules: ["FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1"],
    expected: [
      ...on(EDT, 1997, 9, [30]),
      ...on(EDT, 1997, 10, [1]),
      ...on(EST, 1997, 10, [31]),
      ...on(EST, 1997, 11, [1, 30]),
      ...on(EST, 1997, 12, [1, 31]),
      ...on(EST, 1998, 1, [1, 31]),
      ...on(EST, 1998, 2, [1]),
    ],
  },
  {
    title: "every 18 months on the 10th thru 15th of the month for 10 occurrences",
    dtstart: "1997-09-10T09:00:00",
    rrules: ["FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15"],
    expected: [...on(EDT, 1997, 9, range(10, 15)), ...on(EST, 1999, 3, range(10, 13))],
  },
  {
    title: "every Tuesday, every other month",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=MONTHLY;INTERVAL=2;BYDAY=TU"],
    expected: [
      ...on(EDT, 1997, 9, [2, 9, 16, 23, 30]),
      ...on(EST, 1997, 11, [4, 11, 18, 25]),
      ...on(EST, 1998, 1, [6, 13, 20, 27]),
      ...on(EST, 1998, 3, [3, 10, 17, 24, 31]),
    ],
    forever: true,
  },
  {
    title: "yearly in June and July for 10 occurrences",
    dtstart: "1997-06-10T09:00:00",
    rrules: ["FREQ=YEARLY;COUNT=10;BYMONTH=6,7"],
    expected: range(1997, 2001).flatMap((year) => [...on(EDT, year, 6, [10]), ...on(EDT, year, 7, [10])]),
  },
  {
    title: "every other year on January, February, and March for 10 occurrences",
    dtstart: "1997-03-10T09:00:00",
    rrules: ["FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3"],
    expected: [
      ...on(EST, 1997, 3, [10]),
      ...[1999, 2001, 2003].flatMap((year) => [1, 2, 3].flatMap((month) => on(EST, year, month, [10]))),
    ],
  },
  {
    title: "every third year on the 1st, 100th, and 200th day for 10 occurrences",
    dtstart: "1997-01-01T09:00:00",
    rrules: ["FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200"],
    expected: [
      ...on(EST, 1997, 1, [1]),
      ...on(EDT, 1997, 4, [10]),
      ...on(EDT, 1997, 7, [19]),
      ...on(EST, 2000, 1, [1]),
      ...on(EDT, 2000, 4, [9]),
      ...on(EDT, 2000, 7, [18]),
      ...on(EST, 2003, 1, [1]),
      ...on(EDT, 2003, 4, [10]),
      ...on(EDT, 2003, 7, [19]),
      ...on(EST, 2006, 1, [1]),
    ],
  },
  {
    title: "every 20th Monday of the year, forever",
    dtstart: "1997-05-19T09:00:00",
    rrules: ["FREQ=YEARLY;BYDAY=20MO"],
    expected: [...on(EDT, 1997, 5, [19]), ...on(EDT, 1998, 5, [18]), ...on(EDT, 1999, 5, [17])],
    forever: true,
  },
  {
    title: "Monday of week number 20 (where the default start of the week is Monday), forever",
    dtstart: "1997-05-12T09:00:00",
    rrules: ["FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO"],
    expected: [...on(EDT, 1997, 5, [12]), ...on(EDT, 1998, 5, [11]), ...on(EDT, 1999, 5, [17])],
    forever: true,
  },
  {
    title: "every Thursday in March, forever",
    dtstart: "1997-03-13T09:00:00",
    rrules: ["FREQ=YEARLY;BYMONTH=3;BYDAY=TH"],
    expected: [
      ...on(EST, 1997, 3, [13, 20, 27]),
      ...on(EST, 1998, 3, [5, 12, 19, 26]),
      ...on(EST, 1999, 3, [4, 11, 18, 25]),
    ],
    forever: true,
  },
  {
    title: "every Thursday, but only during June, July, and August, forever",
    dtstart: "1997-06-05T09:00:00",
    rrules: ["FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8"],
    expected: [
      ...on(EDT, 1997, 6, [5, 12, 19, 26]),
      ...on(EDT, 1997, 7, [3, 10, 17, 24, 31]),
      ...on(EDT, 1997, 8, [7, 14, 21, 28]),
      ...on(EDT, 1998, 6, [4, 11, 18, 25]),
      ...on(EDT, 1998, 7, [2, 9, 16, 23, 30]),
      ...on(EDT, 1998, 8, [6, 13, 20, 27]),
      ...on(EDT, 1999, 6, [3, 10, 17, 24]),
      ...on(EDT, 1999, 7, [1, 8, 15, 22, 29]),
      ...on(EDT, 1999, 8, [5, 12, 19, 26]),
    ],
    forever: true,
  },
  {
    // The RFC adds EXDATE:19970902T090000 to drop its DTSTART, a Tuesday; here a DTSTART that
    // does not match the rule is not an occurrence in the first place (see the end of the file).
    title: "every Friday the 13th, forever",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13"],
    expected: [
      ...on(EST, 1998, 2, [13]),
      ...on(EST, 1998, 3, [13]),
      ...on(EST, 1998, 11, [13]),
      ...on(EDT, 1999, 8, [13]),
      ...on(EDT, 2000, 10, [13]),
    ],
    forever: true,
  },
  {
    title: "the first Saturday that follows the first Sunday of the month, forever",
    dtstart: "1997-09-13T09:00:00",
    rrules: ["FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13"],
    expected: [
      ...on(EDT, 1997, 9, [13]),
      ...on(EDT, 1997, 10, [11]),
      ...on(EST, 1997, 11, [8]),
      ...on(EST, 1997, 12, [13]),
      ...on(EST, 1998, 1, [10]),
      ...on(EST, 1998, 2, [7]),
      ...on(EST, 1998, 3, [7]),
      ...on(EDT, 1998, 4, [11]),
      ...on(EDT, 1998, 5, [9]),
      ...on(EDT, 1998, 6, [13]),
    ],
    forever: true,
  },
  {
    title:
      "every 4 years, the first Tuesday after a Monday in November, forever (U.S. Presidential Election day)",
    dtstart: "1996-11-05T09:00:00",
    rrules: ["FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8"],
    expected: [...on(EST, 1996, 11, [5]), ...on(EST, 2000, 11, [7]), ...on(EST, 2004, 11, [2])],
    forever: true,
  },
  {
    title:
      "the third instance into the month of one of Tuesday, Wednesday, or Thursday, for the next 3 months",
    dtstart: "1997-09-04T09:00:00",
    rrules: ["FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3"],
    expected: [...on(EDT, 1997, 9, [4]), ...on(EDT, 1997, 10, [7]), ...on(EST, 1997, 11, [6])],
  },
  {
    title: "the second-to-last weekday of the month",
    dtstart: "1997-09-29T09:00:00",
    rrules: ["FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2"],
    expected: [
      ...on(EDT, 1997, 9, [29]),
      ...on(EST, 1997, 10, [30]),
      ...on(EST, 1997, 11, [27]),
      ...on(EST, 1997, 12, [30]),
      ...on(EST, 1998, 1, [29]),
      ...on(EST, 1998, 2, [26]),
      ...on(EST, 1998, 3, [30]),
    ],
    forever: true,
  },
  {
    title: "every 15 minutes for 6 occurrences",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=MINUTELY;INTERVAL=15;COUNT=6"],
    expected: times(EDT, "1997-09-02", ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15"]),
  },
  {
    title: "every hour and a half for 4 occurrences",
    dtstart: "1997-09-02T09:00:00",
    rrules: ["FREQ=MINUTELY;INTERVAL=90;COUNT=4"],
    expected: times(EDT, "1997-09-02", ["09:00", "10:30", "12:00", "13:30"]),
  },
  {
    title: "every 20 minutes from 9:00 AM to 4:40 PM every day (daily and minutely forms)",
    dtstart: "1997-09-02T09:00:00",
    rrules: [
      "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
      "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16",
    ],
    expected: ["1997-09-02", "1997-09-03"].flatMap((date) =>
      times(
        EDT,
        date,
        range(9, 16).flatMap((h) => [0, 20, 40].map((m) => `${pad(h)}:${pad(m)}`)),
      ),
    ),
    forever: true,
  },
  {
    title: "where the days generated make a difference because of WKST: with WKST=MO",
    dtstart: "1997-08-05T09:00:00",
    rrules: ["FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"],
    expected: on(EDT, 1997, 8, [5, 10, 19, 24]),
  },
  {
    title: "where the days generated make a difference because of WKST: changing WKST from MO to SU",
    dtstart: "1997-08-05T09:00:00",
    rrules: ["FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"],
    expected: on(EDT, 1997, 8, [5, 17, 19, 31]),
  },
  {
    title: "an invalid date (February 30) is ignored",
    dtstart: "2007-01-15T09:00:00",
    rrules: ["FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5"],
    expected: [...on(EST, 2007, 1, [15, 30]), ...on(EST, 2007, 2, [15]), ...on(EDT, 2007, 3, [15, 30])],
  },
];

describe("RFC 5545 section 3.8.5.3 examples, in America/New_York", () => {
  for (const example of examples) {
    for (const rrule of example.rrules) {
      test(`${example.title}: ${rrule}`, () => {
        const limit = example.forever ? example.expected.length : 1000;
        expect(occurrences(rrule, example.dtstart, limit)).toEqual(example.expected);
      });
    }
  }

  test("9:00 AM is 13:00 UTC in EDT and 14:00 UTC in EST: the instant moves, the wall time does not", () => {
    const [lastEdt, firstEst] = expandOccurrences(
      { rrule: "FREQ=DAILY;UNTIL=19971224T000000Z", dtstart: "1997-09-02T09:00:00", timezone: NY },
      { after: new Date("1997-10-25T00:00:00Z"), limit: 2 },
    );
    expect(lastEdt?.toISOString()).toBe("1997-10-25T13:00:00.000Z");
    expect(firstEst?.toISOString()).toBe("1997-10-26T14:00:00.000Z");
  });

  test("an UNTIL that falls exactly on an occurrence includes it (January 31, 2000, 9:00 EST is 14:00Z)", () => {
    const days = expandOccurrences(
      { rrule: "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", dtstart: "1998-01-01T09:00:00", timezone: NY },
      { limit: 1000 },
    );
    expect(days.at(-1)?.toISOString()).toBe("2000-01-31T14:00:00.000Z");
  });
});

describe("where this engine deliberately differs from the RFC's text", () => {
  // "Every 3 hours from 9:00 AM to 5:00 PM on a specific day" gives UNTIL=19970902T170000Z and
  // lists 09:00, 12:00 and 15:00 EDT. But 17:00Z is 1:00 PM EDT, and 15:00 EDT is 19:00Z, past
  // UNTIL: the list reads UNTIL as 5 PM local time, against the Z. An UNTIL ending in Z is an
  // instant here, so the rule as written stops at noon; 5 PM local is UNTIL=19970902T210000Z,
  // or a floating UNTIL=19970902T170000, which this engine reads as wall time in the rule's zone.
  test("every 3 hours from 9:00 AM to 5:00 PM: UNTIL=…170000Z is 1 PM EDT, so the RFC's rule ends at noon", () => {
    expect(occurrences("FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z", "1997-09-02T09:00:00")).toEqual(
      times(EDT, "1997-09-02", ["09:00", "12:00"]),
    );
  });

  test.each([
    "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z",
    "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000",
  ])(
    "every 3 hours from 9:00 AM to 5:00 PM, with 5 PM written as the instant or as local time (%s), lists the RFC's 09:00, 12:00 and 15:00",
    (rrule) => {
      expect(occurrences(rrule, "1997-09-02T09:00:00")).toEqual(
        times(EDT, "1997-09-02", ["09:00", "12:00", "15:00"]),
      );
    },
  );

  // RFC 5545 says DTSTART "always counts as the first occurrence", and also that a set whose
  // DTSTART is not synchronised with the rule is undefined. This engine, like the `rrule` package
  // and python-dateutil, treats DTSTART as the anchor (time of day, phase of INTERVAL, default
  // BY parts) and counts it only when it matches the rule. The product stores "every Friday at
  // 2 PM" with whatever day the user said it, so a Saturday dtstart must not make a Saturday
  // task; COUNT counts matching occurrences only. The RFC's own Friday-the-13th example needs
  // EXDATE to get the same result.
  test("a DTSTART that does not match the rule is not an occurrence, so the Friday-13th example needs no EXDATE", () => {
    const [first] = occurrences("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "1997-09-02T09:00:00", 1);
    expect(first).toBe("1998-02-13T09:00-05:00");
  });

  test("COUNT counts only occurrences that match the rule, not an unsynchronised DTSTART", () => {
    expect(occurrences("FREQ=WEEKLY;BYDAY=FR;COUNT=2", "1997-09-02T09:00:00")).toEqual(
      on(EDT, 1997, 9, [5, 12]),
    );
  });
});
