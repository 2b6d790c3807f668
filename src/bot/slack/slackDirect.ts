/**
 * Direct messages and files: the DM channel of a person (opened once, then remembered) and the
 * current upload API (`files.getUploadURLExternal`, the bytes to the upload URL, then
 * `files.completeUploadExternal` into the channel).
 */
import type { webApi } from '@slack/bolt';
import type { FileAttachment } from '../../core/reply.js';
import type { SlackMessage } from './slackRenderer.js';

type WebClient = webApi.WebClient;

/** Opens (or finds) the DM between the bot and a user; Slack answers with the same id each time. */
export async function openDm(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open answered without a channel id');
  return id;
}

/** The longest alt text Slack takes (`alt_txt_too_large` past it). */
const ALT_TEXT_MAX = 1000;
/** How long the bytes of one file may take to reach Slack's upload URL. */
const UPLOAD_TIMEOUT_MS = 30_000;

/**
 * Uploads files and shares them into a channel in one message; with `message`, its blocks are
 * that message's body, so text and files arrive together or not at all. Returns the file ids.
 *
 * The three steps by hand rather than WebClient's `filesUploadV2`: that one passes an image's
 * description as `alt_text`, and `files.getUploadURLExternal` reads `alt_txt`.
 */
export async function uploadFiles(
  client: WebClient,
  channelId: string,
  files: readonly FileAttachment[],
  message?: SlackMessage,
): Promise<string[]> {
  if (files.length === 0) return [];
  const uploaded: { id: string; title: string }[] = [];
  for (const file of files) {
    const bytes =
      typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
    const target = (await client.apiCall('files.getUploadURLExternal', {
      filename: file.filename,
      length: bytes.length,
      ...(file.altText ? { alt_txt: file.altText.slice(0, ALT_TEXT_MAX) } : {}),
    })) as { upload_url?: string; file_id?: string };
    if (!target.upload_url || !target.file_id)
      throw new Error('files.getUploadURLExternal gave no upload URL');
    const sent = await fetch(target.upload_url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    await sent.arrayBuffer();
    if (!sent.ok) throw new Error(`the file upload answered ${sent.status}`);
    uploaded.push({ id: target.file_id, title: file.title ?? file.filename });
  }
  const completed = await client.files.completeUploadExternal({
    files: uploaded as [{ id: string; title: string }],
    channel_id: channelId,
    ...(message ? { blocks: message.blocks } : {}),
  });
  return (completed.files ?? []).map((file) => file.id ?? '').filter((id) => id !== '');
}

/** Remembers each person's DM channel, so only the first message to them opens it. */
export class DmChannels {
  private readonly channels = new Map<string, string>();

  async channelFor(client: WebClient, teamId: string, userId: string): Promise<string> {
    const key = `${teamId}:${userId}`;
    const known = this.channels.get(key);
    if (known) return known;
    const id = await openDm(client, userId);
    this.channels.set(key, id);
    return id;
  }

  remember(teamId: string, userId: string, channelId: string): void {
    this.channels.set(`${teamId}:${userId}`, channelId);
  }

  forget(teamId: string, userId: string): void {
    this.channels.delete(`${teamId}:${userId}`);
  }
}
