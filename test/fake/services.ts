// LockService, PropertiesService, Session, Utilities, ScriptApp, Logger and console.

import { format } from 'node:util';
import { type BlobModel, bytesOf, createBlob, toSignedBytes } from './blob';
import { assertInt, assertString, type FakeContext, internalOf, isDate } from './core';
import { AuthModeEnum, Charset } from './enums';
import { unzipParts, type ZipPart } from './zip';

export function createUser(ctx: FakeContext, email: string): object {
  return ctx.surface('User', { getEmail: () => email }, { internal: { email } });
}

// ---------------------------------------------------------------- LockService

export interface LockLog {
  acquired: number;
  released: number;
  held(): boolean;
  /** While true, tryLock answers false and waitLock times out, as if another execution held the lock. */
  contention: boolean;
  /**
   * Locks the service answers null for: getDocumentLock is null outside a document (a script run from
   * the editor or as a web app); put 'script' too to model an environment with neither.
   */
  unavailable: ('document' | 'script')[];
}

export function createLockService(ctx: FakeContext): { service: object; locks: LockLog } {
  const heldKinds = new Set<string>();
  const locks: LockLog = {
    acquired: 0,
    released: 0,
    held: () => heldKinds.size > 0,
    contention: false,
    unavailable: [],
  };
  const acquire = (kind: string) => {
    heldKinds.add(kind);
    locks.acquired++;
  };
  const lock = (kind: string) =>
    ctx.surface('Lock', {
      waitLock: (timeout: unknown) => {
        assertInt(ctx, timeout, 'Lock.waitLock');
        if (locks.contention)
          throw ctx.exception('Lock timeout: another process was holding the lock for too long.');
        acquire(kind);
      },
      tryLock: (timeout: unknown) => {
        assertInt(ctx, timeout, 'Lock.tryLock');
        if (locks.contention) return false;
        acquire(kind);
        return true;
      },
      releaseLock: () => {
        if (heldKinds.delete(kind)) locks.released++;
      },
      hasLock: () => heldKinds.has(kind),
    });
  const service = ctx.surface('LockService', {
    getDocumentLock: () => (locks.unavailable.includes('document') ? null : lock('document')),
    getScriptLock: () => (locks.unavailable.includes('script') ? null : lock('script')),
    getUserLock: () => lock('user'),
  });
  return { service, locks };
}

// ---------------------------------------------------------------- PropertiesService

/** Test-side view of one property store. */
export interface PropertyStore {
  all(): Record<string, string>;
  set(key: string, value: string): void;
  clear(): void;
}

// Apps Script quotas: 9 KB per value, 500 KB per store.
const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;

