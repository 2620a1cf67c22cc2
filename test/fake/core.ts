// Shared machinery of the fake: call log, strict proxies ("surfaces"), Apps Script-like exceptions.

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL';

/** Constructors used for the values the fake hands out (lets a node:vm context get its own Date/Error). */
export interface Realm {
  Date: DateConstructor;
  Error: ErrorConstructor;
}

export interface CallLog {
  /** Every counted call, in order, as 'ClassName.method'. */
  readonly log: string[];
  total(): number;
  /** Calls whose name starts with `prefix` (all calls without prefix): count('Range.getValues'), count('Range.'). */
  count(prefix?: string): number;
  byMethod(): Record<string, number>;
  reset(): void;
}

export interface SurfaceSpec {
  /** Runs before every method (after the call is logged): deleted sheet, closed document... */
  guard?: (method: string) => void;
  /** Plain data hidden behind the surface, retrieved with `internalOf`. */
  internal?: unknown;
  /** Not logged in the call log (Logger, console). */
  uncounted?: boolean;
  /** Writable bag of free properties (HtmlTemplate variables). */
  openProps?: Record<string, unknown>;
}

/**
 * Real Sheets' reading of `'abc` written into a cell formatted @ is not settled: the apostrophe may be
 * stripped (as in any other cell) or kept as a visible character. Tests pass under both.
 */
export type PlainTextApostrophe = 'stripped' | 'kept';

export interface FakeContext {
  readonly calls: CallLog & { record(name: string): void };
  readonly realm: Realm;
  readonly locale: string;
  /** The script's zone (Session.getScriptTimeZone): the one `new Date(y, m, d)` uses, the process's. */
  readonly timeZone: string;
  /** The spreadsheet's zone: typed dates are its midnights, dates display in it. */
  readonly spreadsheetTimeZone: string;
  /** How a plain-text (@) cell takes a string written with a leading apostrophe. */
  readonly plainTextApostrophe: PlainTextApostrophe;
  readonly userEmail: string;
  authMode: AuthMode;
  surface<T extends object>(className: string, members: T, spec?: SurfaceSpec): T;
  exception(message: string): Error;
  fakeError(message: string): Error;
  requireAuth(min: Exclude<AuthMode, 'NONE'>, what: string): void;
  newDate(time: number | Date): Date;
  nextId(prefix: string): string;
}

export function createCallLog(): FakeContext['calls'] {
  const log: string[] = [];
  return {
    log,
    record: (name) => {
      log.push(name);
    },
    total: () => log.length,
    count: (prefix = '') => log.reduce((n, name) => (name.startsWith(prefix) ? n + 1 : n), 0),
    byMethod: () => {
      const counts: Record<string, number> = {};
      for (const name of log) counts[name] = (counts[name] ?? 0) + 1;
      return counts;
    },
    reset: () => {
      log.length = 0;
    },
  };
}

// Properties that jest (pretty-format, equality), util.inspect and promise resolution probe on any object.
const PROBES = new Set([
  'then',
  'toJSON',
  'constructor',
  'asymmetricMatch',
  'nodeType',
  'nodeName',
  'tagName',
  'isEqualNode',
  'hasAttribute',
  'toAsymmetricMatcher',
  'sample',
  'valueOf',
  'inspect',
  'jasmineToString',
  '_isMockFunction',
  'getMockName',
  'mock',
]);

function isProbe(prop: string): boolean {
  return PROBES.has(prop) || prop.startsWith('@@') || prop.startsWith('$$');
}

const registry = new WeakMap<object, { className: string; internal: unknown }>();

export function classOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? registry.get(value)?.className : undefined;
}

/** Data behind a surface of the given class; throws like Apps Script on a wrong argument type. */
export function internalOf<T>(ctx: FakeContext, value: unknown, className: string, method: string): T {
  const entry = typeof value === 'object' && value !== null ? registry.get(value) : undefined;
  if (!entry || entry.className !== className) {
    throw ctx.exception(
      `The parameters (${describeArg(value)}) don't match the method signature for ${method}.`,
    );
  }
  return entry.internal as T;
}

export function describeArg(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'Object[]';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'object') return classOf(value) ?? 'Object';
  return typeof value;
}

