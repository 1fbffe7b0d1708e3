// Word error rate: word-level edit distance (substitutions + deletions + insertions) over reference length.
export function wordErrorRate(reference: readonly string[], hypothesis: readonly string[]): number {
  const prev = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= hypothesis.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return reference.length === 0 ? 0 : prev[hypothesis.length] / reference.length;
}
