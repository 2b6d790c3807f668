/**
 * Asking for a job, an internship, a referral to a position or a shadowing place has no place in
 * an informational interview: it turns a conversation about their path into a favour, and people
 * who agreed to share advice feel used. These spot such requests among prepared questions and
 * offer an open question about the path instead, from templates (never a rewrite of the
 * student's sentence, which rarely comes out grammatical).
 */

/** What the request asks for. */
export type JobRequestKind = 'job' | 'internship' | 'referral' | 'shadowing';

/** Requests, not questions: "Could you...", "Can I...", "Is there any...", "I'd like...". */
const REQUEST_OPENING =
  /^(?:so,?\s+|also,?\s+|and\s+)?(?:(?:could|can|would|will|might)\s+(?:you|i|we)|(?:is|are)\s+(?:there|your|you)|do\s+you\s+(?:have|know\s+of|think\s+you\s+could)|does\s+your|any\b|i(?:'d| would)\s+(?:like|love)|please|may\s+i|is\s+it\s+possible)\b/iu;

const KINDS: readonly [JobRequestKind, RegExp][] = [
  ['referral', /\b(?:refer|recommend|put\s+in\s+a\s+(?:good\s+)?word|vouch)\b[^?]*\b(?:me|my)\b/iu],
  ['shadowing', /\bshadow(?:ing)?\b/iu],
  ['internship', /\bintern(?:ship)?s?\b|\bplacements?\b|\bco-?ops?\b/iu],
  [
    'job',
    /\b(?:jobs?|positions?|openings?|vacanc(?:y|ies)|hir(?:e|ing)|employ(?:ing|ment)?|a\s+role\s+for\s+me|work\s+for\s+you|my\s+(?:resume|cv)\s+to)\b/iu,
  ],
];

/** The kind of request `question` makes, or null when it is a question, not a request. */
export function detectJobRequest(question: string): JobRequestKind | null {
  const text = question.trim();
  if (!REQUEST_OPENING.test(text)) return null;
  for (const [kind, pattern] of KINDS) if (pattern.test(text)) return kind;
  return null;
}

/** Why the request does not belong in the conversation, per kind. */
const WHY: Record<JobRequestKind, string> = {
  job: 'That asks for a job. People agree to an informational interview to share what they know; asking for a job there puts them on the spot and can end the relationship before it starts.',
  internship:
    'That asks for an internship. An informational interview is for learning about the work, not for applying; ask how people get started instead, and apply through the usual channels.',
  referral:
    'That asks them to refer you for a position. An informational interview is for learning; referrals come later, from people who know your work. In this conversation, ask who else you could learn from.',
  shadowing:
    'That asks for a shadowing place: a big favour in a first informational interview. Ask what their days look like instead, and let them offer more if they want to.',
};

/** "at Unilever", "at Doctors Without Borders": the organization named in the request. */
const AT_ORG = /\bat\s+((?:[A-Z0-9][\w&.'’-]*)(?:\s+(?:[A-Z0-9][\w&.'’-]*|of|and|for|the|without|de|la))*)/u;

/** An open question about the path, per kind, naming the organization when one was given. */
function openQuestion(kind: JobRequestKind, org: string | undefined): string {
  const there = org ? ` at ${org}` : '';
  switch (kind) {
    case 'job':
      return `What does the path into work like yours${there} usually look like?`;
    case 'internship':
      return org
        ? `How do students usually get their first experience at ${org}?`
        : 'What kinds of experience helped the people you know get started in this field?';
    case 'referral':
      return 'Who else do you think I should talk to as I learn about this field?';
    case 'shadowing':
      return `What does a typical day look like for you${there}, and which parts would surprise an outsider?`;
  }
}

/** The warning and an open question to ask instead. */
export function jobRequestAdvice(kind: JobRequestKind, question: string): { why: string; instead: string } {
  const org = AT_ORG.exec(question)?.[1]?.replace(/[.?!,]+$/u, '');
  return { why: WHY[kind], instead: openQuestion(kind, org) };
}
