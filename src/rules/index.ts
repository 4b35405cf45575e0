import { appDeployed } from './app-deployed.js';
import { appIdFormat } from './app-id-format.js';
import { capacityOrder } from './capacity-order.js';
import { capacityPlan } from './capacity-plan.js';
import { centerUnused } from './center-unused.js';
import { domainRedirect } from './domain-redirect.js';
import { domainUnique } from './domain-unique.js';
import { entityOwner } from './entity-owner.js';
import { entityPk } from './entity-pk.js';
import { foreignDbRead } from './foreign-db-read.js';
import { foreignDbWrite } from './foreign-db-write.js';
import { frontendViaCenters } from './frontend-via-centers.js';
import { idUnique } from './id-unique.js';
import { logicDuplication } from './logic-duplication.js';
import { orgCycle } from './org-cycle.js';
import { plannedDelivered } from './planned-delivered.js';
import { processFlow } from './process-flow.js';
import { refResolves } from './ref-resolves.js';
import { stateExit } from './state-exit.js';
import { stateFinalExit } from './state-final-exit.js';
import { stateInitial } from './state-initial.js';
import { stateReachable } from './state-reachable.js';
import { subsystemCodeUnique } from './subsystem-code-unique.js';
import { syncCycle } from './sync-cycle.js';
import type { Rule } from './types.js';

/** Every semantic rule, by id, sorted. */
export const rules: Readonly<Record<string, Rule>> = {
  'app-deployed': appDeployed,
  'app-id-format': appIdFormat,
  'capacity-order': capacityOrder,
  'capacity-plan': capacityPlan,
  'center-unused': centerUnused,
  'domain-redirect': domainRedirect,
  'domain-unique': domainUnique,
  'entity-owner': entityOwner,
  'entity-pk': entityPk,
  'foreign-db-read': foreignDbRead,
  'foreign-db-write': foreignDbWrite,
  'frontend-via-centers': frontendViaCenters,
  'id-unique': idUnique,
  'logic-duplication': logicDuplication,
  'org-cycle': orgCycle,
  'planned-delivered': plannedDelivered,
  'process-flow': processFlow,
  'ref-resolves': refResolves,
  'state-exit': stateExit,
  'state-final-exit': stateFinalExit,
  'state-initial': stateInitial,
  'state-reachable': stateReachable,
  'subsystem-code-unique': subsystemCodeUnique,
  'sync-cycle': syncCycle,
};
