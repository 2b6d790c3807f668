/**
 * Direct messages and files: the DM channel of a person (opened once, then remembered) and the
 * current upload API (`files.getUploadURLExternal`, the bytes to the upload URL, then
 * `files.completeUploadExternal` into the channel), which WebClient's `filesUploadV2` performs.
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

/**
 * Uploads files and shares them into a channel in one message; with `message`, its blocks are
 * that message's body, so text and files arrive together or not at all. Returns the file ids.
 */
export async function uploadFiles(
  client: WebClient,
  channelId: string,
  files: readonly FileAttachment[],
  message?: SlackMessage,
): Promise<string[]> {
  if (files.length === 0) return [];
  const result = (await client.filesUploadV2({
    channel_id: channelId,
    ...(message ? { blocks: message.blocks } : {}),
    file_uploads: files.map((file) => ({
      file: typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content),
      filename: file.filename,
      title: file.title ?? file.filename,
    })),
  })) as { files?: { files?: { id?: string }[] }[] };
  return (result.files ?? [])
    .flatMap((completed) => (completed.files ?? []).map((file) => file.id ?? ''))
    .filter((id) => id !== '');
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
