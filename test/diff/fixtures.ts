import { STARTER_MODEL, edit } from './helpers.js';

/**
 * The feature branch of the diff scenarios: on the starter model, a party gets a new id, app
 * 100101 calls a new app 100202, app 100201 is renamed, entity `order` gains two attributes and
 * cluster `web-cluster` gets one more implemented node.
 */
export const FEATURE_MODEL = edit(
  STARTER_MODEL,
  [
    '    - { id: platform, name: Our platform, kind: platform }',
    '    - { id: our-platform, name: Our platform, kind: platform }',
  ],
  [
    '      - { target: "100201", protocol: rest, operations: [POST /orders] }',
    '      - { target: "100201", protocol: rest, operations: [POST /orders] }\n      - { target: "100202", protocol: rest }',
  ],
  ['    name: Order service', '    name: Order center'],
  [
    '    deployedOn: [app-cluster]\n',
    '    deployedOn: [app-cluster]\n  - id: "100202"\n    name: Settlement\n    kind: backend\n    owner: rd\n    deployedOn: [app-cluster]\n',
  ],
  [
    '        - { name: status, type: int }',
    '        - { name: status, type: int }\n        - { name: amount, type: decimal }\n        - { name: currency, type: char(3) }',
  ],
  [
    'implemented: 3, designed: 10, planned: 40 } }\n    - { id: app-cluster',
    'implemented: 4, designed: 10, planned: 40 } }\n    - { id: app-cluster',
  ],
);

/** The feature model with app 100101 calling an app that does not exist: one new error. */
export const BROKEN_MODEL = edit(FEATURE_MODEL, [
  'target: "100202", protocol: rest',
  'target: "100299", protocol: rest',
]);

/**
 * The starter model split into two files with the applications moved out, and no element
 * changed: a diff against the one-file model must be empty.
 */
export function splitStarter(): { 'model/model.yaml': string; 'model/apps.yaml': string } {
  const start = STARTER_MODEL.indexOf('productLines:');
  const end = STARTER_MODEL.indexOf('data:');
  return {
    'model/model.yaml': STARTER_MODEL.slice(0, start) + STARTER_MODEL.slice(end),
    'model/apps.yaml': `# Applications, moved out of model.yaml.\n\n${STARTER_MODEL.slice(start, end)}`,
  };
}
