/**
 * Remembering counts: matching what came back from HotWax to the planned lines, expiring lines that never
 * came back, and the accuracy figures per store, class and period.
 *
 * Matching rule (docs/cycle-counts.md): a count result (item, location, day, variance) closes the open
 * line of the same item at the same location whose window holds the day: from the day the list was
 * planned to its count day plus the grace period. Several results for one line (the same count split over
 * rows) add up; the line's count day is the latest. A result with variance 0 is "counted, no difference".
 * A result that matches no open line (a count HotWax started itself, or one after its line expired) is
 * returned as unmatched and not recorded as a planned count.
 */
import { periodBounds, type IsoDay } from './days';
import type { AbcClass, CountPolicy } from './policy';

export interface OpenLine {
  lineId: string;
  countId: string;
  itemId: string;
  locationId: string;
  abcClass: AbcClass;
  unitCost: number;
  plannedOn: IsoDay;
  countDate: IsoDay;
  expiresAfter: IsoDay;
}

export interface CountResult {
  itemId: string;
  locationId: string;
  day: IsoDay;
  /** Counted minus systemic, in units; 0 = counted, no difference. */
  variance: number;
  /** HotWax variance ids (custcol_hwx_variance_id) behind it; empty for a no-difference row. */
  varianceIds: readonly string[];
}

export interface CountedLine {
  line: OpenLine;
  countedOn: IsoDay;
  variance: number;
  varianceIds: string[];
}

export interface MatchOutcome {
  counted: CountedLine[];
  unmatched: CountResult[];
}

const pairKey = (item: string, location: string): string => `${item}@${location}`;

export function matchCountResults(open: readonly OpenLine[], results: readonly CountResult[]): MatchOutcome {
  const byPair = new Map<string, OpenLine[]>();
  for (const l of open) {
    const key = pairKey(l.itemId, l.locationId);
    byPair.set(key, [...(byPair.get(key) ?? []), l]);
  }
  const counted = new Map<string, CountedLine>();
  const unmatched: CountResult[] = [];
  for (const r of results) {
    const line = (byPair.get(pairKey(r.itemId, r.locationId)) ?? [])
      .filter((l) => l.plannedOn <= r.day && r.day <= l.expiresAfter)
      .sort((a, b) => (a.countDate < b.countDate ? -1 : a.countDate > b.countDate ? 1 : 0))[0];
    if (!line) {
      unmatched.push(r);
      continue;
    }
    const prior = counted.get(line.lineId);
    if (prior) {
      prior.variance = Math.round((prior.variance + r.variance) * 1e6) / 1e6;
      prior.varianceIds.push(...r.varianceIds);
      if (r.day > prior.countedOn) prior.countedOn = r.day;
    } else {
      counted.set(line.lineId, { line, countedOn: r.day, variance: r.variance, varianceIds: [...r.varianceIds] });
    }
  }
  return { counted: [...counted.values()], unmatched };
}

/** "Counted, no difference" rows (item, location, day) as count results with variance 0. */
export function noDifferenceResults(rows: readonly { itemId: string; locationId: string; day: IsoDay }[]): CountResult[] {
  return rows.map((r) => ({ itemId: r.itemId, locationId: r.locationId, day: r.day, variance: 0, varianceIds: [] }));
}

export interface CountFigures {
  systemic: number;
  counted: number;
  variance: number;
  varianceValue: number;
  accurate: boolean;
}

/**
 * What a counted line records. NetSuite's on hand now already includes the count's adjustment, so the
 * counted quantity is the on hand now and the systemic quantity is that minus the variance [U: exact when
 * nothing else moved the item at the store between the adjustment and this run].
 */
export function countFigures(onHandNow: number, variance: number, unitCost: number, tolerancePercent: number): CountFigures {
  const counted = onHandNow;
  const systemic = Math.round((onHandNow - variance) * 1e6) / 1e6;
  const accurate = variance === 0 || Math.abs(variance) <= (Math.abs(systemic) * tolerancePercent) / 100;
  return { systemic, counted, variance, varianceValue: Math.round(variance * unitCost * 100) / 100, accurate };
}

