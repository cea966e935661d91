import type { JsonObject } from '../json/json-types.js';
import { appHolders, appLabel, type AppHolder } from './app-assignment.js';
import { newRequirements } from './requirement-comparison.js';
import { signOnDecision, type SignOnDecision } from './sign-on-requirements.js';
import type { SnapshotIndex } from './snapshot-index.js';

/** User ids newly denied or newly challenged at sign-on, with the reasons per user. */
export interface SignOnChanges {
  newlyDenied: Set<string>;
  newlyChallenged: Set<string>;
  /** User id to why: the rule that now denies, or what is now asked. */
  reasons: Map<string, string[]>;
  notes: string[];
}

/**
 * One snapshot's side of sign-on comparisons. It keeps each holder's decision once worked out,
 * so a snapshot compared with the one before it and with the one after it works each out once.
 * Decisions are shared between comparisons and must not be changed.
 */
export class SignOnSide {
  private readonly decisions = new Map<JsonObject, Map<string, SignOnDecision>>();

  constructor(readonly index: SnapshotIndex) {}

  /** Returns the users who have the app (see `appHolders`), by user id. */
  holdersOf(app: JsonObject): ReadonlyMap<string, AppHolder> {
    return appHolders(this.index, app).holders;
  }

  /** Returns how a holder of the app signs in to it (see `signOnDecision`). */
  decisionOf(app: JsonObject, holder: AppHolder): SignOnDecision {
    let decisions = this.decisions.get(app);
    if (decisions === undefined) this.decisions.set(app, (decisions = new Map()));
    let decision = decisions.get(holder.user.id);
    if (decision === undefined) decisions.set(holder.user.id, (decision = signOnDecision(this.index, holder.user, app)));
    return decision;
  }
}

/**
 * Compares sign-on for every user who has an app on both sides. Newly denied: ALLOW before,
 * DENY after, on any app. Newly challenged: ALLOW on both sides of an app, with the after side
 * asking something new (see `newRequirements`), and not newly denied on another app. An
 * UNKNOWN decision on either side leaves the user out and adds a note.
 */
export function compareSignOn(before: SignOnSide, after: SignOnSide): SignOnChanges {
  const changes: SignOnChanges = { newlyDenied: new Set(), newlyChallenged: new Set(), reasons: new Map(), notes: [] };
  const unknownCounts = new Map<string, number>();

  for (const afterApp of after.index.apps) {
    const beforeApp = before.index.apps.find((app) => app['id'] === afterApp['id']);
    if (beforeApp) compareApp(before, after, beforeApp, afterApp, changes, unknownCounts);
  }
  for (const userId of changes.newlyDenied) changes.newlyChallenged.delete(userId);
  for (const [note, count] of unknownCounts) changes.notes.push(note.replace('{count}', String(count)));
  return changes;
}

function compareApp(
  before: SignOnSide,
  after: SignOnSide,
  beforeApp: JsonObject,
  afterApp: JsonObject,
  changes: SignOnChanges,
  unknownCounts: Map<string, number>,
): void {
  const beforeHolders = before.holdersOf(beforeApp);
  const afterHolders = after.holdersOf(afterApp);
  const label = appLabel(afterApp);
  for (const [userId, afterHolder] of afterHolders) {
    const beforeHolder = beforeHolders.get(userId);
    if (!beforeHolder) continue;
    const was = before.decisionOf(beforeApp, beforeHolder);
    const now = after.decisionOf(afterApp, afterHolder);
    if (countUnknown(was, 'before', afterApp, unknownCounts) || countUnknown(now, 'after', afterApp, unknownCounts)) continue;
    recordChange(userId, was, now, label, changes);
  }
}

function recordChange(userId: string, was: SignOnDecision, now: SignOnDecision, label: string, changes: SignOnChanges): void {
  if (was.access !== 'ALLOW') return;
  if (now.access === 'DENY') {
    changes.newlyDenied.add(userId);
    addReasons(changes, userId, [`${label}: ${now.reason ?? 'denied'}`]);
    return;
  }
  const asked = [...newRequirements(was.session, now.session), ...newRequirements(was.app, now.app)];
  if (asked.length === 0) return;
  changes.newlyChallenged.add(userId);
  addReasons(changes, userId, asked.map((requirement) => `${label} now requires ${requirement}`));
}

function countUnknown(decision: SignOnDecision, side: 'before' | 'after', app: JsonObject, unknownCounts: Map<string, number>): boolean {
  if (decision.access !== 'UNKNOWN') return false;
  const note = `${appLabel(app)}: sign-on of {count} user(s) on the ${side} side could not be worked out, so they are not compared: ${decision.reason ?? 'unknown reason'}.`;
  unknownCounts.set(note, (unknownCounts.get(note) ?? 0) + 1);
  return true;
}

function addReasons(changes: SignOnChanges, userId: string, reasons: string[]): void {
  const existing = changes.reasons.get(userId) ?? [];
  for (const reason of reasons) if (!existing.includes(reason)) existing.push(reason);
  changes.reasons.set(userId, existing);
}