export function createSurface<T extends object>(
  ctx: Pick<FakeContext, 'calls' | 'fakeError'>,
  className: string,
  members: T,
  spec: SurfaceSpec = {},
): T {
  const target = { ...members } as Record<string, unknown>;
  const wrapped = new Map<string, unknown>();
  const describe = () => className;
  const method = (prop: string, fn: (...args: unknown[]) => unknown) => {
    const name = `${className}.${prop}`;
    return (...args: unknown[]) => {
      if (!spec.uncounted) ctx.calls.record(name);
      spec.guard?.(prop);
      return fn(...args);
    };
  };
  const proxy = new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'symbol') return Reflect.get(t, prop);
      if (prop === 'toString') return describe;
      if (Object.hasOwn(t, prop)) {
        const value = t[prop];
        if (typeof value !== 'function') return value;
        if (!wrapped.has(prop)) wrapped.set(prop, method(prop, value as (...args: unknown[]) => unknown));
        return wrapped.get(prop);
      }
      if (spec.openProps) return spec.openProps[prop];
      if (isProbe(prop)) return undefined;
      throw ctx.fakeError(`${className}.${prop} n'existe pas`);
    },
    set(_t, prop, value) {
      if (spec.openProps && typeof prop === 'string' && !Object.hasOwn(target, prop)) {
        spec.openProps[prop] = value;
        return true;
      }
      throw ctx.fakeError(`${className}.${String(prop)} ne peut pas être assigné`);
    },
    // Jest's globals cleanup marks leaked globals with a symbol, then redefines or deletes their properties
    // at teardown: let it mark, ignore the rest (throwing here would fail the whole test file).
    defineProperty(t, prop, descriptor) {
      return typeof prop === 'symbol' ? Reflect.defineProperty(t, prop, descriptor) : true;
    },
    deleteProperty(t, prop) {
      return typeof prop === 'symbol' ? Reflect.deleteProperty(t, prop) : true;
    },
  });
  registry.set(proxy, { className, internal: spec.internal });
  return proxy as T;
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Apps Script rejects NaN/undefined/fractional coordinates with a signature error; the fake is stricter. */
export function assertInt(ctx: FakeContext, value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw ctx.fakeError(`${what} attend un entier, reçu ${describeArg(value)} (${String(value)})`);
  }
  return value;
}

export function assertString(ctx: FakeContext, value: unknown, what: string): string {
  if (typeof value !== 'string') {
    throw ctx.exception(
      `The parameters (${describeArg(value)}) don't match the method signature for ${what}.`,
    );
  }
  return value;
}

export function assertMatrix(ctx: FakeContext, value: unknown, what: string): unknown[][] {
  if (!Array.isArray(value) || !value.every((row) => Array.isArray(row))) {
    throw ctx.exception(
      `The parameters (${describeArg(value)}) don't match the method signature for ${what}.`,
    );
  }
  return value as unknown[][];
}

const AUTH_RANK: Record<AuthMode, number> = { NONE: 0, LIMITED: 1, FULL: 2 };

export interface ContextOptions {
  realm: Realm;
  locale: string;
  timeZone: string;
  spreadsheetTimeZone: string;
  plainTextApostrophe: PlainTextApostrophe;
  userEmail: string;
  authMode: AuthMode;
}

export function createContext(opts: ContextOptions): FakeContext {
  const calls = createCallLog();
  const counters = new Map<string, number>();
  const ctx: FakeContext = {
    calls,
    realm: opts.realm,
    locale: opts.locale,
    timeZone: opts.timeZone,
    spreadsheetTimeZone: opts.spreadsheetTimeZone,
    plainTextApostrophe: opts.plainTextApostrophe,
    userEmail: opts.userEmail,
    authMode: opts.authMode,
    surface: (className, members, spec) => createSurface(ctx, className, members, spec),
    exception: (message) => {
      const error = new opts.realm.Error(message);
      error.name = 'Exception';
      return error;
    },
    fakeError: (message) => new opts.realm.Error(`Fake Apps Script: ${message}`),
    requireAuth: (min, what) => {
      if (AUTH_RANK[ctx.authMode] < AUTH_RANK[min]) {
        throw ctx.exception(`You do not have permission to call ${what} (AuthMode.${ctx.authMode}).`);
      }
    },
    newDate: (time) => new opts.realm.Date(typeof time === 'number' ? time : time.getTime()),
    nextId: (prefix) => {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}${String(n).padStart(4, '0')}`;
    },
  };
  return ctx;
}
