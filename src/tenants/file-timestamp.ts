/** A UTC timestamp safe in file names and sorting: 2026-11-22T15-04-05-123Z. */
export function fileTimestamp(date = new Date()): string {
  return date.toISOString().replace(/:/g, '-').replace('.', '-');
}
