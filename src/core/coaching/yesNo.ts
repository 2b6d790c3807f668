/**
 * Closed (yes/no) questions end a conversation instead of opening it. These heuristics spot them
 * and propose an open way to ask the same thing. They look at the shape of the sentence only.
 */

const AUXILIARIES = new Set([
  'do',
  'does',
  'did',
  'is',
  'are',
  'was',
  'were',
  'can',
  'could',
  'will',
  'would',
  'should',
  'have',
  'has',
  'had',
  'may',
  'might',
  'must',
  'am',
  'shall',
]);

/** Negative contractions, with the auxiliary they stand for. */
const NEGATED: Record<string, string> = {
  "don't": 'do',
  "doesn't": 'does',
  "didn't": 'did',
  "isn't": 'is',
  "aren't": 'are',
  "wasn't": 'was',
  "weren't": 'were',
  "can't": 'can',
  cannot: 'can',
  "couldn't": 'could',
  "won't": 'will',
  "wouldn't": 'would',
  "shouldn't": 'should',
  "haven't": 'have',
  "hasn't": 'has',
  "hadn't": 'had',
  "mightn't": 'might',
  "mustn't": 'must',
  "shan't": 'shall',
};

/** "Could you tell me...", "Would you mind walking me through...": polite ways to open a topic. */
const POLITE_OPEN_PROMPT =
  /^(can|could|would|will)\s+you\s+(please\s+)?((kindly|briefly)\s+)?(tell|describe|walk|explain|share|talk|give\s+me\s+an?\s+(overview|sense|idea|example)|say\s+more|elaborate|expand|outline|help\s+me\s+understand)\b/i;
const MIND_PROMPT =
  /^(would|do)\s+you\s+mind\s+(telling|describing|walking|explaining|sharing|talking|giving)\b/i;

