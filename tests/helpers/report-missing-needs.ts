import { missingNeeds, missingReport } from './test-needs.js';

/** Vitest global setup: before any test, names what is missing from .ci/test-packages and how to install it. */
export default function reportMissingNeeds(): void {
  const report = missingReport(missingNeeds());
  if (report) process.stderr.write(`\n${report}\n`);
}
