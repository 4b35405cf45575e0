import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'ref-resolves';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  /** [fixture, message, suggestions]: one per reference form. */
  const CASES: [string, string, string[]][] = [
    [
      'invalid/applications',
      '`calls[0].target` `order-centre` is not a service center, service, application or external system',
      ['order-center'],
    ],
    [
      'invalid/applications',
      '`calls[1].target` `order-center.create-ordr` is not a service center, service, application or external system',
      ['order-center.create-order'],
    ],
    ['invalid/applications', '`deployedOn[2].cluster` `k8s-prd` is not a cluster', ['k8s-prod']],
    ['invalid/applications', '`owner` `r-and-d` is not an org unit', []],
    ['invalid/applications', '`productLine` `11` is not a product line code', ['10']],
    ['invalid/business', '`steps[1].next[0]` `pya` is not a step of process `booking`', ['pay']],
    ['invalid/business', '`steps[0].next[0]` `search` is not a step of process `settlement`', []],
    [
      'invalid/business',
      '`steps[0].actor` `purchasr` is not a party, role or org unit',
      ['purchaser'],
    ],
    [
      'invalid/business',
      '`steps[3].service` `order-center.refnd` is not a service (`center.service`)',
      ['order-center.refund'],
    ],
    [
      'invalid/services',
      '`subsystem` `2002` is not a subsystem (product-line code + subsystem code)',
      ['2001'],
    ],
    [
      'invalid/data',
      '`attributes[3].ref[1]` `usr.id` is not an attribute (`entity.attribute`)',
      ['user.id'],
    ],
    ['invalid/data', '`attribute` `state` is not an attribute of entity `order`', []],
    [
      'invalid/data',
      '`creation.service` `order-center.creat` is not a service (`center.service`) or application',
      ['order-center.create-order'],
    ],
    [
      'invalid/data',
      '`transitions[1].to` `clsed` is not a state of state machine `domestic-order`',
      ['closed'],
    ],
    [
      'invalid/data',
      '`ownedBy` `order-centre` is not a service center or application',
      ['order-center'],
    ],
    [
      'invalid/physical-planning',
      '`target` `web-clustre` is not a cluster or application',
      ['web-cluster'],
    ],
    [
      'invalid/physical-planning',
      '`workItems[0].delivers[3]` `web-clusterr` is not a model element',
      ['web-cluster'],
    ],
  ];

  it.each(CASES)('%s: %s', async (fixture, message, suggest) => {
    const { findings } = await run(fixture);
    const found = findings.find((d) => d.message === message);
    expect(
      found,
      `no finding "${message}"; got:\n${findings.map((d) => d.message).join('\n')}`,
    ).toBeDefined();
    expect(found).toMatchObject({ messageId: 'unresolved', severity: 'error' });
    expect(found?.suggest ?? []).toEqual(suggest);
  });

  it('points at the value, with its JSON pointer', async () => {
    const { findings } = await run('invalid/applications');
    const d = findings.find((f) => f.message.includes('order-centre'));
    expect(d).toMatchObject({
      file: 'applications.yaml',
      line: 17,
      column: 19,
      pointer: '/applications/0/calls/0/target',
    });
  });
});
