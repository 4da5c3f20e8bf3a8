// How every benchmark writes its figures in docs/benchmarks.md and docs/reliability.md.

/** A number with thousands separators and a fixed number of decimals ("1,234.5"). */
export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A goal's mark. */
export const pass = (ok: boolean) => (ok ? '✅' : '❌');
