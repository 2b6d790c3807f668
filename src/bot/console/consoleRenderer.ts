/**
 * Renders a core Reply as terminal text. Styling (bold, dim) is used only on a terminal; piped
 * output is plain. Text a person typed is printed as typed, less control characters, so a note
 * cannot move the cursor, clear the screen or recolour what follows.
 */
import {
  type Action,
  type Block,
  examplesList,
  type Inline,
  type Line,
  type Reply,
} from '../../core/reply.js';

export interface RenderOptions {
  /** ANSI styling: true only when the output is a terminal. */
  color: boolean;
}

const ESC = '\u001b';
const style = {
  bold: (text: string) => `${ESC}[1m${text}${ESC}[22m`,
  dim: (text: string) => `${ESC}[2m${text}${ESC}[22m`,
  cyan: (text: string) => `${ESC}[36m${text}${ESC}[39m`,
};

// Control sequences (CSI, OSC, and two-byte escapes) go whole, so no "[31m" residue is left.
const ANSI_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;
// C0 and C1 controls, DEL, and the bidirectional overrides that can make text read backwards.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text a person typed, safe to print: escapes and controls removed, line breaks and tabs as spaces. */
export function sanitizeUserText(text: string): string {
  return text
    .replace(ANSI_SEQUENCE, '')
    .replace(/\r\n|[\r\n\t]/g, ' ')
    .replace(CONTROL, '');
}

function renderInline(part: Inline, options: RenderOptions): string {
  if (typeof part === 'string') return part;
  if ('user' in part) return sanitizeUserText(part.user);
  if ('strong' in part) return options.color ? style.bold(part.strong) : part.strong;
  return options.color ? style.cyan(part.code) : part.code;
}

export function renderLine(line: Line, options: RenderOptions): string {
  return line.map((part) => renderInline(part, options)).join('');
}

/** Buttons cannot be clicked in a terminal: they are shown numbered, and typing the number presses one. */
export function renderActions(actions: readonly Action[], options: RenderOptions): string {
  const buttons = actions.map((action, index) => `[${index + 1}] ${action.label}`).join('  ');
  const hint = 'Type a number to press that button.';
  return `${buttons}\n${options.color ? style.dim(hint) : hint}`;
}

function renderBlock(block: Block, options: RenderOptions): string {
  switch (block.type) {
    case 'header':
      return options.color
        ? style.bold(block.text)
        : `${block.text}\n${'-'.repeat(Math.min(block.text.length, 60))}`;
    case 'text':
      return block.lines.map((line) => renderLine(line, options)).join('\n');
    case 'fields':
      return block.fields
        .map((field) => {
          const label = options.color ? style.bold(`${field.label}:`) : `${field.label}:`;
          return `${label} ${renderLine(field.value, options)}`;
        })
        .join('\n');
    case 'list': {
      const items = block.items.map((item) => `  • ${renderLine(item, options)}`);
      return (block.title === undefined ? items : [block.title, ...items]).join('\n');
    }
    case 'context':
      return block.lines
        .map((line) => {
          // Strip nested styling first: a dimmed line must not be cut short by a bold inside it.
          const text = renderLine(line, { color: false });
          return options.color ? style.dim(text) : text;
        })
        .join('\n');
    case 'actions':
      return block.actions.length === 0 ? '' : renderActions(block.actions, options);
    case 'divider':
      return '—'.repeat(20);
    case 'examples':
      return renderBlock(examplesList(block), options);
  }
}

/** The reply's blocks as terminal text (files are announced separately, once saved). */
export function renderReply(reply: Reply, options: RenderOptions): string {
  return reply.blocks
    .map((block) => renderBlock(block, options))
    .filter((text) => text !== '')
    .join('\n');
}

const FILE_KINDS: Record<string, string> = {
  'text/calendar': 'Calendar file',
  'text/csv': 'CSV file',
  'application/json': 'JSON file',
  'image/png': 'Image',
};

/** "Calendar file saved to data/files/meeting-jane-doe.ics" */
export function renderFileNotice(contentType: string, shownPath: string): string {
  const kind = FILE_KINDS[contentType.split(';')[0]?.trim() ?? ''] ?? 'File';
  return `${kind} saved to ${shownPath}`;
}
