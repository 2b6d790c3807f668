import type { Repos, Store } from '../core/store.js';
import type { Db } from './engine.js';
import { codeRepository } from './repos/codeRepository.js';
import { codeTryRepository } from './repos/codeTryRepository.js';
import { cohortRepository } from './repos/cohortRepository.js';
import { contactChangeRepository } from './repos/contactChangeRepository.js';
import { contactDetailsRepository } from './repos/contactDetailsRepository.js';
import { type ContactLists, contactRepository } from './repos/contactRepository.js';
import { digestRepository } from './repos/digestRepository.js';
import { directoryRepository } from './repos/directoryRepository.js';
import { type LatestMeetings, meetingRepository } from './repos/meetingRepository.js';
import { nudgeRepository } from './repos/nudgeRepository.js';
import { organizationRepository } from './repos/organizationRepository.js';
import { outcomeRepository } from './repos/outcomeRepository.js';
import { personRepository } from './repos/personRepository.js';
import { planningRepository } from './repos/planningRepository.js';
import { questionRepository } from './repos/questionRepository.js';
import { timelineRepository } from './repos/timelineRepository.js';

/** The repositories of core's ports, bound to one database handle (a transaction). */
export function reposFor(db: Db): Repos {
  // Contact lists read in this unit of work, shared by the repositories that can move contacts.
  const lists: ContactLists = new Map();
  // Contacts' latest meetings read in this unit of work, shared by the repositories that write meetings.
  const latest: LatestMeetings = new Map();
  const contactsMoved = () => {
    lists.clear();
    latest.clear();
  };
  return {
    contacts: contactRepository(db, lists),
    contactChanges: contactChangeRepository(db, lists, latest),
    planning: planningRepository(db),
    contactDetails: contactDetailsRepository(db),
    timeline: timelineRepository(db),
    questions: questionRepository(db),
    meetings: meetingRepository(db, latest),
    nudges: nudgeRepository(db),
    persons: personRepository(db, contactsMoved),
    directory: directoryRepository(db),
    codes: codeRepository(db),
    codeTries: codeTryRepository(db),
    digest: digestRepository(db),
    organizations: organizationRepository(db, contactsMoved),
    cohorts: cohortRepository(db),
    outcomes: outcomeRepository(db),
  };
}

export function createStore(db: Db): Store {
  return {
    transaction: (fn) => db.transaction((tx) => fn(reposFor(tx as unknown as Db))),
    direct: (fn) => fn(reposFor(db)),
  };
}