export function createPropertiesService(ctx: FakeContext) {
  const stores = {
    document: new Map<string, string>(),
    user: new Map<string, string>(),
    script: new Map<string, string>(),
  };
  const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
  const toValue = (value: unknown) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw ctx.exception('Invalid argument: value');
  };
  const put = (store: Map<string, string>, key: unknown, value: unknown) => {
    const k = assertString(ctx, key, 'Properties.setProperty');
    const v = toValue(value);
    if (byteLength(v) > MAX_VALUE_BYTES) throw ctx.exception('Argument too large: value');
    store.set(k, v);
    let total = 0;
    for (const [kk, vv] of store) total += byteLength(kk) + byteLength(vv);
    if (total > MAX_STORE_BYTES) {
      store.delete(k);
      throw ctx.exception(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
  };
  const properties = (store: Map<string, string>): object => {
    const self: object = ctx.surface('Properties', {
      getProperty: (key: unknown) => store.get(assertString(ctx, key, 'Properties.getProperty')) ?? null,
      setProperty: (key: unknown, value: unknown) => {
        put(store, key, value);
        return self;
      },
      getProperties: () => Object.fromEntries(store),
      setProperties: (values: unknown, deleteAllOthers: unknown = false) => {
        if (typeof values !== 'object' || values === null)
          throw ctx.exception('Invalid argument: properties');
        if (deleteAllOthers) store.clear();
        for (const [k, v] of Object.entries(values)) put(store, k, v);
        return self;
      },
      deleteProperty: (key: unknown) => {
        store.delete(assertString(ctx, key, 'Properties.deleteProperty'));
        return self;
      },
      deleteAllProperties: () => {
        store.clear();
        return self;
      },
      getKeys: () => [...store.keys()],
    });
    return self;
  };
  const get = (store: Map<string, string>, what: string) => () => {
    ctx.requireAuth('LIMITED', `PropertiesService.${what}`);
    return properties(store);
  };
  const service = ctx.surface('PropertiesService', {
    getDocumentProperties: get(stores.document, 'getDocumentProperties'),
    getUserProperties: get(stores.user, 'getUserProperties'),
    getScriptProperties: get(stores.script, 'getScriptProperties'),
  });
  const view = (store: Map<string, string>): PropertyStore => ({
    all: () => Object.fromEntries(store),
    set: (k, v) => {
      store.set(k, v);
    },
    clear: () => store.clear(),
  });
  return {
    service,
    stores: { document: view(stores.document), user: view(stores.user), script: view(stores.script) },
  };
}

// ---------------------------------------------------------------- Session, ScriptApp

export function createSession(ctx: FakeContext): object {
  // Outside AuthMode.FULL, Apps Script withholds the user's email and answers ''.
  const user = () => createUser(ctx, ctx.authMode === 'FULL' ? ctx.userEmail : '');
  return ctx.surface('Session', {
    getActiveUser: user,
    getEffectiveUser: user,
    getScriptTimeZone: () => ctx.timeZone,
    getActiveUserLocale: () => ctx.locale.split('_')[0] ?? ctx.locale,
    getTemporaryActiveUserKey: () => 'fake-temporary-user-key',
  });
}

export function createScriptApp(ctx: FakeContext): object {
  return ctx.surface('ScriptApp', {
    AuthMode: AuthModeEnum,
    getScriptId: () => 'fake-script-id',
  });
}

// ---------------------------------------------------------------- Utilities

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

export function partsIn(date: Date, timeZone: string): DateParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: DAYS.findIndex((d) => d.startsWith(get('weekday'))),
  };
}

/**
 * The instant at which `timeZone` shows the wall clock (month 1–12): how Sheets turns a date typed in a
 * cell into the Date getValues returns (midnight in the spreadsheet's zone, not the script's).
 */
