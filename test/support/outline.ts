/** Heading levels read in document order that skip a level (an h2 followed by an h4), as « h2 → h4 ». */
export function skippedHeadingLevels(levels: number[]): string[] {
  return levels.flatMap((level, i) => {
    const before = i === 0 ? 0 : levels[i - 1]!;
    return level > before + 1 ? [`h${before} → h${level}`] : [];
  });
}
