/** The flags of a `node --flag ... script.js` command line, in order ([] for another program). */
export function nodeFlagsOf(commandLine: string): string[] {
  const [program, ...words] = commandLine.trim().split(/\s+/);
  if (program !== 'node') return [];
  const flags: string[] = [];
  for (const word of words) {
    if (!word.startsWith('--')) break;
    flags.push(word);
  }
  return flags;
}
