/** A report file that cannot be used, with the JSON path of the problem. */
export class ReportFormatError extends Error {}

/** Throws a ReportFormatError: `where: what`. */
export function fail(where: string, what: string): never {
  throw new ReportFormatError(where ? `${where}: ${what}` : what);
}
