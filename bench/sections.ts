/** Further benchmark sections (the dashboard pages); each returns Markdown lines. */
export interface BenchContext {
  work: string;
  template: string;
  slugs: string[];
  rounds: number;
  seconds: number;
  connections: number;
}

export async function extraSections(_context: BenchContext): Promise<string[]> {
  return [];
}
