/**
 * Slack's text rules in one place. Slack escapes `&`, `<` and `>` in what people type and reads
 * `<...>` in what we send as control sequences (`<!channel>`, `<@U1>`, `<url|label>`), so text
 * crosses the boundary escaped both ways. What a person typed is also kept from turning into
 * bold, italics, strike-through or code when we echo it back.
 */

/** `&`, `<`, `>` as Slack's entities: the only escaping Slack itself asks for. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Look-alikes for the mrkdwn formatting characters. A look-alike (rather than an invisible
 * joiner) is certain to defeat the formatter whatever Slack's word-boundary rules are, and a
 * reader sees the same text.
 */
const LOOK_ALIKES: Record<string, string> = {
  '*': '\u2217', // ASTERISK OPERATOR
  '~': '\u223C', // TILDE OPERATOR
  '`': '\u02CB', // MODIFIER LETTER GRAVE ACCENT
  _: '\u02CD', // MODIFIER LETTER LOW MACRON
};

/**
 * Text a person typed, made inert for mrkdwn: entities escaped, so no mention, broadcast or link
 * can form, and formatting characters swapped for look-alikes. An underscore between two letters
 * or digits (`jane_doe@example.com`) cannot start or end italics, so it is kept as typed and
 * addresses stay copyable.
 */
export function neutralizeUserText(text: string): string {
  const escaped = escapeMrkdwn(text);
  return escaped.replace(/[*~`_]/g, (char, offset: number, whole: string) => {
    if (char === '_' && isWordChar(whole[offset - 1]) && isWordChar(whole[offset + 1])) return char;
    return LOOK_ALIKES[char] ?? char;
  });
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/**
 * Slack sends `&`, `<` and `>` typed in a slash command as `&amp;`, `&lt;` and `&gt;`. One pass,
 * so a typed `&lt;` (sent as `&amp;lt;`) comes back as the four characters the person typed.
 */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_match, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  );
}

/**
 * Cuts mrkdwn to at most `max` characters with an ellipsis, never inside an entity (`&amp;`) or a
 * surrogate pair, so a cut can neither show a broken character nor leave a stray `&`.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const amp = text.lastIndexOf('&', end - 1);
  if (amp !== -1 && amp >= end - 5 && text.indexOf(';', amp) >= end) end = amp;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}\u2026`;
}

/**
 * Cuts plain text (buttons, headers, titles) to at most `max` UTF-16 units with an ellipsis,
 * never splitting a surrogate pair.
 */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}\u2026`;
}
