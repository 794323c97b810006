// A small text progress bar, readable in any client and by screen readers (the numbers
// are always written out next to it).

export function progressBar(done: number, total: number, width = 10): string {
  if (total <= 0) return '░'.repeat(width);
  const filled = Math.round((Math.min(done, total) / total) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

export function percent(done: number, total: number): number {
  return total <= 0 ? 0 : Math.floor((Math.min(done, total) / total) * 100);
}
