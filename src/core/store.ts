/**
 * The unit of work: every repository bound to one transaction, and the Store that opens one.
 * `src/db/store.ts` implements it.
 */
import type { CohortRepository } from './cohorts/cohortPorts.js';
import type { DigestRepository } from './digest/digestPorts.js';
import type { NudgeRepository } from './nudges/nudgePorts.js';
import type {
  CodeRepository,
  CodeTryRepository,
  DirectoryRepository,
  OrganizationRepository,
  PersonRepository,
} from './people/peoplePorts.js';
import type {
  ContactChangeRepository,
  ContactDetailsRepository,
  ContactRepository,
  QuestionRepository,
  TimelineRepository,
} from './pipeline/contactPorts.js';
import type { MeetingRepository } from './pipeline/meetingPorts.js';
import type { OutcomeRepository } from './pipeline/outcomePorts.js';
import type { PlanningRepository } from './pipeline/planningPorts.js';

/** Everything a command may touch, bound to one transaction. */
export interface Repos {
  contacts: ContactRepository;
  /** A contact's change with its timeline (and meeting) in one statement. */
  contactChanges: ContactChangeRepository;
  /** What re-planning reads, in one statement. */
  planning: PlanningRepository;
  /** What a contact card shows, in one statement. */
  contactDetails: ContactDetailsRepository;
  timeline: TimelineRepository;
  questions: QuestionRepository;
  meetings: MeetingRepository;
  nudges: NudgeRepository;
  persons: PersonRepository;
  directory: DirectoryRepository;
  codes: CodeRepository;
  codeTries: CodeTryRepository;
  digest: DigestRepository;
  organizations: OrganizationRepository;
  cohorts: CohortRepository;
  outcomes: OutcomeRepository;
}

/** Each key of `Repos` once: a `Record`, so the compiler refuses a key missing or unknown. */
const REPO_KEY_SET: Record<keyof Repos, true> = {
  contacts: true,
  contactChanges: true,
  planning: true,
  contactDetails: true,
  timeline: true,
  questions: true,
  meetings: true,
  nudges: true,
  persons: true,
  directory: true,
  codes: true,
  codeTries: true,
  digest: true,
  organizations: true,
  cohorts: true,
  outcomes: true,
};

/** Every key of `Repos`, for checks at run time (a command's `uses`, see commandRepos.ts). */
export const REPO_KEYS = Object.keys(REPO_KEY_SET) as readonly (keyof Repos)[];

export interface Store {
  /** Runs `fn` in one transaction: it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` outside a transaction, each statement on its own: only for work whose statements
   * need not be atomic together (a lookup). It saves the BEGIN and COMMIT round trips.
   */
  direct<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
}