/** Open lines whose window has passed on `today` (they expire and are due again). */
export function expiredLines(open: readonly OpenLine[], today: IsoDay): OpenLine[] {
  return open.filter((l) => l.expiresAfter < today);
}

export type CountStatus = 'PLANNED' | 'SENT' | 'COUNTED' | 'PARTLY_COUNTED' | 'EXPIRED';
export type LineStatus = 'PLANNED' | 'COUNTED' | 'EXPIRED';

/** A sent count's status from its lines: still SENT while any line is open. */
export function countStatus(lines: readonly LineStatus[]): CountStatus {
  if (lines.some((l) => l === 'PLANNED')) return 'SENT';
  const counted = lines.filter((l) => l === 'COUNTED').length;
  if (counted === lines.length) return 'COUNTED';
  return counted > 0 ? 'PARTLY_COUNTED' : 'EXPIRED';
}

export interface HistoryLine {
  itemId: string;
  abcClass: AbcClass;
  countDate: IsoDay;
  status: LineStatus;
  countedOn: IsoDay | null;
  accurate: boolean;
  varianceValue: number;
}

export interface PeriodStats {
  period: string;
  abcClass: AbcClass;
  planned: number;
  counted: number;
  expired: number;
  accurate: number;
  /** Items of the class at the store (the classification's population). */
  items: number;
  /** Of those, counted within their class's frequency as of the period's end (or today, for the current period). */
  coveredItems: number;
  /** null when the class has no items at the store: no coverage to speak of, not 0 %. */
  coveragePercent: number | null;
  /** null when nothing of the class was counted in the period: no accuracy to speak of, not 0 %. */
  accuracyPercent: number | null;
  /** Net variance value (counted - systemic, times cost) and its absolute sum. */
  varianceValue: number;
  absVarianceValue: number;
}

const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10000) / 100 : null);

/**
 * Per class, for the period of `asOf`: counts planned (lines whose count day is in the period), counted,
 * expired, accurate, variance value; coverage = items of the class counted within their frequency as of
 * `asOf` / items of the class; accuracy = accurate / counted.
 */
export function periodStats(period: string, asOf: IsoDay, lines: readonly HistoryLine[], population: ReadonlyMap<string, AbcClass>, lastCounted: ReadonlyMap<string, IsoDay>, policy: CountPolicy): PeriodStats[] {
  const { first, last } = periodBounds(period);
  const inPeriod = lines.filter((l) => l.countDate >= first && l.countDate <= last);
  return (['A', 'B', 'C'] as const).map((abcClass) => {
    const mine = inPeriod.filter((l) => l.abcClass === abcClass);
    const counted = mine.filter((l) => l.status === 'COUNTED');
    let items = 0;
    let covered = 0;
    for (const [itemId, cls] of population) {
      if (cls !== abcClass) continue;
      items += 1;
      const lastDay = lastCounted.get(itemId);
      if (lastDay !== undefined && lastDay <= asOf && Date.parse(asOf) - Date.parse(lastDay) < policy.frequencyDays[abcClass] * 86_400_000) covered += 1;
    }
    const accurate = counted.filter((l) => l.accurate).length;
    const sum = (f: (l: HistoryLine) => number): number => Math.round(counted.reduce((s, l) => s + f(l), 0) * 100) / 100;
    return {
      period,
      abcClass,
      planned: mine.length,
      counted: counted.length,
      expired: mine.filter((l) => l.status === 'EXPIRED').length,
      accurate,
      items,
      coveredItems: covered,
      coveragePercent: pct(covered, items),
      accuracyPercent: pct(accurate, counted.length),
      varianceValue: sum((l) => l.varianceValue),
      absVarianceValue: sum((l) => Math.abs(l.varianceValue)),
    };
  });
}
