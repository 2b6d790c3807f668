/**
 * The whole product's tables, one file per aggregate under schema/, gathered here because
 * drizzle-kit diffs this module (drizzle.config.ts) into `migrations/` and the engine hands it to
 * drizzle whole.
 *
 * Every table carries `orgId`: nothing ever crosses organizations, and every query filters on it.
 * Every timestamp is `timestamptz`; every table has `createdAt`/`updatedAt`.
 */

export * from './schema/access.js';
export {
  meetingModeEnum,
  nudgeStatusEnum,
  platformEnum,
  roleEnum,
  sourceEnum,
  stageEnum,
  timelineKindEnum,
} from './schema/columns.js';
export * from './schema/digest.js';
export * from './schema/installs.js';
export * from './schema/nudges.js';
export * from './schema/people.js';
export * from './schema/pipeline.js';
export * from './schema/program.js';