/** Openers that do not change the question: "So, ...", "I was wondering, ...". */
const FILLER =
  /^(so|and|but|also|ok|okay|well|now|then|just curious|i'?m curious|i was wondering|i wonder|quick question|one more thing)\b[\s,:;.!-]*/i;

/** The question to judge: the first sentence ending in "?", else the whole text, without openers. */
function coreQuestion(text: string): string {
  const cleaned = text.replace(/[\u2018\u2019]/g, "'").trim();
  const sentences = cleaned.split(/(?<=[.!?])\s+/);
  let question = (sentences.find((sentence) => sentence.trim().endsWith('?')) ?? cleaned).trim();
  question = question.replace(/^["'(\s]+/, '');
  for (let previous = ''; previous !== question; ) {
    previous = question;
    question = question.replace(FILLER, '').trim();
  }
  return question;
}

const firstWord = (text: string): string => (text.match(/^[a-z']+/i)?.[0] ?? '').toLowerCase();

/**
 * True when `text` is a closed question: one that starts with an auxiliary verb ("Do you...",
 * "Is it true that...", "Have you ever..."), so a plain yes or no answers it. Polite open prompts
 * such as "Could you walk me through..." or "Can you tell me about..." are not closed.
 */
export function isYesNoQuestion(text: string): boolean {
  const question = coreQuestion(text);
  const word = firstWord(question);
  if (!AUXILIARIES.has(word) && !(word in NEGATED)) return false;
  const positive = word in NEGATED ? question.replace(/^[a-z']+/i, NEGATED[word]!) : question;
  return !POLITE_OPEN_PROMPT.test(positive) && !MIND_PROMPT.test(positive);
}

const BE_FORMS = 'is|are|was|were';
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'my',
  'your',
  'our',
  'their',
  'his',
  'her',
  'its',
  'this',
  'that',
  'not',
]);

type Rewrite = (match: RegExpMatchArray) => string | null;

/** Shapes of closed questions and an open way to ask each; the first that matches wins. */
const REWRITES: readonly [RegExp, Rewrite][] = [
  [/^is it true that (.+)$/i, (m) => `In your experience, how true is it that ${m[1]}?`],
  [
    /^(?:do|did) you (?:really )?think (?:that )?(.+)$/i,
    (m) => `What is your view on whether ${m[1]}, and why?`,
  ],
  [
    /^(do|did) you (?:really )?(?:like|enjoy|love) (.+)$/i,
    (m) => `What ${m[1]!.toLowerCase()} you enjoy most about ${m[2]!.replace(/\byour job\b/i, 'your work')}?`,
  ],
  [
    /^(do|did) you find (it|this|that|(?:the|your) \w+) (\w+)\b(.*)$/i,
    (m) => `How ${m[3]} ${m[1]!.toLowerCase()} you find ${m[2]}${m[4]}, and why?`,
  ],
  [
    /^(?:do|does|did) (?:you|one|i|we|people) (?:really )?(?:need|require) (.+)$/i,
    (m) => `How much does ${m[1]} matter in this field?`,
  ],
  [/^(?:do|did|have) you (?:have|had|got) any (.+)$/i, (m) => `What ${m[1]} would you share?`],
  [
    new RegExp(`^(${BE_FORMS}) there (much|many) (.+)$`, 'i'),
    (m) => `How ${m[2]!.toLowerCase()} ${m[3]} ${m[1]!.toLowerCase()} there?`,
  ],
  [
    new RegExp(`^(?:${BE_FORMS}) there (an?|one) (.+)$`, 'i'),
    (m) => `What does ${m[1]!.toLowerCase()} ${m[2]} look like?`,
  ],
  [
    new RegExp(`^(${BE_FORMS}) there (?:any |some )?(.+)$`, 'i'),
    (m) => `What ${m[2]} ${m[1]!.toLowerCase()} there?`,
  ],
  [/^is it possible (?:for \w+ )?to (.+)$/i, (m) => `What would it take to ${m[1]}?`],
  [
    new RegExp(`^(?:${BE_FORMS}) (?:it|this|that|you) (\\w+ing)\\b(.*)$`, 'i'),
    (m) => `What is it like ${m[1]}${m[2]}?`,
  ],
  [
    new RegExp(`^(${BE_FORMS}) (it|this|that|you|they) (\\w+)\\b(.*)$`, 'i'),
    (m) => {
      const [, be, subject, word, rest] = m;
      if (DETERMINERS.has(word!.toLowerCase()))
        return `What makes ${subject!.toLowerCase()} ${word}${rest}, or not?`;
      return `How ${word} ${be!.toLowerCase()} ${subject!.toLowerCase()}${rest}?`;
    },
  ],
  [/^(?:can|could) (?:i|you|one|someone|we|people) (.+)$/i, (m) => `What does it take to ${m[1]}?`],
  [
    /^should (?:i|we|someone|students|one) (.+)$/i,
    (m) => `In my position, how would you decide whether to ${m[1]}?`,
  ],
  [/^would you recommend (.+)$/i, (m) => `What would you tell someone considering ${m[1]}?`],
  [/^(?:would|will) you (.+)$/i, (m) => `How likely are you to ${m[1]}, and why?`],
  [/^(?:have|has) you (?:ever )?(.+)$/i, (m) => `When have you ${m[1]}, and what was it like?`],
  [/^do you (.+)$/i, (m) => `What is it like to ${m[1]}?`],
  [/^did you (.+)$/i, (m) => `How did you come to ${m[1]}?`],
  [/^(do|does|did|can|could|will|would|should) (.+)$/i, (m) => `How ${m[1]!.toLowerCase()} ${m[2]}?`],
];

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * An open way to ask a closed question ("Do you like your job?" becomes "What do you enjoy most
 * about your work?"), or null when `text` is not a yes/no question. The result carries the
 * person's own words, so show it as user text.
 */
export function suggestOpenRewrite(text: string): string | null {
  if (!isYesNoQuestion(text)) return null;
  let body = coreQuestion(text).replace(/[\s?!.]+$/, '');
  const word = firstWord(body);
  if (word in NEGATED) body = body.replace(/^[a-z']+/i, NEGATED[word]!);
  body = body.replace(/^(\w+ \w+) not /i, '$1 ');
  for (const [pattern, rewrite] of REWRITES) {
    const match = body.match(pattern);
    const rewritten = match ? rewrite(match) : null;
    if (rewritten) return capitalize(rewritten);
  }
  return `What is your take on this: ${body.charAt(0).toLowerCase()}${body.slice(1)}, and why?`;
}
