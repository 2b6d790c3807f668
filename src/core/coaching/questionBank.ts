/**
 * Open-ended questions a student can borrow, grouped by what they help find out. The wording is
 * ours; the themes follow what informational interviews are good for.
 */

/** Themes of the question bank, in the order suggestions follow. */
export const QUESTION_THEMES = ['typical_day', 'path', 'skills', 'rewards', 'personality', 'advice'] as const;
/** What a question helps the student find out. */
export type QuestionTheme = (typeof QUESTION_THEMES)[number];

/** Short human names of the themes. */
export const QUESTION_THEME_LABELS: Record<QuestionTheme, string> = {
  typical_day: 'A typical day',
  path: 'Their path into the field',
  skills: 'Skills and education',
  rewards: 'Rewards and challenges',
  personality: 'Who does well',
  advice: 'Advice and who else to talk to',
};

/** Suggested open-ended questions, by theme, best first. */
export const QUESTION_BANK: Record<QuestionTheme, readonly string[]> = {
  typical_day: [
    'What does an ordinary working week look like for you?',
    'How do you spend most of your time on a normal day?',
    'Which tasks take up the biggest share of your day?',
    'Who do you work with most closely from day to day, and how?',
    'What part of your daily work would surprise someone outside the field?',
  ],
  path: [
    'How did you end up in this line of work?',
    'What steps led you to the role you have now?',
    'What was your first job in this field, and how did you find it?',
    'If you were starting out today, what path would you take?',
  ],
  skills: [
    'Which skills matter most for doing this work well?',
    'What education or training has been most useful to you?',
    'How much does a graduate degree or a certification matter in this field?',
    'What kind of experience helps a newcomer stand out?',
    'What could I start learning now to prepare?',
  ],
  rewards: [
    'What do you find most rewarding about your work?',
    'What are the hardest parts of the job?',
    'What frustrates you most in this field, and how do you deal with it?',
    'How has the work changed since you started, for better or worse?',
  ],
  personality: [
    'What kind of person tends to thrive in this field?',
    'Which personal qualities help people succeed here?',
    'Who tends to struggle in this work, and why?',
    'How would you describe the culture where you work?',
  ],
  advice: [
    'What advice would you give someone exploring this field?',
    'Who else do you think I should talk to?',
    'Which resources, groups or events would you recommend?',
    'What do you wish someone had told you when you were starting out?',
    'How would you suggest I keep learning about the field?',
  ],
};

/** Words that show a question already covers a theme. */
const THEME_PATTERNS: Record<QuestionTheme, RegExp> = {
  typical_day:
    /\b(typical(ly)?|ordinary|normal day|days?|daily|week|weekly|routine|schedule|hours|tasks?|spend (most of )?your time|work with)\b/i,
  path: /\b(path|led you|started|starting out|start out|get into|got into|end(ed)? up|first job|background|journey|career change|how did you (get|become|find|decide))\b/i,
  skills:
    /\b(skills?|education|degree|training|certifications?|qualifications?|learn(ing)?|courses?|master'?s|experience)\b/i,
  rewards:
    /\b(rewards?|rewarding|enjoy\w*|like (most|best|least)|love|satisf\w*|challeng\w*|hard(est)?|difficult\w*|frustrat\w*|stress\w*|downsides?|changed)\b/i,
  personality:
    /\b(personality|kind of person|type of person|traits?|qualities|thrive|succeed|struggle|culture|good fit|fit in)\b/i,
  advice: /\b(advice|advise|recommend\w*|suggest\w*|who else|talk to|resources?|wish (someone|you)|tips?)\b/i,
};

/** The themes a question touches, in QUESTION_THEMES order (possibly none). */
export function questionThemes(text: string): QuestionTheme[] {
  return QUESTION_THEMES.filter((theme) => THEME_PATTERNS[theme].test(text));
}

/** A question picked from the bank, with the theme it covers. */
export interface SuggestedQuestion {
  theme: QuestionTheme;
  text: string;
}

const normalize = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Up to `count` bank questions the student has not asked yet, themes not yet covered by
 * `existing` first, then one more per theme in turn. The same input always gives the same list.
 */
export function suggestQuestions(existing: readonly string[], count: number): SuggestedQuestion[] {
  if (!Number.isFinite(count) || count <= 0) return [];
  const covered = new Set(existing.flatMap(questionThemes));
  const asked = new Set(existing.map(normalize));
  const order = [
    ...QUESTION_THEMES.filter((theme) => !covered.has(theme)),
    ...QUESTION_THEMES.filter((theme) => covered.has(theme)),
  ];
  const queues = order.map((theme) => ({
    theme,
    texts: QUESTION_BANK[theme].filter((text) => !asked.has(normalize(text))),
  }));
  const picked: SuggestedQuestion[] = [];
  for (let round = 0; picked.length < count; round += 1) {
    const inRound = queues.filter((queue) => round < queue.texts.length);
    if (inRound.length === 0) break;
    for (const queue of inRound) {
      if (picked.length >= count) break;
      picked.push({ theme: queue.theme, text: queue.texts[round]! });
    }
  }
  return picked;
}
