import type { CapturedSnapshot, ResourceKind } from '../../../src-shared/snapshot/snapshot-model.js';
import type { Logger } from '../../logging/logger.js';
import type { CaptureListener } from '../capture-progress.js';
import type { OktaTransport } from '../okta-transport.js';
import { captureApp } from './capture-apps.js';
import type { CaptureContext } from './capture-context.js';
import { captureGroupRules, captureGroups, captureUserTypes } from './capture-directory.js';
import { capturePolicies, captureRuleReferences } from './capture-policies.js';
import { CaptureScope } from './capture-scope.js';
import { resolveApps } from './resolve-apps.js';
import { SectionRecorder } from './section-recorder.js';

export interface CaptureOptions {
  transport: OktaTransport;
  /** App ids or labels; empty means every Atlassian app in the org. */
  apps: string[];
  /** Maximum requests in flight at once within one step (default 4). */
  concurrency?: number;
  listener?: CaptureListener;
  logger?: Logger;
  now?: () => Date;
  /**
   * Objects to capture even when nothing the apps reach names them any more, such as the
   * groups a snapshot being restored names: a restore must see that they still exist.
   */
  follow?: CaptureFollow;
}

/** Ids a capture follows besides what its apps reach; ids Okta does not have are skipped. */
export interface CaptureFollow {
  groupIds?: readonly string[];
  zoneIds?: readonly string[];
  deviceAssuranceIds?: readonly string[];
  policyIds?: readonly string[];
  /** Names, for a restore into another org, where the snapshot's ids mean nothing. */
  groupNames?: readonly string[];
  policyNames?: readonly string[];
  zoneNames?: readonly string[];
  deviceAssuranceNames?: readonly string[];
}

/**
 * Sections whose scope comes from others: when an upstream section failed, what they hold may
 * be short, so they are failed too, naming the upstream failure.
 */
const UPSTREAM: Partial<Record<ResourceKind, ResourceKind[]>> = {
  group: ['app-group-assignment', 'group-push-mapping', 'group-rule', 'policy', 'policy-rule', 'profile-mapping'],
  'group-members': ['group'],
  'group-rule': ['app-group-assignment', 'group-push-mapping', 'policy', 'policy-rule'],
  policy: ['app-group-assignment', 'group-push-mapping'],
  'policy-rule': ['policy'],
  'network-zone': ['policy', 'policy-rule'],
  'device-assurance': ['policy', 'policy-rule'],
};

/**
 * Captures the Okta configuration around the chosen apps: the apps and their parts, then the
 * groups, rules and policies they reach. Throws `AppSelectionError` before capturing anything
 * when the apps cannot be found. Any later failure ends its section as failed and the snapshot
 * as incomplete, never as a shorter one.
 */
export async function captureSnapshot(options: CaptureOptions): Promise<CapturedSnapshot> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const recorder = new SectionRecorder(options.listener, options.logger);
  const context: CaptureContext = {
    transport: options.transport,
    recorder,
    concurrency: options.concurrency ?? 4,
    listener: options.listener,
    logger: options.logger,
  };
  const scope = new CaptureScope();
  for (const id of options.follow?.groupIds ?? []) {
    scope.groupIds.add(id);
    scope.followedGroupIds.add(id);
  }
  for (const id of options.follow?.zoneIds ?? []) scope.zoneIds.add(id);
  for (const id of options.follow?.deviceAssuranceIds ?? []) scope.deviceAssuranceIds.add(id);
  for (const id of options.follow?.policyIds ?? []) scope.followedPolicyIds.add(id);
  for (const name of options.follow?.groupNames ?? []) scope.followedGroupNames.add(name);
  for (const name of options.follow?.policyNames ?? []) scope.followedNames.policies.add(name);
  for (const name of options.follow?.zoneNames ?? []) scope.followedNames.zones.add(name);
  for (const name of options.follow?.deviceAssuranceNames ?? []) scope.followedNames.deviceAssurances.add(name);

  const apps = await resolveApps(context, options.apps);
  options.logger?.info({ apps: apps.map((app) => app['id']) }, 'capture started');
  for (const app of apps) await captureApp(context, app, scope);

  // Policies come before group rules, so the rules feeding the groups that policies name are
  // captured too. NOTE: the global session policies are chosen by the groups known at that
  // point, so a group that only a group rule's expression brings in pulls in no more policies.
  await capturePolicies(context, scope);
  await captureGroupRules(context, scope);
  await Promise.all([captureGroups(context, scope), captureRuleReferences(context, scope), captureUserTypes(context)]);
  failDownstreamOfFailures(recorder);

  const { resources, sections } = recorder.finish();
  options.logger?.info({ resources: resources.length, requests: options.transport.requestCount }, 'capture finished');
  return { orgUrl: options.transport.orgUrl, startedAt, finishedAt: now().toISOString(), resources, sections };
}

function failDownstreamOfFailures(recorder: SectionRecorder): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const [kind, upstream] of Object.entries(UPSTREAM) as Array<[ResourceKind, ResourceKind[]]>) {
      if (recorder.hasFailed(kind)) continue;
      const failed = upstream.find((source) => recorder.hasFailed(source));
      if (failed === undefined) continue;
      recorder.fail(kind, new Error(`Not captured whole, because the '${failed}' section it depends on failed.`));
      changed = true;
    }
  }
}
