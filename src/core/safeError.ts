/**
 * An error as a log field without its message: database drivers quote the failed query's
 * parameters (what a person typed, note text included) and HTTP errors can quote bodies, so only
 * the type, the code and the stack frames are kept. Use it wherever an error is logged.
 */
export function safeError(error: unknown): { type: string; code?: string; frames?: string } {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 12)
    .join('\n');
  // drizzle wraps the driver's error; its cause carries the SQLSTATE code worth keeping.
  const causeCode = (error.cause as { code?: unknown } | undefined)?.code;
  const anyCode = typeof code === 'string' ? code : typeof causeCode === 'string' ? causeCode : undefined;
  return {
    type: error.constructor?.name ?? error.name,
    ...(anyCode ? { code: anyCode } : {}),
    ...(frames ? { frames } : {}),
  };
}
