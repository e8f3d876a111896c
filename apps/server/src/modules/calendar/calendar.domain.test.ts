import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  buildCalendar,
  businessDate,
  DEFAULT_LIGHT_THRESHOLDS,
  endOfBusiness,
  isWorkingDay,
  shanghaiDate,
  trafficLight,
  workingDaysBetween,
  workingDaysLeft,
  yearsNotCovered,
} from './calendar.domain';
import { chineseDaysRows } from './calendar.seed';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An instant given in Shanghai wall-clock time, e.g. `sh('2025-09-30T10:00')`. */
const sh = (local: string): Date => new Date(`${local}:00+08:00`);
const plus = (instant: Date, ms: number): Date => new Date(instant.getTime() + ms);

const seed = chineseDaysRows();
// The official calendar plus one company-specific day off.
const cal = buildCalendar([...seed.rows, { date: '2025-12-31', kind: 'holiday' }], seed.coveredYears);

describe('chinese-days seed', () => {
  it('covers the years the package has data for, and not 2027', () => {
    expect(seed.coveredYears[0]).toBe(2004);
    expect(seed.coveredYears.at(-1)).toBe(2026);
    expect(seed.coveredYears).toHaveLength(2026 - 2004 + 1);
    expect(seed.coveredYears).not.toContain(2027);
  });

  it('turns the 2025 National Day (with Mid-Autumn) into weekday holidays and working weekends, named in Chinese', () => {
    const national = seed.rows.filter((r) => r.date >= '2025-09-27' && r.date <= '2025-10-12');
    expect(national).toEqual([
      { date: '2025-09-28', kind: 'workday', name: '国庆节' },
      { date: '2025-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-02', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-03', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-06', kind: 'holiday', name: '中秋' }, // Mid-Autumn fell inside the Golden Week
      { date: '2025-10-07', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-08', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-11', kind: 'workday', name: '国庆节' },
    ]);
  });

  it('produces only real overrides: holidays on weekdays, working days on weekends', () => {
    expect(seed.rows.length).toBeGreaterThan(300);
    for (const row of seed.rows) {
      const weekday = new Date(`${row.date}T00:00:00Z`).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      expect(weekend, row.date).toBe(row.kind === 'workday');
      expect(row.name, row.date).toMatch(/^[\u4e00-\u9fff0-9]+$/);
    }
  });
});

describe('isWorkingDay', () => {
  it('follows the 2025 National Day: 1–8 Oct off, Sun 28 Sep and Sat 11 Oct working', () => {
    for (let d = 1; d <= 8; d++) expect(isWorkingDay(cal, `2025-10-0${d}`), `Oct ${d}`).toBe(false);
    expect(isWorkingDay(cal, '2025-09-28')).toBe(true);
    expect(isWorkingDay(cal, '2025-10-11')).toBe(true);
    expect(isWorkingDay(cal, '2025-10-09')).toBe(true);
    expect(isWorkingDay(cal, '2025-09-27')).toBe(false); // an ordinary Saturday
    expect(isWorkingDay(cal, '2025-10-12')).toBe(false); // an ordinary Sunday
  });

  it('follows the 2026 Spring Festival: 15–23 Feb off, Sat 14 and Sat 28 Feb working', () => {
    for (let d = 15; d <= 23; d++) expect(isWorkingDay(cal, `2026-02-${d}`), `Feb ${d}`).toBe(false);
    expect(isWorkingDay(cal, '2026-02-13')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-24')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-28')).toBe(true);
  });

  it('lets a hand-written row override the weekday rule', () => {
    expect(isWorkingDay(cal, '2025-12-31')).toBe(false);
    expect(isWorkingDay(cal, '2025-12-30')).toBe(true);
  });

  it('uses only weekends in a year without data, but still honours explicit overrides there', () => {
    expect(isWorkingDay(cal, '2027-01-01')).toBe(true); // a Friday; New Year's Day is unknown for 2027
    expect(isWorkingDay(cal, '2027-01-02')).toBe(false);
    const handWritten = buildCalendar([{ date: '2027-01-01', kind: 'holiday' }], []);
    expect(isWorkingDay(handWritten, '2027-01-01')).toBe(false);
  });

  it('rejects malformed dates', () => {
    expect(() => isWorkingDay(cal, '2025-9-1')).toThrow(RangeError);
    expect(() => isWorkingDay(cal, '2025-02-30')).toThrow(RangeError);
    expect(() => buildCalendar([{ date: '2025/10/01', kind: 'holiday' }], [])).toThrow(RangeError);
  });
});

