// Typed queries over the support calendar: where a version stands on a date, and which
// version a plain `--target`-less run should aim for.
import { compareKubeVersions } from '../core/kube-version.js';
import type { Knowledge } from './load.js';
import type { Platform } from '../core/inventory.js';

export type SupportStatus = 'upcoming' | 'standard' | 'extended' | 'ended';

export interface VersionSupport {
  version: string;
  status: SupportStatus;
  releaseDate: string;
  endOfStandardSupport: string;
  endOfExtendedSupport: string | null;
  /** Days to the end of the current phase; null once support has ended. */
  daysLeft: number | null;
  forecast: boolean;
}

const DAY_MS = 86_400_000;

/** "2026-11-21" in UTC, the calendar's own time zone. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether text is a day that exists, written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(date.getTime()) && isoDay(date) === text;
}

export function supportCalendar(knowledge: Knowledge, platform: Platform, at: string): VersionSupport[] {
  if (platform === 'eks') {
    return knowledge.eks.versions.map((row) =>
      supportOf(row.version, row.releaseDate, row.endOfStandardSupport, row.endOfExtendedSupport, Boolean(row.forecast), at),
    );
  }
  return knowledge.kubernetes.versions.map((row) =>
    supportOf(row.version, row.releaseDate, row.endOfLife, null, Boolean(row.forecast), at),
  );
}

function supportOf(
  version: string,
  releaseDate: string,
  endOfStandardSupport: string,
  endOfExtendedSupport: string | null,
  forecast: boolean,
  at: string,
): VersionSupport {
  // Support ends at the start of the end date (EKS bills extended support from that day).
  let status: SupportStatus;
  let phaseEnd: string | null;
  if (at < releaseDate) [status, phaseEnd] = ['upcoming', releaseDate];
  else if (at < endOfStandardSupport) [status, phaseEnd] = ['standard', endOfStandardSupport];
  else if (endOfExtendedSupport && at < endOfExtendedSupport) [status, phaseEnd] = ['extended', endOfExtendedSupport];
  else [status, phaseEnd] = ['ended', null];
  const daysLeft = phaseEnd === null ? null : Math.round((Date.parse(phaseEnd) - Date.parse(at)) / DAY_MS);
  return { version, status, releaseDate, endOfStandardSupport, endOfExtendedSupport, daysLeft, forecast };
}

/** The newest version in standard support on `at`: the default upgrade target. */
export function defaultTarget(knowledge: Knowledge, platform: Platform, at: string): string | undefined {
  return supportCalendar(knowledge, platform, at)
    .filter((entry) => entry.status === 'standard')
    .map((entry) => entry.version)
    .sort(compareKubeVersions)
    .at(-1);
}

/** The versions the calendar of `platform` lists, oldest first: the targets upshift can judge. */
export function knownVersions(knowledge: Knowledge, platform: Platform): string[] {
  const rows = platform === 'eks' ? knowledge.eks.versions : knowledge.kubernetes.versions;
  return rows.map((row) => row.version).sort(compareKubeVersions);
}

/** The newest version the calendar of `platform` lists. */
export function newestKnownVersion(knowledge: Knowledge, platform: Platform): string | undefined {
  return knownVersions(knowledge, platform).at(-1);
}
