import {
  floatingFrom,
  instantFromFloating,
  instantIn,
  isKnownZone,
  isoDayIn,
  midnightIn,
  wallClockIn,
} from '../src/core/dates';

const OVERSEAS = [
  'Europe/Paris',
  'Indian/Reunion',
  'Indian/Mayotte',
  'America/Cayenne',
  'America/Martinique',
  'Pacific/Noumea',
  'Etc/GMT',
];

describe('the script runs in Europe/Paris (jest globalSetup, as appsscript.json)', () => {
  it('has the Paris offsets', () => {
    expect(new Date(2008, 0, 15).getTimezoneOffset()).toBe(-60);
    expect(new Date(2008, 6, 15).getTimezoneOffset()).toBe(-120);
  });
});

describe('calendar days in a zone', () => {
  it.each([
    ['Europe/Paris', '2008-02-01', '2008-01-31T23:00:00.000Z'],
    ['Europe/Paris', '2008-07-01', '2008-06-30T22:00:00.000Z'],
    ['Indian/Reunion', '2008-02-01', '2008-01-31T20:00:00.000Z'],
    ['America/Cayenne', '2008-02-01', '2008-02-01T03:00:00.000Z'],
    ['America/Martinique', '2008-12-31', '2008-12-31T04:00:00.000Z'],
    ['Pacific/Noumea', '2008-02-01', '2008-01-31T13:00:00.000Z'],
    ['Etc/GMT', '2006-12-31', '2006-12-31T00:00:00.000Z'],
  ])('%s: %s starts at %s', (zone, day, instant) => {
    expect(midnightIn(day, zone)?.toISOString()).toBe(instant);
    expect(isoDayIn(new Date(instant), zone)).toBe(day);
  });

  it('finds the day of an instant on both sides of midnight', () => {
    const instant = new Date('2008-03-11T21:30:00Z');
    expect(isoDayIn(instant, 'Etc/GMT')).toBe('2008-03-11');
    expect(isoDayIn(instant, 'Indian/Reunion')).toBe('2008-03-12');
    expect(isoDayIn(instant, 'America/Cayenne')).toBe('2008-03-11');
  });

  it('refuses a day that does not exist', () => {
    expect(midnightIn('2008-02-30', 'Europe/Paris')).toBeNull();
    expect(midnightIn('12/03/2008', 'Europe/Paris')).toBeNull();
  });

  it('knows the zones of the French overseas contracts', () => {
    for (const zone of OVERSEAS) expect(isKnownZone(zone)).toBe(true);
    expect(isKnownZone('Mars/Olympus')).toBe(false);
  });
});

describe('across DST changes', () => {
  it('gives 23 and 25 hour days in Paris', () => {
    const hours = (a: string, b: string) =>
      (midnightIn(b, 'Europe/Paris')!.getTime() - midnightIn(a, 'Europe/Paris')!.getTime()) / 3_600_000;
    expect(hours('2008-03-30', '2008-03-31')).toBe(23);
    expect(hours('2008-10-26', '2008-10-27')).toBe(25);
    expect(hours('2008-06-01', '2008-06-02')).toBe(24);
  });

  it('places a wall clock in the spring gap just after it, and the repeated hour on its first pass', () => {
    const wall = { year: 2008, month: 3, day: 30, hour: 2, minute: 30, second: 0 };
    expect(instantIn(wall, 'Europe/Paris').toISOString()).toBe('2008-03-30T01:30:00.000Z');
    const repeated = { year: 2008, month: 10, day: 26, hour: 2, minute: 30, second: 0 };
    expect(instantIn(repeated, 'Europe/Paris').toISOString()).toBe('2008-10-26T00:30:00.000Z');
  });

  it('finds a midnight that DST skips (São Paulo, 19 October 2008): the day starts at 01:00', () => {
    const start = midnightIn('2008-10-19', 'America/Sao_Paulo')!;
    expect(start.toISOString()).toBe('2008-10-19T03:00:00.000Z');
    expect(wallClockIn(start, 'America/Sao_Paulo')).toMatchObject({ day: 19, hour: 1 });
  });

  it('reads every day of 2008 back in every zone', () => {
    for (const zone of [...OVERSEAS, 'America/Sao_Paulo', 'Australia/Lord_Howe']) {
      for (let day = new Date(Date.UTC(2008, 0, 1)); day.getUTCFullYear() === 2008; ) {
        const iso = day.toISOString().slice(0, 10);
        expect(isoDayIn(midnightIn(iso, zone)!, zone)).toBe(iso);
        day = new Date(day.getTime() + 86_400_000);
      }
    }
  });
});

describe('floating dates: the wall clock of the sheet on the script side', () => {
  it.each(OVERSEAS)(
    '%s: a date cell reads as local midnight of the same day, and goes back unchanged',
    (zone) => {
      for (const iso of ['2008-02-01', '2008-03-30', '2008-10-26', '2008-12-31', '2006-12-31']) {
        const stored = midnightIn(iso, zone)!;
        const floating = floatingFrom(stored, zone);
        expect([
          floating.getFullYear(),
          floating.getMonth() + 1,
          floating.getDate(),
          floating.getHours(),
        ]).toEqual([Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)), 0]);
        expect(instantFromFloating(floating, zone).getTime()).toBe(stored.getTime());
      }
    },
  );

  it('keeps times, seconds and milliseconds, and a 29 February', () => {
    const stored = new Date('2008-02-29T10:15:42.250Z');
    const floating = floatingFrom(stored, 'Indian/Reunion');
    expect([floating.getDate(), floating.getMonth(), floating.getHours(), floating.getMinutes()]).toEqual([
      29, 1, 14, 15,
    ]);
    expect(floating.getMilliseconds()).toBe(250);
    expect(instantFromFloating(floating, 'Indian/Reunion').toISOString()).toBe(stored.toISOString());
  });

  it('keeps a time-only cell (30 December 1899) in a zone with a historical offset', () => {
    const stored = new Date('1899-12-30T14:00:00Z');
    for (const zone of OVERSEAS) {
      expect(instantFromFloating(floatingFrom(stored, zone), zone).getTime()).toBe(stored.getTime());
    }
  });
});