describe('Shanghai dates and ends of business', () => {
  it('puts midnight Shanghai at 16:00 UTC', () => {
    expect(shanghaiDate(new Date('2025-09-30T15:59:59.999Z'))).toBe('2025-09-30');
    expect(shanghaiDate(new Date('2025-09-30T16:00:00.000Z'))).toBe('2025-10-01');
  });

  it('agrees with the IANA Asia/Shanghai zone over 2000–2030 (fixed +8 h, no DST)', () => {
    const iana = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
    for (let ms = Date.UTC(2000, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 7 * HOUR + 13 * 60_000) {
      const instant = new Date(ms);
      if (shanghaiDate(instant) !== iana.format(instant)) expect(shanghaiDate(instant)).toBe(iana.format(instant));
    }
  });

  it('ends business at endHour Shanghai time', () => {
    expect(endOfBusiness('2025-10-09', 18).toISOString()).toBe('2025-10-09T10:00:00.000Z');
    expect(endOfBusiness('2025-10-09').toISOString()).toBe('2025-10-09T10:00:00.000Z');
    expect(endOfBusiness('2025-10-09', 17).toISOString()).toBe('2025-10-09T09:00:00.000Z');
    expect(endOfBusiness('2025-10-09', 24).toISOString()).toBe('2025-10-09T16:00:00.000Z');
    expect(() => endOfBusiness('2025-10-09', 25)).toThrow(RangeError);
    expect(() => endOfBusiness('2025-10-09', 17.5)).toThrow(RangeError);
  });

  it('moves an instant at or after endHour to the next business date', () => {
    expect(businessDate(sh('2025-09-22T17:59'))).toBe('2025-09-22');
    expect(businessDate(plus(sh('2025-09-22T18:00'), -1))).toBe('2025-09-22');
    expect(businessDate(sh('2025-09-22T18:00'))).toBe('2025-09-23');
    expect(businessDate(sh('2025-09-22T19:00'))).toBe('2025-09-23');
    expect(businessDate(sh('2025-09-22T17:30'), 17)).toBe('2025-09-23');
    expect(businessDate(sh('2025-09-22T23:59'), 24)).toBe('2025-09-22');
  });
});

describe('addWorkingDays', () => {
  it('skips the 2025 National Day', () => {
    const from = sh('2025-09-30T10:00');
    expect(addWorkingDays(cal, from, 1)).toEqual(sh('2025-10-09T18:00'));
    expect(addWorkingDays(cal, from, 2)).toEqual(sh('2025-10-10T18:00'));
    expect(addWorkingDays(cal, from, 3)).toEqual(sh('2025-10-11T18:00')); // the working Saturday
    expect(addWorkingDays(cal, from, 4)).toEqual(sh('2025-10-13T18:00'));
  });

  it('counts the working Sunday after an ordinary Saturday', () => {
    const from = sh('2025-09-27T10:00');
    expect(addWorkingDays(cal, from, 1)).toEqual(sh('2025-09-28T18:00'));
    expect(addWorkingDays(cal, from, 2)).toEqual(sh('2025-09-29T18:00'));
    expect(addWorkingDays(cal, from, 3)).toEqual(sh('2025-09-30T18:00'));
    expect(addWorkingDays(cal, from, 4)).toEqual(sh('2025-10-09T18:00'));
  });

  it('skips the 2026 Spring Festival, and workingDaysBetween measures it back', () => {
    const friday = sh('2026-02-13T10:00');
    expect(addWorkingDays(cal, friday, 1)).toEqual(sh('2026-02-14T18:00'));
    expect(addWorkingDays(cal, friday, 2)).toEqual(sh('2026-02-24T18:00'));
    // Saturday evening belongs to Sunday 15 Feb, the first day of the break.
    expect(addWorkingDays(cal, sh('2026-02-14T18:00'), 1)).toEqual(sh('2026-02-24T18:00'));
    expect(addWorkingDays(cal, sh('2026-02-14T17:00'), 1)).toEqual(sh('2026-02-24T18:00'));
    expect(addWorkingDays(cal, sh('2026-02-14T17:00'), 0)).toEqual(sh('2026-02-14T18:00'));
    expect(workingDaysBetween(cal, sh('2026-02-14T18:00'), sh('2026-02-24T18:00'))).toBe(1);
    expect(workingDaysBetween(cal, sh('2026-02-13T18:00'), sh('2026-02-24T18:00'))).toBe(2);
    expect(workingDaysBetween(cal, sh('2026-02-24T18:00'), sh('2026-02-13T18:00'))).toBe(-2);
  });

  it('treats work arriving after hours as arriving the next business day', () => {
    expect(addWorkingDays(cal, sh('2025-09-22T17:59'), 1)).toEqual(sh('2025-09-23T18:00'));
    expect(addWorkingDays(cal, sh('2025-09-22T18:00'), 1)).toEqual(sh('2025-09-24T18:00'));
    expect(addWorkingDays(cal, sh('2025-09-22T19:00'), 1)).toEqual(sh('2025-09-24T18:00'));
    // Friday evening belongs to Saturday: the first working day after it is Monday.
    expect(addWorkingDays(cal, sh('2025-09-19T19:00'), 1)).toEqual(sh('2025-09-22T18:00'));
  });

  it('takes the end of business hour as a parameter', () => {
    expect(addWorkingDays(cal, sh('2025-09-22T17:30'), 1, 17)).toEqual(sh('2025-09-24T17:00'));
    expect(addWorkingDays(cal, sh('2025-09-22T16:30'), 1, 17)).toEqual(sh('2025-09-23T17:00'));
    expect(addWorkingDays(cal, sh('2025-09-22T23:00'), 1, 24)).toEqual(sh('2025-09-24T00:00'));
  });

  it('with n = 0 returns the end of the current or next working day', () => {
    expect(addWorkingDays(cal, sh('2025-09-30T10:00'), 0)).toEqual(sh('2025-09-30T18:00'));
    expect(addWorkingDays(cal, sh('2025-09-27T10:00'), 0)).toEqual(sh('2025-09-28T18:00'));
    expect(addWorkingDays(cal, sh('2025-10-01T10:00'), 0)).toEqual(sh('2025-10-09T18:00'));
    expect(addWorkingDays(cal, sh('2025-09-30T18:00'), 0)).toEqual(sh('2025-10-09T18:00'));
  });

  it('falls back to weekends only in 2027 and reports the gap', () => {
    const from = sh('2026-12-31T10:00');
    const deadline = addWorkingDays(cal, from, 1);
    expect(deadline).toEqual(sh('2027-01-01T18:00'));
    expect(addWorkingDays(cal, from, 2)).toEqual(sh('2027-01-04T18:00'));
    expect(yearsNotCovered(cal, from, deadline)).toEqual([2027]);
    expect(yearsNotCovered(cal, from, sh('2026-12-31T18:00'))).toEqual([]);
  });

  it('rejects a negative or fractional n and a bad endHour', () => {
    const from = sh('2025-09-30T10:00');
    expect(() => addWorkingDays(cal, from, -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, from, 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, from, 1, -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts one 24-hour window per working day', () => {
    expect(workingDaysBetween(cal, sh('2025-09-22T18:00'), sh('2025-09-23T18:00'))).toBe(1);
    expect(workingDaysBetween(cal, sh('2025-09-22T18:00'), sh('2025-09-23T06:00'))).toBe(0.5);
    expect(workingDaysBetween(cal, sh('2025-09-22T10:00'), sh('2025-09-22T16:00'))).toBe(0.25);
    expect(workingDaysBetween(cal, sh('2025-09-22T18:00'), sh('2025-09-29T18:00'))).toBe(6); // incl. working Sun 28
  });

  it('counts nothing for weekends and holidays', () => {
    expect(workingDaysBetween(cal, sh('2025-09-12T18:00'), sh('2025-09-15T18:00'))).toBe(1); // Fri → Mon
    expect(workingDaysBetween(cal, sh('2025-09-12T18:00'), sh('2025-09-14T18:00'))).toBe(0); // Sat and Sun
    expect(workingDaysBetween(cal, sh('2025-09-30T18:00'), sh('2025-10-08T18:00'))).toBe(0);
    expect(workingDaysBetween(cal, sh('2025-09-30T18:00'), sh('2025-10-09T18:00'))).toBe(1);
    expect(workingDaysBetween(cal, sh('2025-09-29T18:00'), sh('2025-10-10T18:00'))).toBe(3);
    expect(workingDaysBetween(cal, sh('2025-09-30T12:00'), sh('2025-10-09T06:00'))).toBe(0.25 + 0.5);
  });

  it('is negative when b is before a, and exactly 0 for the same instant', () => {
    expect(workingDaysBetween(cal, sh('2025-10-10T18:00'), sh('2025-09-29T18:00'))).toBe(-3);
    expect(workingDaysBetween(cal, sh('2025-09-23T06:00'), sh('2025-09-22T18:00'))).toBe(-0.5);
    expect(Object.is(workingDaysBetween(cal, sh('2025-10-05T12:00'), sh('2025-10-03T12:00')), 0)).toBe(true);
    expect(workingDaysBetween(cal, sh('2025-09-22T10:00'), sh('2025-09-22T10:00'))).toBe(0);
  });

  it('moves the windows with endHour', () => {
    // With endHour 17 the Friday 17:00–18:00 hour belongs to Saturday's (empty) window.
    expect(workingDaysBetween(cal, sh('2025-09-12T17:00'), sh('2025-09-12T18:00'), 17)).toBe(0);
    expect(workingDaysBetween(cal, sh('2025-09-12T17:00'), sh('2025-09-12T18:00'), 18)).toBe(1 / 24);
    expect(workingDaysBetween(cal, sh('2025-09-12T17:00'), sh('2025-09-15T17:00'), 17)).toBe(1);
  });
});

describe('addWorkingDays and workingDaysBetween agree', () => {
  // The deadline grants n whole working days after the business date of `from`, plus whatever is left of that
  // business date if it is a working day: so n ≤ workingDaysBetween(from, deadline) ≤ n + 1.
  it('over two years of start instants and several n', () => {
    let checked = 0;
    for (
      let ms = sh('2025-01-01T00:00').getTime();
      ms < sh('2027-01-01T00:00').getTime();
      ms += 7 * HOUR + 13 * 60_000
    ) {
      const from = new Date(ms);
      const fromBusinessDate = businessDate(from);
      const todayCounts = isWorkingDay(cal, fromBusinessDate);
      const remainderOfToday = todayCounts ? (endOfBusiness(fromBusinessDate).getTime() - ms) / DAY : 0;
      for (const n of [1, 2, 3, 5, 10, 20]) {
        const deadline = addWorkingDays(cal, from, n);
        const deadlineDate = shanghaiDate(deadline);
        expect(deadline).toEqual(endOfBusiness(deadlineDate));
        expect(isWorkingDay(cal, deadlineDate)).toBe(true);

        // Exactly n working dates in (business date of from, deadline date], counted one date at a time.
        let workingDates = 0;
        for (let d = new Date(`${fromBusinessDate}T12:00:00+08:00`); shanghaiDate(d) < deadlineDate; ) {
          d = plus(d, DAY);
          if (isWorkingDay(cal, shanghaiDate(d))) workingDates++;
        }
        expect(workingDates).toBe(n);

        const between = workingDaysBetween(cal, from, deadline);
        expect(between).toBeGreaterThanOrEqual(n);
        expect(between).toBeLessThanOrEqual(n + 1);
        expect(between).toBeCloseTo(n + remainderOfToday, 9);
        expect(workingDaysBetween(cal, endOfBusiness(fromBusinessDate), deadline)).toBe(n);
        if (!todayCounts) expect(between).toBe(n);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('gives exactly n from an end of business when the next day is off, n + 1 when it is working', () => {
    expect(workingDaysBetween(cal, sh('2025-09-30T18:00'), addWorkingDays(cal, sh('2025-09-30T18:00'), 3))).toBe(3);
    expect(workingDaysBetween(cal, sh('2025-09-26T18:00'), addWorkingDays(cal, sh('2025-09-26T18:00'), 2))).toBe(2);
    expect(workingDaysBetween(cal, sh('2025-09-22T18:00'), addWorkingDays(cal, sh('2025-09-22T18:00'), 2))).toBe(3);
  });
});

describe('yearsNotCovered', () => {
  it('lists the uncovered Shanghai years touched by the range, in either order', () => {
    expect(yearsNotCovered(cal, sh('2025-01-01T00:00'), sh('2026-12-31T23:59'))).toEqual([]);
    // 16:30 UTC on 31 Dec is already 1 Jan in Shanghai.
    expect(yearsNotCovered(cal, sh('2026-06-01T00:00'), new Date('2026-12-31T16:30:00Z'))).toEqual([2027]);
    expect(yearsNotCovered(cal, sh('2028-01-05T00:00'), sh('2026-06-01T00:00'))).toEqual([2027, 2028]);
    expect(yearsNotCovered(cal, sh('2003-12-01T00:00'), sh('2004-01-05T00:00'))).toEqual([2003]);
  });
});

describe('trafficLight', () => {
  // Friday evening belongs to a Saturday, so the deadline 10 working days on leaves exactly 10 days of working
  // time: Mon 22 – Fri 26 Sep, Sun 28, Mon 29, Tue 30 Sep, then Thu 9 and Fri 10 Oct after the National Day.
  const start = sh('2025-09-19T18:00');
  const deadline = addWorkingDays(cal, start, 10);
  const light = (now: Date, d: Date = deadline) =>
    trafficLight(cal, { start, deadline: d, now }, DEFAULT_LIGHT_THRESHOLDS);

  it('has the deadline and total the examples rely on', () => {
    expect(deadline).toEqual(sh('2025-10-10T18:00'));
    expect(workingDaysBetween(cal, start, deadline)).toBe(10);
  });

  it('turns yellow at exactly 70 % used, stays green at 69 %', () => {
    const seventy = addWorkingDays(cal, start, 7);
    expect(workingDaysBetween(cal, start, seventy)).toBe(7);
    expect(light(seventy)).toBe('yellow');
    const sixtyNine = plus(addWorkingDays(cal, start, 6), 0.9 * DAY);
    expect(workingDaysBetween(cal, start, sixtyNine)).toBe(6.9);
    expect(light(sixtyNine)).toBe('green');
    expect(light(start)).toBe('green');
    expect(trafficLight(cal, { start, deadline, now: seventy }, { yellowUsedRatio: 0.8, yellowRemainingDays: 2 })).toBe(
      'green',
    );
  });

  it('turns yellow at exactly 2 working days remaining, stays green at 2.1', () => {
    const shortDeadline = addWorkingDays(cal, start, 5);
    const twoLeft = addWorkingDays(cal, start, 3); // used 3/5 = 60 %, below the ratio
    expect(workingDaysBetween(cal, twoLeft, shortDeadline)).toBe(2);
    expect(light(twoLeft, shortDeadline)).toBe('yellow');
    const twoPointOneLeft = plus(twoLeft, -0.1 * DAY); // used 58 %
    expect(light(twoPointOneLeft, shortDeadline)).toBe('green');
  });

  it('is red 1 ms past the deadline, not at the deadline itself', () => {
    expect(light(deadline)).toBe('yellow');
    expect(light(plus(deadline, 1))).toBe('red');
    expect(light(plus(deadline, 30 * DAY))).toBe('red');
  });

  it('is yellow, not a division by zero, when the deadline leaves no working time', () => {
    const saturday = sh('2025-09-27T10:00');
    const sameDay = sh('2025-09-27T12:00'); // Saturday: no working time between start and deadline
    expect(trafficLight(cal, { start: saturday, deadline: sameDay, now: saturday }, DEFAULT_LIGHT_THRESHOLDS)).toBe(
      'yellow',
    );
    expect(
      trafficLight(cal, { start: saturday, deadline: sameDay, now: plus(sameDay, 1) }, DEFAULT_LIGHT_THRESHOLDS),
    ).toBe('red');
    expect(trafficLight(cal, { start, deadline: start, now: start }, DEFAULT_LIGHT_THRESHOLDS)).toBe('yellow');
  });
});

describe('workingDaysLeft', () => {
  const deadline = endOfBusiness('2025-10-10');

  it('counts the working days from today up to the deadline, both included, over a holiday', () => {
    // Tue 30 Sep, then the National Day holiday (1–8 Oct), then Thu 9 and Fri 10 Oct.
    expect(workingDaysLeft(cal, sh('2025-09-30T10:00'), deadline)).toBe(3);
    // After the end of business the day is over: it belongs to 1 Oct.
    expect(workingDaysLeft(cal, sh('2025-09-30T19:00'), deadline)).toBe(2);
    // On the deadline's day, up to its last minute: 1 (a deadline at 18:00 sharp belongs to that day).
    expect(workingDaysLeft(cal, sh('2025-10-10T09:00'), deadline)).toBe(1);
    expect(workingDaysLeft(cal, sh('2025-10-10T17:59'), deadline)).toBe(1);
  });

  it('is negative past the deadline, counting adjusted working weekends, and 0 within the same day', () => {
    // Sat 11 Oct 2025 is a make-up working day; Sun 12 is not; Mon 13 is.
    expect(workingDaysLeft(cal, sh('2025-10-13T10:00'), deadline)).toBe(-2);
    expect(workingDaysLeft(cal, sh('2025-10-10T19:00'), deadline)).toBe(-1);
    expect(workingDaysLeft(cal, sh('2025-10-10T15:00'), sh('2025-10-10T12:00'))).toBe(0);
    expect(Object.is(workingDaysLeft(cal, sh('2025-10-10T15:00'), sh('2025-10-10T12:00')), -0)).toBe(false);
  });

  it('follows the weekend rule without a calendar, and another end of business', () => {
    const empty = buildCalendar([], []);
    expect(workingDaysLeft(empty, sh('2026-03-02T09:00'), endOfBusiness('2026-03-16'))).toBe(11);
    // With business ending at 17:00, 17:30 already belongs to the next day.
    expect(workingDaysLeft(empty, sh('2026-03-02T17:30'), endOfBusiness('2026-03-16', 17), 17)).toBe(10);
  });
});
