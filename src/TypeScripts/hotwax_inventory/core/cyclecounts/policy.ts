/**
 * The count policy admins maintain (HotWax Cycle Count Policy records): how often each class is counted,
 * how many lines a store counts at once, on which weekdays, how early the list is sent, how long the
 * store has to count it, and the classification settings. A record without a location is the default;
 * a record for a location overrides it field by field (an empty field falls back to the default).
 */
export type AbcClass = 'A' | 'B' | 'C';
export const CLASSES: readonly AbcClass[] = ['A', 'B', 'C'];

export interface CountPolicy {
  /** Days between counts of an item-location pair, per class. */
  frequencyDays: Record<AbcClass, number>;
  /** Lines per count list (one list per store and count day). 0: the store is not planned. */
  capacity: number;
  /** Weekdays the store counts, 0 = Sunday ... 6 = Saturday. */
  countDays: number[];
  /** Days between sending a list and its count day. */
  leadDays: number;
  /** Days after the count day that a line may still come back before it expires. */
  graceDays: number;
  /** Classification: consumption window in days. */
  windowDays: number;
  /** Classification: cumulative share of consumption value that is class A, then A+B (percent). */
  cutoffA: number;
  cutoffB: number;
  /** Accuracy: a count is accurate when |variance| <= tolerance % of the systemic quantity. */
  tolerancePercent: number;
}

export const DEFAULT_POLICY: CountPolicy = {
  frequencyDays: { A: 30, B: 90, C: 180 },
  capacity: 50,
  countDays: [1, 2, 3, 4, 5],
  leadDays: 0,
  graceDays: 2,
  windowDays: 90,
  cutoffA: 80,
  cutoffB: 95,
  tolerancePercent: 0,
};

/** A policy record as read: every value optional (empty fields fall back). */
export interface PolicyFields {
  frequencyA?: number | undefined;
  frequencyB?: number | undefined;
  frequencyC?: number | undefined;
  capacity?: number | undefined;
  countDays?: string | undefined;
  leadDays?: number | undefined;
  graceDays?: number | undefined;
  windowDays?: number | undefined;
  cutoffA?: number | undefined;
  cutoffB?: number | undefined;
  tolerancePercent?: number | undefined;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Weekdays from text such as 'Mon, Wed, Fri' or 'MONDAY|THURSDAY' (English names or 3-letter
 * abbreviations, any case, separated by commas, spaces, pipes or semicolons). Unknown words are problems.
 */
export function parseCountDays(text: string): { days: number[]; problems: string[] } {
  const days = new Set<number>();
  const problems: string[] = [];
  for (const word of text.split(/[\s,;|]+/).filter((w) => w !== '')) {
    const i = DAY_NAMES.indexOf(word.slice(0, 3).toLowerCase());
    if (i < 0 || (word.length > 3 && !['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][i]?.startsWith(word.toLowerCase()))) problems.push(`"${word}" is not a weekday`);
    else days.add(i);
  }
  return { days: [...days].sort((a, b) => a - b), problems };
}

export function formatCountDays(days: readonly number[]): string {
  return days.map((d) => (DAY_NAMES[d] ?? '?').replace(/^./, (c) => c.toUpperCase())).join(', ');
}

const wholeIn = (v: number | undefined, min: number, max: number): boolean => v !== undefined && Number.isInteger(v) && v >= min && v <= max;
const numberIn = (v: number | undefined, min: number, max: number): boolean => v !== undefined && Number.isFinite(v) && v >= min && v <= max;

/**
 * The policy for a store: the store's record over the default record over DEFAULT_POLICY. Out-of-range
 * values are ignored with a problem (the rest of the policy still applies), so one typo does not stop
 * every store.
 */
export function resolvePolicy(defaults: PolicyFields | undefined, store: PolicyFields | undefined): { policy: CountPolicy; problems: string[] } {
  const problems: string[] = [];
  const pick = (name: keyof PolicyFields, ok: (v: number | undefined) => boolean, fallback: number): number => {
    for (const [source, fields] of [
      ['store', store],
      ['default', defaults],
    ] as const) {
      const v = fields?.[name];
      if (v === undefined || typeof v === 'string') continue;
      if (ok(v)) return v;
      problems.push(`${source} policy: ${name} ${v} is out of range, ignored`);
    }
    return fallback;
  };
  const d = DEFAULT_POLICY;
  const policy: CountPolicy = {
    frequencyDays: {
      A: pick('frequencyA', (v) => wholeIn(v, 1, 3660), d.frequencyDays.A),
      B: pick('frequencyB', (v) => wholeIn(v, 1, 3660), d.frequencyDays.B),
      C: pick('frequencyC', (v) => wholeIn(v, 1, 3660), d.frequencyDays.C),
    },
    capacity: pick('capacity', (v) => wholeIn(v, 0, 5000), d.capacity),
    countDays: d.countDays,
    leadDays: pick('leadDays', (v) => wholeIn(v, 0, 60), d.leadDays),
    graceDays: pick('graceDays', (v) => wholeIn(v, 0, 60), d.graceDays),
    windowDays: pick('windowDays', (v) => wholeIn(v, 1, 730), d.windowDays),
    cutoffA: pick('cutoffA', (v) => numberIn(v, 0.01, 100), d.cutoffA),
    cutoffB: pick('cutoffB', (v) => numberIn(v, 0.01, 100), d.cutoffB),
    tolerancePercent: pick('tolerancePercent', (v) => numberIn(v, 0, 100), d.tolerancePercent),
  };
  if (policy.cutoffB < policy.cutoffA) {
    problems.push(`cut-off A+B ${policy.cutoffB}% is below cut-off A ${policy.cutoffA}%: using ${policy.cutoffA}% for both`);
    policy.cutoffB = policy.cutoffA;
  }
  for (const [source, fields] of [
    ['store', store],
    ['default', defaults],
  ] as const) {
    const text = fields?.countDays?.trim();
    if (!text) continue;
    const parsed = parseCountDays(text);
    problems.push(...parsed.problems.map((p) => `${source} policy: count days: ${p}`));
    if (parsed.days.length > 0) {
      policy.countDays = parsed.days;
      break;
    }
  }
  return { policy, problems };
}
