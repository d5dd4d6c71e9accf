/**
 * Row spans that merge consecutive rows of the same section into one cell, so a page
 * sorted in document order reads as groups: the first row of a run gets the run's
 * length, the others 0.
 */
export function sectionSpans(sections: readonly string[]): number[] {
  const spans = new Array<number>(sections.length).fill(0);
  let start = 0;
  for (let i = 1; i <= sections.length; i++) {
    if (i === sections.length || sections[i] !== sections[start]) {
      spans[start] = i - start;
      start = i;
    }
  }
  return spans;
}
