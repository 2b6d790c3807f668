import { describe, expect, it } from 'vitest';
import { DEFAULT_NUDGE_CONFIG } from '../../../../src/core/nudges/nudgeConfig.js';
import { isStillRelevant, type PersonNudgeState } from '../../../../src/core/nudges/nudgeRules.js';
import type { Contact } from '../../../../src/core/pipeline/contactPorts.js';
import { at, makeContact, makeNudge, makePerson } from './factories.js';

const NOW = at('2026-11-20T10:00:00Z');

function followUpFor(contact: Contact) {
  return makeNudge({
    kind: 'follow_up',
    contactId: contact.id,
    expectedStage: 'reached_out',
    dedupeKey: `follow_up:${contact.id}:${contact.stageChangedAt.getTime()}:1`,
    payload: { n: 1, final: false },
  });
}

function pipeline(openCount: number, lastActivity: string): PersonNudgeState {
  const contacts = Array.from({ length: openCount }, (_, i) =>
    makeContact({ number: i + 1, stage: 'reached_out', lastActivityAt: at(lastActivity) }),
  );
  return { person: makePerson(), contacts, meetingsHeld: 0, firstOutreachAt: null, sent: [] };
}

describe('isStillRelevant', () => {
  it('when nothing changed, then a follow-up is still relevant', () => {
    const contact = makeContact({ stage: 'reached_out' });
    expect(
      isStillRelevant(followUpFor(contact), { contact, person: makePerson() }, DEFAULT_NUDGE_CONFIG, NOW),
    ).toEqual({
      relevant: true,
    });
  });

  it('when the person was forgotten, then the nudge is obsolete', () => {
    const contact = makeContact({ stage: 'reached_out' });
    expect(
      isStillRelevant(followUpFor(contact), { contact, person: null }, DEFAULT_NUDGE_CONFIG, NOW),
    ).toEqual({
      relevant: false,
      reason: 'person_gone',
    });
  });

  it('when the contact was deleted, then the nudge is obsolete', () => {
    const contact = makeContact({ stage: 'reached_out' });
    expect(
      isStillRelevant(
        followUpFor(contact),
        { contact: null, person: makePerson() },
        DEFAULT_NUDGE_CONFIG,
        NOW,
      ),
    ).toEqual({
      relevant: false,
      reason: 'contact_gone',
    });
  });

  it('when the contact was archived or declined, then even a nudge with no expected stage is obsolete', () => {
    const contact = makeContact({ stage: 'met' });
    const nudge = makeNudge({
      kind: 'thank_referrer',
      contactId: contact.id,
      dedupeKey: `thank_referrer:${contact.id}`,
    });
    const person = makePerson();
    expect(
      isStillRelevant(
        nudge,
        { contact: { ...contact, stage: 'archived' }, person },
        DEFAULT_NUDGE_CONFIG,
        NOW,
      ),
    ).toEqual({
      relevant: false,
      reason: 'contact_archived',
    });
    expect(
      isStillRelevant(
        nudge,
        { contact: { ...contact, stage: 'declined' }, person },
        DEFAULT_NUDGE_CONFIG,
        NOW,
      ),
    ).toEqual({
      relevant: false,
      reason: 'contact_declined',
    });
  });

  it('when the contact moved on from the expected stage, then the nudge is obsolete', () => {
    const contact = makeContact({ stage: 'reached_out' });
    const nudge = followUpFor(contact);
    expect(
      isStillRelevant(
        nudge,
        { contact: { ...contact, stage: 'scheduled' }, person: makePerson() },
        DEFAULT_NUDGE_CONFIG,
        NOW,
      ),
    ).toEqual({ relevant: false, reason: 'stage_changed' });
  });

  it('when the contact left the stage and came back, then the earlier round of follow-ups is obsolete', () => {
    const contact = makeContact({ stage: 'reached_out', stageChangedAt: at('2026-11-02T15:00:00Z') });
    const nudge = followUpFor(contact);
    const again = { ...contact, stageChangedAt: at('2026-11-15T15:00:00Z') };
    expect(
      isStillRelevant(nudge, { contact: again, person: makePerson() }, DEFAULT_NUDGE_CONFIG, NOW),
    ).toEqual({
      relevant: false,
      reason: 'stage_changed',
    });
  });

  it('when the student thanked the contact, then thanking the referrer is still relevant', () => {
    const contact = makeContact({ stage: 'thanked' });
    const nudge = makeNudge({
      kind: 'thank_referrer',
      contactId: contact.id,
      dedupeKey: `thank_referrer:${contact.id}`,
    });
    expect(isStillRelevant(nudge, { contact, person: makePerson() }, DEFAULT_NUDGE_CONFIG, NOW)).toEqual({
      relevant: true,
    });
  });

  it('when the met contact was moved back before the meeting, then thanking the referrer is obsolete', () => {
    const contact = makeContact({ stage: 'scheduled' });
    const nudge = makeNudge({
      kind: 'thank_referrer',
      contactId: contact.id,
      dedupeKey: `thank_referrer:${contact.id}`,
    });
    expect(isStillRelevant(nudge, { contact, person: makePerson() }, DEFAULT_NUDGE_CONFIG, NOW)).toEqual({
      relevant: false,
      reason: 'stage_changed',
    });
  });

  it('when the meeting a prepare nudge is for has started, then the nudge is obsolete', () => {
    const contact = makeContact({ stage: 'scheduled' });
    const nudge = makeNudge({
      kind: 'prepare',
      contactId: contact.id,
      expectedStage: 'scheduled',
      dedupeKey: `prepare:${contact.id}:${at('2026-11-20T09:30:00Z').getTime()}`,
    });
    const person = makePerson();
    expect(
      isStillRelevant(nudge, { contact, person }, DEFAULT_NUDGE_CONFIG, at('2026-11-20T09:00:00Z')),
    ).toEqual({
      relevant: true,
    });
    expect(
      isStillRelevant(nudge, { contact, person }, DEFAULT_NUDGE_CONFIG, at('2026-11-20T09:30:00Z')),
    ).toEqual({
      relevant: false,
      reason: 'meeting_started',
    });
  });

  it('when the list has fewer than 10 open contacts, then the weekly nudge is relevant', () => {
    const nudge = makeNudge({ kind: 'weekly_pipeline', dedupeKey: 'weekly_pipeline:person-1:2026-W47' });
    const personState = pipeline(9, '2026-11-19T10:00:00Z');
    expect(
      isStillRelevant(
        nudge,
        { contact: null, person: personState.person, personState },
        DEFAULT_NUDGE_CONFIG,
        NOW,
      ),
    ).toEqual({ relevant: true });
  });

  it('when the list is full but nothing happened for 14 days, then the weekly nudge is relevant', () => {
    const nudge = makeNudge({ kind: 'weekly_pipeline', dedupeKey: 'weekly_pipeline:person-1:2026-W47' });
    const personState = pipeline(10, '2026-11-06T10:00:00Z');
    expect(
      isStillRelevant(
        nudge,
        { contact: null, person: personState.person, personState },
        DEFAULT_NUDGE_CONFIG,
        NOW,
      ),
    ).toEqual({ relevant: true });
  });

  it('when the list is full and active, then the weekly nudge is obsolete', () => {
    const nudge = makeNudge({ kind: 'weekly_pipeline', dedupeKey: 'weekly_pipeline:person-1:2026-W47' });
    const personState = pipeline(10, '2026-11-06T10:00:01Z');
    expect(
      isStillRelevant(
        nudge,
        { contact: null, person: personState.person, personState },
        DEFAULT_NUDGE_CONFIG,
        NOW,
      ),
    ).toEqual({ relevant: false, reason: 'pipeline_on_track' });
  });

  it('when closed contacts fill the list, then they do not count towards the 10', () => {
    const nudge = makeNudge({ kind: 'weekly_pipeline', dedupeKey: 'weekly_pipeline:person-1:2026-W47' });
    const personState = pipeline(10, '2026-11-19T10:00:00Z');
    const withDeclined = {
      ...personState,
      contacts: personState.contacts.map((c, i) => (i === 0 ? { ...c, stage: 'declined' as const } : c)),
    };
    expect(
      isStillRelevant(
        nudge,
        { contact: null, person: personState.person, personState: withDeclined },
        DEFAULT_NUDGE_CONFIG,
        NOW,
      ),
    ).toEqual({ relevant: true });
  });

  it('when the person is no longer a student, then the weekly and reflection nudges are obsolete', () => {
    const person = makePerson({ role: 'mentor' });
    for (const kind of ['weekly_pipeline', 'reflect'] as const) {
      const nudge = makeNudge({ kind, dedupeKey: `${kind}:person-1` });
      expect(isStillRelevant(nudge, { contact: null, person }, DEFAULT_NUDGE_CONFIG, NOW)).toEqual({
        relevant: false,
        reason: 'not_a_student',
      });
    }
  });

  it('when a mentor logged a meeting, then the notice stays relevant even if the contact was archived', () => {
    const contact = makeContact({ stage: 'archived' });
    const nudge = makeNudge({ kind: 'mentor_logged', contactId: contact.id, dedupeKey: 'mentor_logged:m-1' });
    expect(isStillRelevant(nudge, { contact, person: makePerson() }, DEFAULT_NUDGE_CONFIG, NOW)).toEqual({
      relevant: true,
    });
  });
});
