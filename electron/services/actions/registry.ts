import type { OperationKind } from '../../../shared/domain/archive-types';
import type { AnyActionDefinition } from './action-definition';
import { BATCH_ACTIONS } from './batch-actions';
import { BONUS_ACTIONS } from './bonus-actions';
import { COMPENSATION_ACTIONS } from './compensation-actions';
import { HIT_ACTIONS } from './hit-actions';
import { NOTIFICATION_ACTIONS } from './notification-actions';
import { QUALIFICATION_ACTIONS } from './qualification-actions';
import { REVIEW_ACTIONS } from './review-actions';
import { WORKER_ACTIONS } from './worker-actions';

/** Every journaled action the executor knows; a feature adds its definitions here. */
export function actionRegistry(): ReadonlyMap<OperationKind, AnyActionDefinition> {
  const all = [...HIT_ACTIONS, ...BATCH_ACTIONS, ...REVIEW_ACTIONS, ...QUALIFICATION_ACTIONS, ...BONUS_ACTIONS, ...WORKER_ACTIONS, ...NOTIFICATION_ACTIONS, ...COMPENSATION_ACTIONS];
  const byKind = new Map<OperationKind, AnyActionDefinition>();
  for (const definition of all) {
    if (byKind.has(definition.kind)) throw new Error(`Two action definitions for ${definition.kind}`);
    byKind.set(definition.kind, definition);
  }
  return byKind;
}