export function instantInZone(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const wall = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  wall.setUTCFullYear(year);
  const offset = (t: number) => {
    const p = partsIn(new Date(t), timeZone);
    const shown = new Date(Date.UTC(2000, p.month - 1, p.day, p.hour, p.minute, p.second));
    shown.setUTCFullYear(p.year);
    return shown.getTime() - Math.floor(t / 1000) * 1000;
  };
  const guess = wall.getTime() - offset(wall.getTime());
  return wall.getTime() - offset(guess);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The subset of java.text.SimpleDateFormat that matters here; other letters throw like Java does. */
function renderToken(token: string, p: DateParts, ms: number): string | null {
  const len = token.length;
  switch (token[0]) {
    case 'y':
      return len === 2 ? pad(p.year % 100, 2) : pad(p.year, len);
    case 'M':
      if (len >= 4) return MONTHS[p.month - 1] ?? '';
      if (len === 3) return (MONTHS[p.month - 1] ?? '').slice(0, 3);
      return pad(p.month, len);
    case 'd':
      return pad(p.day, len);
    case 'H':
      return pad(p.hour, len);
    case 'h':
      return pad(p.hour % 12 || 12, len);
    case 'm':
      return pad(p.minute, len);
    case 's':
      return pad(p.second, len);
    case 'S':
      return pad(ms, len);
    case 'E':
      return len >= 4 ? (DAYS[p.weekday] ?? '') : (DAYS[p.weekday] ?? '').slice(0, 3);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    default:
      return null;
  }
}

export function formatDate(ctx: FakeContext, date: unknown, timeZone: unknown, pattern: unknown): string {
  if (!isDate(date))
    throw ctx.exception("The parameters don't match the method signature for Utilities.formatDate.");
  const tz = assertString(ctx, timeZone, 'Utilities.formatDate');
  const pat = assertString(ctx, pattern, 'Utilities.formatDate');
  let parts: DateParts;
  try {
    parts = partsIn(date, tz);
  } catch {
    throw ctx.exception(`Invalid argument: timeZone ${tz}`);
  }
  const tokens = pat.match(/'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  return tokens
    .map((token) => {
      if (token.startsWith("'")) return token === "''" ? "'" : token.slice(1, -1).replace(/''/g, "'");
      if (!/^[A-Za-z]/.test(token)) return token;
      const out = renderToken(token, parts, date.getMilliseconds());
      if (out === null) throw ctx.exception(`Illegal pattern character '${token[0]}'`);
      return out;
    })
    .join('');
}

/** What Utilities.unzip does with bytes that are no zip at all: not documented, so both are modelled. */
export type UnzipOfNonZip = 'exception' | 'empty';

export function createUtilities(ctx: FakeContext, unzipOfNonZip: UnzipOfNonZip = 'exception'): object {
  let uuids = 0;
  const base64 = (data: unknown, webSafe: boolean) => {
    const text = Buffer.from(bytesOf(ctx, data, 'Utilities.base64Encode')).toString(
      webSafe ? 'base64url' : 'base64',
    );
    return webSafe ? text.padEnd(Math.ceil(text.length / 4) * 4, '=') : text;
  };
  const decode = (text: unknown) => {
    const clean = assertString(ctx, text, 'Utilities.base64Decode').replace(/\s/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) throw ctx.exception('Could not decode string.');
    return toSignedBytes(Buffer.from(clean, 'base64'));
  };
  const unzip = (blob: unknown) => {
    const model = internalOf<BlobModel>(ctx, blob, 'Blob', 'Utilities.unzip');
    let parts: ZipPart[] | null;
    try {
      parts = unzipParts(model.bytes);
    } catch {
      throw ctx.exception('Could not unzip the blob: the archive is damaged.');
    }
    if (parts === null && unzipOfNonZip === 'exception')
      throw ctx.exception('Could not unzip the blob: it is not a zip archive.');
    return (parts ?? []).map((part) =>
      createBlob(ctx, { bytes: part.bytes, contentType: null, name: part.name }),
    );
  };
  return ctx.surface('Utilities', {
    Charset,
    formatDate: (date: unknown, tz: unknown, pattern: unknown) => formatDate(ctx, date, tz, pattern),
    getUuid: () => {
      uuids++;
      return `00000000-0000-4000-8000-${pad(uuids, 12)}`;
    },
    newBlob: (data: unknown, contentType?: unknown, name?: unknown) =>
      createBlob(ctx, {
        bytes: bytesOf(ctx, data, 'Utilities.newBlob'),
        contentType:
          contentType === undefined || contentType === null
            ? null
            : assertString(ctx, contentType, 'newBlob'),
        name: name === undefined || name === null ? null : assertString(ctx, name, 'newBlob'),
      }),
    base64Encode: (data: unknown) => base64(data, false),
    base64EncodeWebSafe: (data: unknown) => base64(data, true),
    base64Decode: decode,
    base64DecodeWebSafe: decode,
    unzip,
    sleep: (ms: unknown) => {
      assertInt(ctx, ms, 'Utilities.sleep');
    },
  });
}

// ---------------------------------------------------------------- Logger, console

export interface LogEntry {
  level: string;
  message: string;
}

export function createLoggers(ctx: FakeContext, logs: LogEntry[]): { Logger: object; console: object } {
  const record =
    (level: string) =>
    (...args: unknown[]) => {
      logs.push({ level, message: format(...args) });
    };
  const logger: object = ctx.surface(
    'Logger',
    {
      log: (...args: unknown[]) => {
        record('Logger')(...args);
        return logger;
      },
      getLog: () =>
        logs
          .filter((l) => l.level === 'Logger')
          .map((l) => l.message)
          .join('\n'),
      clear: () => {
        logs.splice(0, logs.length, ...logs.filter((l) => l.level !== 'Logger'));
      },
    },
    { uncounted: true },
  );
  const timers = new Map<string, number>();
  const fakeConsole = ctx.surface(
    'console',
    {
      log: record('log'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
      debug: record('debug'),
      time: (label = 'default') => {
        timers.set(String(label), Date.now());
      },
      timeEnd: (label = 'default') => {
        const start = timers.get(String(label));
        timers.delete(String(label));
        logs.push({
          level: 'time',
          message: `${String(label)}: ${start === undefined ? 0 : Date.now() - start}ms`,
        });
      },
    },
    { uncounted: true },
  );
  return { Logger: logger, console: fakeConsole };
}
