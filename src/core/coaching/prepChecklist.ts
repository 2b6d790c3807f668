/**
 * What to do before and during an informational interview, in the product's own words. Shown by
 * the `scheduled` reply when the meeting is close and by the prepare nudge otherwise.
 */
export const PREP_CHECKLIST: readonly string[] = [
  'Read up on the field, the organization and the person you are meeting: their role, their path, what they work on.',
  'Write down 3 to 5 open-ended questions, the kind that cannot be answered with a plain yes or no.',
  'Keep your resume at hand, but offer it only if they ask to see it.',
  'Arrive 10 to 15 minutes early; for a call or a video chat, be ready a few minutes before the start.',
  'After thanking them, remind them why you asked for this conversation and why you chose them.',
  'Say it plainly: you came for information and advice, not to ask for a job.',
  'Before you wrap up, ask who else they think you should talk to.',
  'Keep to the time you agreed on, usually 20 to 30 minutes, unless they offer more.',
  'Take notes as you go.',
  'Ask whether you may stay in touch and let them know how things turn out.',
];
