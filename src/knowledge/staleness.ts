// Knowledge goes stale: support dates move and add-ons release. Past this age upshift says so once.
const STALE_AFTER_DAYS = 120;
const DAY_MS = 86_400_000;

/** A one-line warning when the knowledge base is older than 120 days on `today`, else undefined. */
export function stalenessWarning(knowledgeDate: string, today: string): string | undefined {
  const age = Math.floor((Date.parse(today) - Date.parse(knowledgeDate)) / DAY_MS);
  if (!(age > STALE_AFTER_DAYS)) return undefined;
  return `the knowledge base is dated ${knowledgeDate}, ${age} days ago: support dates and add-on releases may have changed since; update upshift or add current rows with --data FILE`;
}
