/** The ids Rapport gives its rows (UUIDs), as they appear in button values and references. */
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const UUID = new RegExp(`^${UUID_PATTERN}$`, 'i');

/** Whether a text is a row id: checked before any look-up, so that typed text never reaches a uuid column. */
export const isUuid = (text: string): boolean => UUID.test(text);
