/**
 * The terminal chat: a person types the Slack text form (`add Jane Doe at Figma`) and reads the
 * reply. Works interactively (a `rapport> ` prompt) and with piped input, which it handles one
 * line at a time, in order, and leaves cleanly at its end.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { RapportApi } from '../../core/api.js';
import type { Actor } from '../../core/command.js';
import type { Action, Reply } from '../../core/reply.js';
import type { Adapter } from '../adapter.js';
import { displayPath, saveReplyFiles } from './consoleFiles.js';
import type { ConsoleInbox } from './consoleNotifier.js';
import { renderFileNotice, renderReply } from './consoleRenderer.js';

export interface ConsoleLogger {
  error(obj: object, msg: string): void;
}

export interface ConsoleOptions {
  api: RapportApi;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Files from replies are saved under `<dataDir>/files/`. */
  dataDir: string;
  /** A person at a terminal: show the prompt. False for piped input. */
  interactive: boolean;
  /** ANSI styling; defaults to `interactive` when the output is a terminal. */
  color?: boolean;
  /** Defaults to the operating-system user name. */
  displayName?: string;
  logger?: ConsoleLogger;
  /** Aborting ends the session after the command in flight. */
  signal?: AbortSignal;
  /** Nudges the worker delivers to the console are printed here as they come due. */
  inbox?: ConsoleInbox;
}

export const CONSOLE_IDENTITY = {
  platform: 'console',
  spaceExternalId: 'local',
  spaceName: 'Local',
  externalUserId: 'local-user',
} as const;
const PROMPT = 'rapport> ';
const EXIT_WORDS = new Set(['exit', 'quit']);

function localUserName(): string {
  try {
    return userInfo().username || 'You';
  } catch {
    // userInfo() throws when the user id has no passwd entry (some containers).
    return 'You';
  }
}

export function banner(actor: Actor): string {
  return [
    'Rapport coaches you through informational interviews: who to talk to, how to prepare, when to follow up and say thanks.',
    `You are ${actor.displayName} (${actor.role}) in a local organization. Type "help" for the commands, "exit" to leave.`,
    'To use Rapport in Slack, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; in Discord, set DISCORD_TOKEN and DISCORD_APP_ID (see README.md).',
  ].join('\n');
}

/** The text after `/rapport`, for people who type the slash command out of habit. */
export function commandText(line: string): string {
  const match = /^\/rapport(?:\s+|$)/i.exec(line);
  if (!match) return line;
  const rest = line.slice(match[0].length).trim();
  return rest === '' ? 'help' : rest;
}

/** Runs one session; resolves when the person leaves, the input ends or `signal` aborts. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { api, input, output, interactive, signal } = options;
  const color = options.color ?? (interactive && (output as { isTTY?: boolean }).isTTY === true);
  const write = (text: string) => {
    output.write(`${text}\n`);
  };

  const identify = () =>
    api.identify({
      ...CONSOLE_IDENTITY,
      displayName: options.displayName ?? localUserName(),
    });
  let actor = await identify();
  write(`${banner(actor)}\n`);

  const rl = createInterface({ input, ...(interactive ? { output } : {}), prompt: PROMPT });
  let leaving = signal?.aborted === true;
  const leave = () => {
    leaving = true;
    rl.close();
  };
  // Without a listener, Ctrl+C at a terminal would only pause the input.
  rl.on('SIGINT', leave);
  signal?.addEventListener('abort', leave, { once: true });

  const show = async (reply: Reply): Promise<Action[]> => {
    const text = renderReply(reply, { color });
    if (text !== '') write(text);
    if (reply.files?.length) {
      try {
        for (const saved of await saveReplyFiles(reply.files, options.dataDir)) {
          write(renderFileNotice(saved.file.contentType, displayPath(saved.absolutePath)));
        }
      } catch (err) {
        options.logger?.error({ err }, 'Could not save a reply file');
        write(`Could not save the file under ${options.dataDir}/files: ${(err as Error).message}`);
      }
    }
    write('');
    return reply.blocks.flatMap((block) => (block.type === 'actions' ? block.actions : []));
  };

  let buttons: Action[] = [];
  // A nudge arriving between commands is printed at once; its buttons become the numbered ones.
  const stopListening = options.inbox?.listen((nudge) => {
    void show(nudge).then((actions) => {
      buttons = actions;
      if (interactive && !leaving) rl.prompt(true);
    });
  });
  try {
    if (!leaving && interactive) rl.prompt();
    for await (const raw of rl) {
      // Lines already buffered when the session was asked to end are not run.
      if (leaving) break;
      const line = raw.trim();
      if (EXIT_WORDS.has(line.toLowerCase())) break;
      if (line !== '') {
        const pressed = /^\d{1,2}$/.test(line) ? buttons[Number(line) - 1] : undefined;
        buttons = [];
        try {
          const reply = pressed
            ? await api.runAction(actor, pressed.id, pressed.value)
            : await api.runText(actor, commandText(line));
          buttons = await show(reply);
          // After forget-me the account is gone: the next command starts a fresh one.
          if (reply.accountDeleted) actor = await identify();
        } catch (err) {
          // The API answers every person's mistake with a Reply; an exception is our bug.
          options.logger?.error({ err }, 'Console command failed');
          write('Sorry, something went wrong on our side. Please try again.\n');
        }
      }
      if (leaving) break;
      if (interactive) rl.prompt();
    }
  } finally {
    stopListening?.();
    signal?.removeEventListener('abort', leave);
    rl.close();
    // Ctrl+C or Ctrl+D leave the cursor after the prompt: end that line before the goodbye logs.
    if (interactive) output.write('\n');
  }
}

/** The console as an Adapter: `onEnd` is told when the person leaves or the input ends. */
export function createConsoleAdapter(
  options: Omit<ConsoleOptions, 'signal'> & { onEnd: (error?: unknown) => void },
): Adapter {
  const controller = new AbortController();
  let session: Promise<void> | undefined;
  return {
    name: 'console',
    // The console needs no connection: it serves from start until the session ends.
    ready: () => session !== undefined && !controller.signal.aborted,
    async start() {
      session = runConsole({ ...options, signal: controller.signal }).then(
        () => options.onEnd(),
        (error: unknown) => options.onEnd(error),
      );
    },
    async stop() {
      controller.abort();
      await session;
    },
  };
}
