/** Choices for a partly typed option: the person's own contacts, or (staff) the organization's students. */
import type { AutocompleteChoice } from './api.js';
import type { Actor } from './command.js';
import { foldName } from './grammar/contactRef.js';
import type { RapportDeps } from './rapportDeps.js';
import { safeError } from './safeError.js';

const MAX_CHOICES = 25;

export async function autocompleteChoices(
  deps: RapportDeps,
  actor: Actor,
  source: 'contact' | 'student',
  partial: string,
): Promise<AutocompleteChoice[]> {
  const wanted = foldName(partial);
  try {
    return await deps.store.transaction(async (repos) => {
      if (source === 'contact') {
        const contacts = await repos.contacts.listByOwner(actor.personId);
        return contacts
          .filter(
            (c) => !wanted || foldName(c.name).includes(wanted) || `#${c.number}`.startsWith(partial.trim()),
          )
          .slice(0, MAX_CHOICES)
          .map((c) => ({
            name: `#${c.number} ${c.name}${c.company ? ` (${c.company})` : ''}`.slice(0, 100),
            value: `#${c.number}`,
          }));
      }
      if (actor.role === 'student') return [];
      const people = await repos.persons.listByOrg(actor.orgId);
      return people
        .filter(
          (p) =>
            p.role === 'student' &&
            p.id !== actor.personId &&
            (!wanted || foldName(p.displayName).includes(wanted)),
        )
        .slice(0, MAX_CHOICES)
        .map((p) => ({ name: p.displayName.slice(0, 100), value: `person:${p.id}` }));
    });
  } catch (error) {
    deps.logger?.error({ err: safeError(error), source }, 'autocomplete failed');
    return [];
  }
}
