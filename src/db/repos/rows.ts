/** Reading the rows a statement returned where exactly one is expected. */

/**
 * The one row of an insert or update `returning()`. Its absence is a bug (an update of a row that
 * is not there), never something a person did, so it throws with the statement's name.
 */
export function theRow<T>(rows: readonly T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`${what}: no row`);
  return row;
}
