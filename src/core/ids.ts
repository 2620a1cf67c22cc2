/** Action IDs: `${domain}-${NNN}`, stable once given, never reused while the row exists. */

/**
 * The next free ID of a domain: one more than the highest number among that domain's IDs (RU-7 and
 * RU-007 both count as 7), at least three digits. Unique only when computed from a fresh read taken
 * under the document lock, as every writer does.
 */
export function nextActionId(existingIds: Iterable<string>, domain: string): string {
  const pattern = new RegExp(`^${domain}-(\\d+)$`, 'i');
  let max = 0;
  for (const id of existingIds) {
    const m = pattern.exec(id.trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${domain}-${String(max + 1).padStart(3, '0')}`;
}
