/**
 * CSV for spreadsheets. What people typed may start like a formula, and a spreadsheet would run
 * it when the file is opened (CSV injection); every text cell is defused here.
 */
import { stringify } from 'csv-stringify/sync';

/**
 * A typed name opened in a spreadsheet must not run as a formula (`=HYPERLINK(...)`): a leading
 * `=`, `+`, `-`, `@`, tab or carriage return gets a quote in front.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A CSV table with a header row, every text cell made `spreadsheetSafe`: the one writer of
 * Rapport's CSV files (`report`, the digest's attachment, a student's `export`). csv-stringify does the quoting.
 */
export function spreadsheetCsv(
  columns: readonly string[],
  records: readonly Record<string, string | number>[],
): string {
  return stringify(
    records.map((record) =>
      Object.fromEntries(
        Object.entries(record).map(([key, value]) => [
          key,
          typeof value === 'string' ? spreadsheetSafe(value) : value,
        ]),
      ),
    ),
    { header: true, columns: [...columns] },
  );
}
