import { describe, expect, it } from 'vitest';
import { PIPELINE, STAGES } from '../../../../src/core/domain.js';
import {
  classifyMove,
  isOpen,
  nextStage,
  nextStepHint,
  stageRank,
} from '../../../../src/core/pipeline/stageMachine.js';
import { lineToPlain } from '../../../../src/core/reply.js';

describe('the stage machine', () => {
  it('when a contact is on the main path, then the next stage is the one after it', () => {
    expect(nextStage('identified')).toBe('reached_out');
    expect(nextStage('reached_out')).toBe('scheduled');
    expect(nextStage('scheduled')).toBe('met');
    expect(nextStage('met')).toBe('thanked');
    expect(nextStage('thanked')).toBe('keeping_in_touch');
  });

  it('when a contact is at the end or on a side exit, then there is no next stage', () => {
    expect(nextStage('keeping_in_touch')).toBeNull();
    for (const exit of ['no_reply', 'declined', 'archived'] as const) expect(nextStage(exit)).toBeNull();
  });

  it('when moves are classified, then forward, back, exits, reopenings and no-ops are told apart', () => {
    expect(classifyMove('identified', 'met')).toBe('forward');
    expect(classifyMove('met', 'reached_out')).toBe('back');
    expect(classifyMove('scheduled', 'declined')).toBe('exit');
    expect(classifyMove('archived', 'identified')).toBe('reopen');
    expect(classifyMove('met', 'met')).toBe('same');
  });

  it('when stages are sorted, then the main path comes in order before the side exits', () => {
    const sorted = [...STAGES].sort((a, b) => stageRank(a) - stageRank(b));
    expect(sorted.slice(0, PIPELINE.length)).toEqual(PIPELINE);
    expect(sorted.slice(PIPELINE.length)).toEqual(['no_reply', 'declined', 'archived']);
  });

  it('when a stage is open, then it still asks something of the student', () => {
    expect(STAGES.filter(isOpen)).toEqual(PIPELINE);
  });

  it('when a next step is suggested, then it names the command to type with the contact number', () => {
    expect(lineToPlain(nextStepHint('identified', 3))).toContain('draft outreach #3');
    expect(lineToPlain(nextStepHint('met', 3))).toContain('draft thanks #3');
    expect(lineToPlain(nextStepHint('scheduled', 7))).toContain('questions #7');
    for (const stage of STAGES) expect(lineToPlain(nextStepHint(stage, 1)).length).toBeGreaterThan(3);
  });
});
