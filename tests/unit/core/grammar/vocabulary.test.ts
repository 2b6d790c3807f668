import { describe, expect, it } from 'vitest';
import { SOURCE_LABELS, SOURCES, STAGE_LABELS, STAGES } from '../../../../src/core/domain.js';
import {
  findMeetingMode,
  resolveDraftKind,
  resolveRole,
  resolveSource,
  resolveStage,
} from '../../../../src/core/grammar/vocabulary.js';

describe('resolveSource', () => {
  it('when each source is typed by its name or its label, then it resolves to itself', () => {
    for (const source of SOURCES) {
      expect(resolveSource(source)).toEqual({ ok: true, value: source });
      expect(resolveSource(SOURCE_LABELS[source])).toEqual({ ok: true, value: source });
    }
  });

  it.each([
    ['alum', 'alumni'],
    ['Alumni Association', 'alumni'],
    ['association', 'professional_association'],
    ['professional', 'professional_association'],
    ['former colleague', 'former_colleague'],
    ['co-worker', 'former_colleague'],
    ['friend', 'friends_family'],
    ['friends & family', 'friends_family'],
    ['LinkedIn', 'linkedin'],
    ['instagram', 'social_media'],
    ['social-media', 'social_media'],
    ['career fair', 'event'],
    ['referred', 'referral'],
  ])('when %j is typed, then it is %s', (text, source) => {
    expect(resolveSource(text)).toEqual({ ok: true, value: source });
  });

  it('when an unknown source is typed, then it fails with invalid_value listing the accepted ones', () => {
    const result = resolveSource('carrier pigeon');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid_value');
    expect(result.error.message).toContain('alumni');
    expect(result.error.message).toContain('friends and family');
    expect(result.error.message).not.toContain('pigeon');
  });

  it('when a word of Object.prototype is typed, then it is not a source', () => {
    expect(resolveSource('constructor').ok).toBe(false);
  });
});

describe('resolveStage', () => {
  it('when each stage is typed by its name or label, then it resolves to itself', () => {
    for (const stage of STAGES) {
      expect(resolveStage(stage)).toEqual({ ok: true, value: stage });
      expect(resolveStage(STAGE_LABELS[stage].toUpperCase())).toEqual({ ok: true, value: stage });
    }
  });

  it.each([
    ['reached out', 'reached_out'],
    ['reached-out', 'reached_out'],
    ['keeping in touch', 'keeping_in_touch'],
    ['no reply', 'no_reply'],
  ])('when %j is typed, then it is %s', (text, stage) => {
    expect(resolveStage(text)).toEqual({ ok: true, value: stage });
  });

  it('when an unknown stage is typed, then it fails with invalid_value', () => {
    const result = resolveStage('limbo');
    expect(result.ok ? 'ok' : result.error.kind).toBe('invalid_value');
  });
});

describe('findMeetingMode', () => {
  it.each([
    ['in person', 'in_person'],
    ['in-person', 'in_person'],
    ['phone', 'phone'],
    ['call', 'phone'],
    ['Video', 'video'],
    ['zoom', 'video'],
    ['email', 'email'],
  ])('when %j is typed, then the mode is %s', (text, mode) => {
    expect(findMeetingMode(text)).toBe(mode);
  });

  it('when a word is not a mode, then there is none', () => {
    expect(findMeetingMode('tomorrow')).toBeUndefined();
    expect(findMeetingMode('in')).toBeUndefined();
  });
});

describe('resolveDraftKind and resolveRole', () => {
  it.each([
    ['thank-you', 'thanks'],
    ['thankyou', 'thanks'],
    ['follow up', 'followup'],
    ['outreach', 'outreach'],
    ['intro', 'outreach'],
  ])('when the draft kind %j is typed, then it is %s', (text, kind) => {
    expect(resolveDraftKind(text)).toEqual({ ok: true, value: kind });
  });

  it('when roles are typed in any case or plural, then they resolve, and others fail', () => {
    expect(resolveRole('Coordinator')).toEqual({ ok: true, value: 'coordinator' });
    expect(resolveRole('mentors')).toEqual({ ok: true, value: 'mentor' });
    const bad = resolveRole('admin');
    expect(bad.ok ? 'ok' : bad.error.kind).toBe('invalid_value');
  });
});
