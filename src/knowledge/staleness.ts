// Knowledge goes stale: support dates move, EKS ships new versions and add-ons release. Past this age upshift
// says so once, and names what may be missing: the EKS version that may have shipped since the knowledge date.
import { compareKubeVersions } from '../core/kube-version.js';
import type { Knowledge } from './load.js';

const STALE_AFTER_DAYS = 120;
const DAY_MS = 86_400_000;

/** The calendars the warning reads to name the next EKS version. */
export type StalenessCalendar = Pick<Knowledge, 'eks' | 'kubernetes'>;

/** A one-line warning when the knowledge base is older than 120 days on `today`, else undefined. */
export function stalenessWarning(knowledgeDate: string, today: string, calendar?: StalenessCalendar): string | undefined {
  const age = Math.floor((Date.parse(today) - Date.parse(knowledgeDate)) / DAY_MS);
  if (!(age > STALE_AFTER_DAYS)) return undefined;
  const missing = calendar ? missingEksVersion(knowledgeDate, today, calendar) : undefined;
  const what = missing ?? 'support dates and add-on releases may have changed since';
  return `the knowledge base is dated ${knowledgeDate}, ${age} days ago: ${what}; update upshift or add current rows with --data FILE`;
}

/**
 * "the newest EKS version it knows is 1.36: 1.37 (Kubernetes 1.37 was released 2026-08-26) may have come to EKS
 * since, and is not in it, nor are add-on releases and support-date changes after 2026-11-01".
 */
function missingEksVersion(knowledgeDate: string, today: string, calendar: StalenessCalendar): string | undefined {
  const newest = calendar.eks.versions.map((row) => row.version).sort(compareKubeVersions).at(-1);
  if (!newest) return undefined;
  const [major, minor] = newest.split('.').map(Number);
  const next = `${major}.${minor + 1}`;
  const upstream = calendar.kubernetes.versions.find((row) => row.version === next && row.releaseDate <= today);
  const why = upstream ? ` (Kubernetes ${next} was released ${upstream.releaseDate})` : '';
  return `the newest EKS version it knows is ${newest}: ${next}${why} may have come to EKS since and is not in it, nor are add-on releases and support-date changes after ${knowledgeDate}`;
}
